/**
 * An async counting semaphore whose capacity can change at run time.
 *
 * - FIFO: slots go to waiters strictly in queue order; a newcomer never overtakes a waiter
 *   (acquire only succeeds at once when nobody is queued).
 * - `front: true` queues at the head instead: for a caller that already waited its turn once
 *   and was sent back (a request re-queued after a 429), so it does not lose its place.
 * - Shrinking never revokes a held slot: holders keep theirs and no new slot is granted until
 *   the number held is below the new capacity.
 * - Abort: a waiting acquire rejects with the signal's reason as soon as it aborts and leaves
 *   the queue at once (O(1)), so it neither holds nor blocks a slot.
 */

/** Gives the slot back. Calling it more than once has no further effect. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  prev: Waiter | null;
  next: Waiter | null;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Queue at the head of the line rather than at its tail. */
  front?: boolean;
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`Semaphore capacity must be an integer >= 0, got ${capacity}`);
  }
  return capacity;
}

export class Semaphore {
  private cap: number;
  private held = 0;
  private queued = 0;
  // A doubly linked list: O(1) append, prepend, take-first and remove-from-the-middle (abort).
  private head: Waiter | null = null;
  private tail: Waiter | null = null;

  constructor(capacity: number) {
    this.cap = checkCapacity(capacity);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Slots currently held (may exceed capacity right after a shrink). */
  get inUse(): number {
    return this.held;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.queued;
  }

  setCapacity(capacity: number): void {
    this.cap = checkCapacity(capacity);
    this.grantWhileFree();
  }

  /** A slot now if one is free and nobody is queued ahead, else null. */
  tryAcquire(): Release | null {
    if (this.head !== null || this.held >= this.cap) return null;
    this.held++;
    return this.releaser();
  }

  acquire(options: AcquireOptions = {}): Promise<Release> {
    const { signal, front = false } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);

    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        this.unlink(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        prev: null,
        next: null,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (front) this.pushFront(waiter);
      else this.pushBack(waiter);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      this.grantWhileFree();
    };
  }

  /** Hands free slots to the head of the queue. The slot is counted as held when granted, so nobody can slip in between. */
  private grantWhileFree(): void {
    while (this.head !== null && this.held < this.cap) {
      const waiter = this.head;
      this.unlink(waiter);
      this.held++;
      waiter.grant(this.releaser());
    }
  }

  private pushBack(waiter: Waiter): void {
    waiter.prev = this.tail;
    if (this.tail) this.tail.next = waiter;
    else this.head = waiter;
    this.tail = waiter;
    this.queued++;
  }

  private pushFront(waiter: Waiter): void {
    waiter.next = this.head;
    if (this.head) this.head.prev = waiter;
    else this.tail = waiter;
    this.head = waiter;
    this.queued++;
  }

  private unlink(waiter: Waiter): void {
    if (waiter.prev) waiter.prev.next = waiter.next;
    else if (this.head === waiter) this.head = waiter.next;
    else return; // not in the queue (already granted or removed)
    if (waiter.next) waiter.next.prev = waiter.prev;
    else this.tail = waiter.prev;
    waiter.prev = waiter.next = null;
    this.queued--;
  }
}
