/**
 * Deleting one code found with "Find a code", by the purge's rules: the code is read again,
 * written to a one-line backup, and deleted only once the browser says that backup is on disk.
 */
import type { BigCommerceClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import type { Spool } from '../storage/spool';
import { purgeSpools } from './purge';
import { said, type ErrorWords } from '../vocabulary';

export interface DeleteOneCheckpoint {
  /** The code as the store held it when the job read it (the backup's line). */
  row: CouponCode | null;
}

export interface DeleteOneDeps {
  client: BigCommerceClient;
  spool: Spool;
  jobId: string;
  promotionId: number;
  code: string;
  signal: AbortSignal;
  checkpoint: DeleteOneCheckpoint;
  save(): Promise<void>;
  /** Writes the backup file and waits for the browser: null once it is on disk, or why not. */
  backUp(): Promise<ErrorWords | null>;
}

export async function deleteOneCode(d: DeleteOneDeps): Promise<void> {
  const cp = d.checkpoint;
  if (!cp.row) {
    const row = await d.client.findCodeIn(d.promotionId, d.code, d.signal);
    if (!row) throw new ApiError('not-found', said('errors.codeGone', [d.code]));
    cp.row = row;
    await d.spool.putChunk(purgeSpools(d.jobId).targets, 1, [row]);
    await d.save();
  }
  const problem = await d.backUp();
  if (problem)
    throw new ApiError('no-backup', said('errors.codeBackupNotSaved', [cp.row.code, problem]));
  const res = await d.client.deleteCodes(d.promotionId, [cp.row.id], d.signal);
  if (res.deleted !== 1 && (await d.client.findCodeIn(d.promotionId, cp.row.code, d.signal)))
    throw new ApiError('invalid', said('errors.codeNotDeleted', [cp.row.code]));
}
