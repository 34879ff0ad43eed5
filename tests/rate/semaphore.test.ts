import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Semaphore, type Release } from '../../utils/rate/semaphore';

/** Lets every pending promise callback run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('grants up to capacity at once, then queues', async () => {
    const sem = new Semaphore(2);
    const a = await sem.acquire();
    const b = await sem.acquire();
    let third: Release | null = null;
    void sem.acquire().then((r) => (third = r));
    await flush();
    expect(sem.inUse).toBe(2);
    expect(sem.waiting).toBe(1);
    expect(third).toBeNull();
    a();
    await flush();
    expect(third).not.toBeNull();
    expect(sem.inUse).toBe(2);
    b();
    third!();
    expect(sem.inUse).toBe(0);
  });

  it('serves waiters in FIFO order', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const order: number[] = [];
    const waits = [1, 2, 3, 4, 5].map((n) =>
      sem.acquire().then((release) => {
        order.push(n);
        release();
      }),
    );
    await flush();
    expect(order).toEqual([]);
    first();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not let a newcomer overtake queued waiters (tryAcquire too)', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const order: string[] = [];
    const queued = sem.acquire().then((r) => {
      order.push('queued');
      return r;
    });
    first(); // the slot goes straight to the queued waiter
    expect(sem.tryAcquire()).toBeNull();
    (await queued)();
    expect(order).toEqual(['queued']);
  });

  it('front: true queues at the head of the line', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const order: string[] = [];
    const take = (name: string, front = false) =>
      sem.acquire({ front }).then((release) => {
        order.push(name);
        release();
      });
    const all = [take('a'), take('b'), take('urgent', true)];
    first();
    await Promise.all(all);
    expect(order).toEqual(['urgent', 'a', 'b']);
  });

  it('release is idempotent', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    release();
    release();
    expect(sem.inUse).toBe(0);
    await sem.acquire();
    expect(sem.inUse).toBe(1);
    expect(sem.tryAcquire()).toBeNull();
  });

  it('growing the capacity wakes waiters at once', async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    let granted = 0;
    for (let i = 0; i < 3; i++) void sem.acquire().then(() => granted++);
    await flush();
    expect(granted).toBe(0);
    sem.setCapacity(3);
    await flush();
    expect(granted).toBe(2);
    expect(sem.waiting).toBe(1);
  });

  it('shrinking keeps held slots and grants nothing until below the new capacity', async () => {
    const sem = new Semaphore(3);
    const held = [await sem.acquire(), await sem.acquire(), await sem.acquire()];
    let granted = false;
    void sem.acquire().then(() => (granted = true));
    sem.setCapacity(1);
    held[0]!();
    held[1]!();
    await flush();
    expect(sem.inUse).toBe(1);
    expect(granted).toBe(false);
    held[2]!();
    await flush();
    expect(granted).toBe(true);
    expect(sem.inUse).toBe(1);
  });

  it('rejects invalid capacities', () => {
    expect(() => new Semaphore(-1)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
    expect(() => new Semaphore(1).setCapacity(Number.NaN)).toThrow(RangeError);
  });

  it('abort while waiting rejects promptly with the reason and gives up the place in line', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const controller = new AbortController();
    const aborted = sem.acquire({ signal: controller.signal });
    const order: string[] = [];
    const next = sem.acquire().then((release) => {
      order.push('next');
      return release;
    });
    expect(sem.waiting).toBe(2);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(sem.waiting).toBe(1);
    first();
    const release = await next;
    expect(order).toEqual(['next']);
    expect(sem.inUse).toBe(1); // the aborted waiter holds nothing
    release();
    expect(sem.inUse).toBe(0);
  });

  it('rejects at once on an already aborted signal, with its reason', async () => {
    const sem = new Semaphore(5);
    const reason = new Error('stop');
    await expect(sem.acquire({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sem.inUse).toBe(0);
  });

  it('aborting after the grant changes nothing', async () => {
    const sem = new Semaphore(1);
    const controller = new AbortController();
    const release = await sem.acquire({ signal: controller.signal });
    controller.abort();
    expect(sem.inUse).toBe(1);
    release();
    expect(sem.inUse).toBe(0);
  });

  it('property: random acquire / release / abort / resize never over-grants and serves in FIFO order', async () => {
    type Op =
      | { op: 'acquire'; front: boolean }
      | { op: 'release'; pick: number }
      | { op: 'abort'; pick: number }
      | { op: 'resize'; capacity: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('acquire' as const), front: fc.boolean() }),
      fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('abort' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('resize' as const), capacity: fc.integer({ min: 0, max: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }),
        fc.array(op, { maxLength: 60 }),
        async (initial, ops) => {
          const sem = new Semaphore(initial);
          let capacity = initial;
          let nextId = 0;
          // Our model of the queue: ids in the order they must be served.
          const queue: number[] = [];
          const served: number[] = [];
          const held: Release[] = [];
          const controllers = new Map<number, AbortController>();
          let heldAfterShrink = 0;

          for (const o of ops) {
            if (o.op === 'acquire') {
              const id = nextId++;
              const controller = new AbortController();
              controllers.set(id, controller);
              if (o.front) queue.unshift(id);
              else queue.push(id);
              sem.acquire({ signal: controller.signal, front: o.front }).then(
                (release) => {
                  served.push(id);
                  held.push(release);
                },
                () => undefined,
              );
            } else if (o.op === 'release' && held.length > 0) {
              held.splice(o.pick % held.length, 1)[0]!();
            } else if (o.op === 'abort' && queue.length > 0) {
              const id = queue.splice(o.pick % queue.length, 1)[0]!;
              controllers.get(id)!.abort();
            } else if (o.op === 'resize') {
              capacity = o.capacity;
              heldAfterShrink = sem.inUse;
              sem.setCapacity(capacity);
            }
            await flush();
            // Served in model order: whoever was served is removed from the head of the model queue.
            while (served.length > 0) {
              const id = served.shift()!;
              expect(queue.shift()).toBe(id);
            }
            expect(sem.waiting).toBe(queue.length);
            expect(sem.inUse).toBe(held.length);
            // Never more than capacity, except slots held from before a shrink.
            expect(sem.inUse).toBeLessThanOrEqual(Math.max(capacity, heldAfterShrink));
            if (sem.inUse < capacity) expect(sem.waiting).toBe(0); // no idle slot while someone waits
            heldAfterShrink = Math.min(heldAfterShrink, sem.inUse);
          }
        },
      ),
    );
  });
});
