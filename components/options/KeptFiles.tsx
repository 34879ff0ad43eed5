/**
 * "Files kept in the extension": what the jobs' files take on this computer, and removing them.
 * Every removal asks first, naming the file; a purge's backup inside its 30 days says so.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { KeptFileView } from '@/utils/jobs/types';
import type { UiBridge } from '@/utils/ui/bridge';
import { formatBytes, formatCount, plural } from '@/utils/ui/format';
import { dateText } from '../date-text';
import { fromPerson, sendChecked } from '../trusted';

type Asking = { file: KeptFileView } | { all: true } | null;

function fileKey(f: KeptFileView): string {
  return `${f.jobId}/${f.kind}`;
}

function question(asking: Exclude<Asking, null>, files: KeptFileView[]): string {
  if ('all' in asking) {
    const kept = files.filter((f) => f.keepUntil !== null);
    const backups = kept.length
      ? ` This includes ${kept.length === 1 ? 'the backup' : 'the backups'} of ${kept.length === 1 ? 'a purge' : 'purges'} kept for 30 days: ${kept.map((f) => f.filename).join(', ')}.`
      : '';
    return `Remove all ${plural(files.length, 'file')} kept in the extension?${backups} Copies you downloaded stay on your computer.`;
  }
  const f = asking.file;
  return f.keepUntil !== null
    ? `Remove ${f.filename}? It is the backup of a purge, kept until ${dateText(f.keepUntil)} in case codes need to be brought back. Copies you downloaded stay on your computer.`
    : `Remove ${f.filename} from the extension? Copies you downloaded stay on your computer.`;
}

export function KeptFiles(props: { bridge: UiBridge; version: number }): JSX.Element {
  const { bridge } = props;
  const [files, setFiles] = useState<KeptFileView[] | null>(null);
  const [usage, setUsage] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const reply = await bridge.send('listKeptFiles');
    if (reply.ok) setFiles(reply.value);
    else setError(reply.error);
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
    setUsage(estimate?.usage ?? null);
  };
  useEffect(() => {
    void load();
  }, [props.version]);

  const removeOne = (f: KeptFileView) =>
    bridge.send('removeKeptFile', { jobId: f.jobId, kind: f.kind, confirmed: true });
  const confirm = async () => {
    if (!asking || !files) return;
    setBusy(true);
    const targets = 'all' in asking ? files : [asking.file];
    for (const f of targets) {
      const reply = await removeOne(f);
      if (!reply.ok) {
        setError(reply.error);
        break;
      }
    }
    setBusy(false);
    setAsking(null);
    await load();
  };

  const total = (files ?? []).reduce((n, f) => n + (f.bytes ?? 0), 0);
  return (
    <section class="bcm-card" aria-labelledby="bcm-files-title">
      <h2 id="bcm-files-title">Files kept in the extension</h2>
      <p class="bcm-muted">
        Each job’s file stays here so it can be downloaded again. A purge’s backup is kept for at
        least 30 days, even when its job is removed from the list.
      </p>
      {error ? (
        <p role="alert" class="bcm-error">
          {error}
        </p>
      ) : null}
      {files === null ? <p class="bcm-muted">Loading…</p> : null}
      {files !== null ? (
        <p>
          {files.length === 0
            ? 'No files are kept.'
            : `${plural(files.length, 'file')}, ${formatBytes(total)}.`}
          {usage !== null
            ? ` The extension uses ${formatBytes(usage)} of this browser’s storage in all.`
            : ''}
        </p>
      ) : null}
      {files && files.length > 0 ? (
        <ul class="bcm-store-list" aria-labelledby="bcm-files-title">
          {files.map((f) => (
            <li key={fileKey(f)} class="bcm-store-row">
              <div>
                <strong>{f.filename}</strong>
                <span class="bcm-muted">
                  {' '}
                  · {plural(f.rows, 'row')} ·{' '}
                  {f.bytes === null ? 'size not known yet' : formatBytes(f.bytes)} · store{' '}
                  {f.storeHash}
                  {f.keepUntil !== null ? ` · kept until ${dateText(f.keepUntil)}` : ''}
                  {f.listed ? '' : ' · its job was removed from the list'}
                </span>
              </div>
              <div class="bcm-actions">
                <button
                  type="button"
                  class="bcm-button"
                  disabled={busy}
                  onClick={(e) =>
                    void sendChecked(bridge, fromPerson(e), 'downloadFile', {
                      jobId: f.jobId,
                      fileKind: f.kind,
                    })
                  }
                >
                  Download
                </button>
                <button
                  type="button"
                  class="bcm-button"
                  disabled={busy}
                  aria-label={`Remove ${f.filename}`}
                  onClick={() => setAsking({ file: f })}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {asking ? (
        <div class="bcm-actions" role="group" aria-label="Remove kept files?">
          <span>{question(asking, files ?? [])}</span>
          <button
            type="button"
            class="bcm-button bcm-danger"
            disabled={busy}
            onClick={() => void confirm()}
          >
            Yes, remove
          </button>
          <button type="button" class="bcm-button" onClick={() => setAsking(null)}>
            Keep
          </button>
        </div>
      ) : files && files.length > 0 ? (
        <div class="bcm-actions">
          <button
            type="button"
            class="bcm-button"
            disabled={busy}
            onClick={() => setAsking({ all: true })}
          >
            Remove all files
          </button>
        </div>
      ) : null}
    </section>
  );
}
