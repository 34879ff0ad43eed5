import type { StoreClients } from '../api/store-clients';
import type { Spool } from '../storage/spool';
import { createSpools } from './create-codes';
import type { FileKeeper } from './file-keeper';
import type { JobTable } from './job-table';
import type { JobRecord } from './record';
import { finishCreateFiles, settleStopped } from './run-kind';

export interface WindDownDeps {
  files: FileKeeper;
  table: JobTable;
  clients: StoreClients;
  spool: Spool;
}

/**
 * A creating job that ended short (cancelled, failed, or cancelled while paused): the codes it
 * made exist in the store, so the merchant gets them in files like a finished job's.
 */
export async function windDown(r: JobRecord, deps: WindDownDeps): Promise<void> {
  if (r.kind === 'generate') {
    await deps.table.persist(r).catch(() => undefined); // the merchant sees it stopped while it winds down
    // What requests under way at the stop may have made is settled first (codes of the job the
    // store does not hold leave its ledger), then the codes it made go in a file, the rest apart.
    const client = await deps.clients.clientFor(r.storeHash).catch(() => null);
    const listed = client
      ? await settleStopped(r, { client, spool: deps.spool, onWait: () => undefined }).catch(
          () => false,
        )
      : false;
    if ((await deps.spool.rowCount(r.id).catch(() => 0)) > 0)
      await deps.files.finish(r, 'generated').catch(() => undefined);
    if (listed) await deps.files.finish(r, 'unattributed').catch(() => undefined);
  }
  if (r.kind === 'import' || r.kind === 'pattern') {
    const ns = createSpools(r.id);
    const anything =
      (await deps.spool.rowCount(ns.made).catch(() => 0)) +
      (await deps.spool.rowCount(ns.rejected).catch(() => 0));
    // What it made (and could not) before it stopped, in files like a finished job's.
    if (anything > 0)
      await finishCreateFiles(r, {
        spool: deps.spool,
        finishFile: async (kind) => void (await deps.files.finish(r, kind)),
      }).catch(() => undefined);
  }
}
