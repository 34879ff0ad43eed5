/**
 * The soak's purge of unused codes on a live store: customers redeem codes before the scan,
 * between the scan and the confirmation, and while it deletes (each page of codes as it is read
 * again: `redeemOnList`), another app adds codes meanwhile. The invariant: no code in use at
 * the moment of its DELETE is deleted (the sandbox counts, at each DELETE, the deleted codes
 * that were in use then); every planned code redeemed since the scan is kept and counted; the
 * backup says what became of each code.
 */
import type { Sandbox } from '../../sandbox/server';
import type { CouponCode } from '../../utils/api/schemas';
import { purgeSpools } from '../../utils/jobs/purge';
import type { JobRegistry } from '../../utils/jobs/registry';
import type { JobView } from '../../utils/jobs/types';
import type { Spool } from '../../utils/storage/spool';
import type { TargetOutcome } from '../../utils/vocabulary';
import { confirm, spoolRows, waitFor } from '../jobs/helpers';
import { plainWords } from '@/utils/api/errors';

export interface UnusedPurgeSoak {
  sandbox: Sandbox;
  registry: JobRegistry;
  spool: Spool;
  promo: number;
  phase(name: string, fn: () => Promise<JobView>): Promise<JobView>;
  check(name: string, ok: boolean, detail: string): void;
  /** Another app adding codes every `everyMs` while the purge runs; returns its stop. */
  anotherWriter(everyMs: number, count: number): () => void;
}

export async function soakUnusedPurge(s: UnusedPurgeSoak): Promise<void> {
  const { sandbox, registry, promo } = s;
  const store = () => sandbox.codes(promo);
  const stats = () => sandbox.stats();
  // Some codes were used long before: the plan leaves them alone.
  const earlier = sandbox.redeem(promo, { count: Math.floor(store().length / 10) }).length;
  const base = { storeHash: sandbox.storeHash, promotionId: promo };
  const plan = await s.phase('purge (unused, plan)', async () =>
    waitFor(
      registry,
      await registry.start({ ...base, kind: 'purge', mode: 'unused' }),
      ['awaiting-confirmation', 'failed'],
      30 * 60_000,
    ),
  );
  const targets = plan.purge?.targetCount ?? 0;
  s.check(
    'unused purge dry run counts the unused codes',
    targets === store().filter((c) => c.current_uses === 0).length,
    `${targets} targets, ${earlier} codes used before`,
  );
  // Shoppers redeem codes while the merchant reads the confirmation, and as each page is read again.
  const before = stats();
  const betweenScanAndConfirm = sandbox.redeem(promo, { count: 500 }).length;
  sandbox.configure({ redeemOnList: 2 });
  const stopWriter = s.anotherWriter(100, 5);
  await confirm(registry, plan.id);
  const done = await s.phase('purge (unused, delete)', () =>
    waitFor(registry, plan.id, ['completed', 'failed'], 30 * 60_000),
  );
  stopWriter();
  sandbox.configure({ redeemOnList: 0 });
  const after = stats();
  const redemptions = after.redemptions - before.redemptions;
  const usedAtDelete = after.deleted.usedAtDelete - before.deleted.usedAtDelete;
  const unseen = after.deleted.redeemedSinceListed - before.deleted.redeemedSinceListed;
  s.check(
    'unused purge completed',
    done.status === 'completed',
    plainWords(done.error ?? done.status),
  );
  s.check(
    'customers redeemed codes during the unused purge',
    redemptions > betweenScanAndConfirm && betweenScanAndConfirm === 500,
    `${redemptions} redemptions: ${betweenScanAndConfirm} between the scan and the confirmation, ${redemptions - betweenScanAndConfirm} as pages were read again`,
  );
  s.check(
    'no code used at the time of its DELETE was deleted',
    usedAtDelete === 0 && unseen === 0,
    `${usedAtDelete} used at their DELETE (${unseen} of them redeemed after their last reading)`,
  );
  const rows = await spoolRows<CouponCode & { outcome?: TargetOutcome }>(
    s.spool,
    purgeSpools(plan.id).targets,
  );
  const now = new Map(store().map((c) => [c.id, c]));
  const kept = rows.filter((r) => r.outcome === 'redeemed');
  const p = done.purge!;
  s.check(
    'every planned code redeemed since the scan was kept, and counted',
    kept.length === p.kept &&
      kept.every((r) => (now.get(r.id)?.current_uses ?? 0) > 0) &&
      kept.length >= betweenScanAndConfirm,
    `${p.kept} kept, ${kept.length} marked so in the backup`,
  );
  s.check(
    'no planned code still unused is left, and the deleted ones are gone',
    rows.every((r) => (r.outcome === 'deleted') === !now.has(r.id)) &&
      rows.every((r) => !now.has(r.id) || now.get(r.id)!.current_uses > 0),
    `${p.deleted} deleted, ${p.gone ?? 0} already gone, ${p.unchecked ?? 0} not read again`,
  );
  s.check(
    'its backup, made again, says what became of each code',
    p.outcomes === true &&
      p.deleted + (p.kept ?? 0) + (p.gone ?? 0) + (p.unchecked ?? 0) === targets &&
      rows.length === targets,
    `${rows.length} rows`,
  );
}
