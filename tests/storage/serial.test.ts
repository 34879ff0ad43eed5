import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../utils/storage/serial';

describe('serial queue', () => {
  it('runs steps one at a time, in order, and survives a failure', async () => {
    const serial = createSerialQueue();
    const log: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      serial(step('a')),
      serial(step('b', true)),
      serial(step('c')),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
