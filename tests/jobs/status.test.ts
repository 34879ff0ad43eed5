/**
 * A job's status has one owner (utils/jobs/status.ts). Random sequences of what can happen to
 * a job (pause, resume, cancel, a worker stopped, a write that fails, a browser restart) never
 * reach a status the table of moves does not allow, and storage and memory agree whenever the
 * worker has nothing left to do.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobTable, type RecordStore } from '../../utils/jobs/job-table';
import type { JobRecord, StoredRequest } from '../../utils/jobs/record';
import {
  canMove,
  createStatusKeeper,
  MOVES,
  newRecord,
  type StatusEvent,
  type StatusEventType,
} from '../../utils/jobs/status';
import type { JobRegistry } from '../../utils/jobs/registry';
import type { JobStatus } from '../../utils/jobs/types';
import { createMemorySpool } from '../storage/spool-memory';
import { harness, memoryRecords, memoryStops, settled, type Harness } from './helpers';

const STATUSES: JobStatus[] = [
  'queued',
  'running',
  'paused',
  'interrupted',
  'awaiting-confirmation',
  'completed',
  'failed',
  'cancelled',
];
const EVENTS = Object.keys(MOVES) as StatusEventType[];

/** Whether storage may go from one status to the next: the same, or one move of the table. */
const legalStep = (from: JobStatus, to: JobStatus) =>
  from === to || EVENTS.some((e) => MOVES[e].to === to && MOVES[e].from.includes(from));

/** Records whose next `failures.next` writes fail (a disk full for a moment). */
function flaky(records: RecordStore, failures: { next: number }): RecordStore {
  return {
    ...records,
    save: (r) => {
      if (failures.next > 0) {
        failures.next -= 1;
        return Promise.reject(new Error('QuotaExceededError: disk full'));
      }
      return records.save(r);
    },
  };
}

const EXPORT: StoredRequest = { kind: 'export', storeHash: 'abc123', promotionId: 1 };

const eventOf = (type: StatusEventType): StatusEvent =>
  type === 'stall' || type === 'fail' ? { type, error: 'The store did not answer.' } : { type };

describe('transition', () => {
  it('takes exactly the moves of the table, and storage ends as memory says, writes failing or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ event: fc.constantFrom(...EVENTS), failing: fc.nat(3) }), {
          maxLength: 25,
        }),
        async (steps) => {
          const stored = memoryRecords();
          const failures = { next: 0 };
          const table = createJobTable({
            records: flaky(stored, failures),
            spool: createMemorySpool(),
            now: Date.now,
            saveEveryMs: 0,
            retryWritesMs: [0, 0, 0],
          });
          const { transition } = createStatusKeeper({ table, now: Date.now, stops: memoryStops() });
          const job: JobRecord = newRecord('j', EXPORT, null, Date.now());
          await stored.save(job);
          for (const { event, failing } of steps) {
            const from = job.status;
            failures.next = failing;
            const moved = await transition(job, eventOf(event)).then(
              () => true,
              () => false,
            );
            if (!canMove(from, event)) {
              // Refused before anything changed, in memory or in storage.
              expect(moved).toBe(false);
              expect(job.status).toBe(from);
              continue;
            }
            expect(job.status).toBe(MOVES[event].to);
            // Three tries after the first: up to 3 failures in a row still reach storage.
            expect(moved).toBe(true);
            expect((await stored.get('j'))?.status).toBe(job.status);
            expect(await stored.get('j')).toEqual(job);
            if (job.status === 'completed' || job.status === 'cancelled')
              expect(job.finishedAt).not.toBeNull();
            if (job.status === 'running') expect(job.error).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a write that never goes through: into running it throws (the job does not run), out of it memory keeps the move', async () => {
    const table = createJobTable({
      records: flaky(memoryRecords(), { next: Infinity }),
      spool: createMemorySpool(),
      now: Date.now,
      saveEveryMs: 0,
      retryWritesMs: [0],
    });
    const { transition } = createStatusKeeper({ table, now: Date.now, stops: memoryStops() });
    const job = newRecord('j', EXPORT, null, Date.now());
    await expect(transition(job, { type: 'begin' })).rejects.toThrow(/disk full/);
    await transition(job, { type: 'fail', error: 'disk full' });
    expect(job.status).toBe('failed');
  });
});

type Action =
  | { type: 'pause' | 'resume' | 'cancel' }
  | { type: 'worker-stop' | 'browser-restart' }
  | { type: 'write-failure'; writes: number }
  | { type: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom<Action>(
    { type: 'pause' },
    { type: 'resume' },
    { type: 'cancel' },
    { type: 'worker-stop' },
    { type: 'browser-restart' },
  ),
  fc.record({
    type: fc.constant('write-failure' as const),
    writes: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40 }) }),
);

describe('a job through random events, in the registry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: { bulkCodes: 50 }, latencyMs: 5 });
  });
  afterAll(() => h.sandbox.close());

  it('never reaches a status the table does not allow, and storage agrees with memory whenever the worker is idle', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('generate' as const, 'export' as const),
        fc.array(action, { minLength: 1, maxLength: 8 }),
        async (kind, actions) => {
          run += 1;
          const failures = { next: 0 };
          /** Every status written, by job, in order. */
          const written = new Map<string, JobStatus[]>();
          const watched: RecordStore = {
            ...h.records,
            save: async (r) => {
              await h.records.save(r);
              written.set(r.id, [...(written.get(r.id) ?? []), r.status]);
            },
          };
          const records = flaky(watched, failures);
          const worker = () => h.registry({ records, retryWritesMs: [1, 1, 1] });
          let reg: JobRegistry = worker();
          const id = await reg.start(
            kind === 'generate'
              ? {
                  kind,
                  storeHash: h.sandbox.storeHash,
                  promotionId: h.sandbox.promotions.bulk,
                  params: {
                    count: 1500,
                    maxUses: 1,
                    maxUsesPerCustomer: 1,
                    prefix: `P${run}`,
                    suffix: '',
                    delimiter: '-',
                    codeLength: 10,
                    excludeCharacters: [],
                  },
                }
              : {
                  kind,
                  storeHash: h.sandbox.storeHash,
                  promotionId: h.sandbox.promotions.bulk,
                  unusedOnly: false,
                },
          );

          /** Storage and memory agree, once nothing is under way. */
          const agree = async () => {
            if (reg.busy()) return;
            const memory = await reg.find(id);
            const raw = h.records.raw.get(id);
            expect(raw, 'the job is in storage').toBeDefined();
            const inStorage = JSON.parse(raw!) as JobRecord;
            expect(inStorage.status).toBe(memory!.status);
            expect(inStorage.finishedAt).toBe(memory!.finishedAt);
            expect(inStorage.error).toEqual(memory!.error);
          };

          for (const a of actions) {
            switch (a.type) {
              case 'pause':
              case 'resume':
              case 'cancel':
                // Refused when the job is not in a state for it: that is the table at work.
                await reg.control(id, a.type).catch(() => undefined);
                break;
              case 'worker-stop':
              case 'browser-restart':
                h.kill(reg);
                reg = worker();
                await reg.recover(a.type === 'worker-stop');
                break;
              case 'write-failure':
                failures.next = a.writes;
                break;
              case 'wait':
                await new Promise((r) => setTimeout(r, a.ms));
                break;
            }
            const status = (await reg.find(id))!.status;
            expect(STATUSES).toContain(status);
            await agree();
          }
          failures.next = 0;
          await settled(reg);
          await agree();
          const stored = written.get(id)!;
          expect(stored[0]).toBe('queued');
          for (let i = 1; i < stored.length; i++)
            expect(
              legalStep(stored[i - 1]!, stored[i]!),
              `stored ${stored[i - 1]} then ${stored[i]}`,
            ).toBe(true);
          // Whatever happened, the job ends up where it stops or waits for the merchant.
          expect(['paused', 'interrupted', 'completed', 'failed', 'cancelled']).toContain(
            (await reg.find(id))!.status,
          );
          // Out of the way of the next run's job on the same promotion.
          await reg.control(id, 'cancel').catch(() => undefined);
          await settled(reg);
          h.kill(reg);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
