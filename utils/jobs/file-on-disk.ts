/** A file a job needs on disk before it goes on (the one-line backup of "Delete this code"). */
import type { FileKeeper } from './file-keeper';
import type { JobRecord } from './record';
import type { FileKind } from './types';

/** How long a job waits for a file it needs on disk before going on. */
const FILE_WAIT_MS = 10 * 60_000;

/**
 * Makes a file (again, if an earlier save failed) and waits for the browser to have it on
 * disk: null then, or why not. A "Save as" dialog may keep it waiting; not past FILE_WAIT_MS.
 */
export async function fileOnDisk(
  files: FileKeeper,
  r: JobRecord,
  kind: FileKind,
  signal: AbortSignal,
  now: () => number,
): Promise<string | null> {
  let file = files.fileOf(r, kind);
  if (!file || file.saved?.state === 'failed') file = await files.finish(r, kind);
  for (const until = now() + FILE_WAIT_MS; now() < until;) {
    if (signal.aborted) throw signal.reason;
    const state = file.saved?.state;
    if (state === 'saved')
      return (await files.stillOnDisk(r, file))
        ? null
        : (file.saved?.error ?? 'It is no longer on disk.');
    if (state === 'failed') return file.saved?.error ?? 'The file was not saved.';
    if (!state) return 'The file could not be handed to the browser’s downloads.';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return 'The browser did not finish saving it within 10 minutes (a “Save as” dialog left open?).';
}
