/**
 * "Files kept in the extension": what the jobs' files take on this computer, and removing them.
 * Every removal asks first, naming the file; a purge's backup inside its 30 days says so.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { KeptFileView } from '@/utils/jobs/types';
import type { UiBridge } from '@/utils/ui/bridge';
import { formatBytes, formatCount } from '@/utils/ui/format';
import { dateText } from '../date-text';
import { fromPerson, sendChecked } from '../trusted';
import { i18n } from '#i18n';

type Asking = { file: KeptFileView } | { all: true } | null;

function fileKey(f: KeptFileView): string {
  return `${f.jobId}/${f.kind}`;
}

function question(asking: Exclude<Asking, null>, files: KeptFileView[]): string {
  if ('all' in asking) {
    const kept = files.filter((f) => f.keepUntil !== null);
    const backups = kept.length
      ? ` ${i18n.t('files.includesBackups', kept.length, [kept.map((f) => f.filename).join(', ')])}`
      : '';
    return `${i18n.t('files.removeAll', files.length, [formatCount(files.length)])}${backups} ${i18n.t('files.copiesStay')}`;
  }
  const f = asking.file;
  return f.keepUntil !== null
    ? `${i18n.t('files.removeBackup', [f.filename, dateText(f.keepUntil)])} ${i18n.t('files.copiesStay')}`
    : `${i18n.t('files.removeOne', [f.filename])} ${i18n.t('files.copiesStay')}`;
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
      <h2 id="bcm-files-title">{i18n.t('files.title')}</h2>
      <p class="bcm-muted">{i18n.t('files.intro')}</p>
      {error ? (
        <p role="alert" class="bcm-error">
          {error}
        </p>
      ) : null}
      {files === null ? <p class="bcm-muted">{i18n.t('common.loading')}</p> : null}
      {files !== null ? (
        <p>
          {files.length === 0
            ? i18n.t('files.none')
            : i18n.t('files.summary', files.length, [
                formatCount(files.length),
                formatBytes(total),
              ])}
          {usage !== null ? ` ${i18n.t('files.usage', [formatBytes(usage)])}` : ''}
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
                  {i18n.t('files.meta', f.rows, [
                    formatCount(f.rows),
                    f.bytes === null ? i18n.t('files.sizeUnknown') : formatBytes(f.bytes),
                    f.storeHash,
                  ])}
                  {f.keepUntil !== null
                    ? ` ${i18n.t('files.keptUntil', [dateText(f.keepUntil)])}`
                    : ''}
                  {f.listed ? '' : ` ${i18n.t('files.unlisted')}`}
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
                  {i18n.t('files.download')}
                </button>
                <button
                  type="button"
                  class="bcm-button"
                  disabled={busy}
                  aria-label={i18n.t('files.removeLabel', [f.filename])}
                  onClick={() => setAsking({ file: f })}
                >
                  {i18n.t('options.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {asking ? (
        <div class="bcm-actions" role="group" aria-label={i18n.t('files.removeQuestion')}>
          <span>{question(asking, files ?? [])}</span>
          <button
            type="button"
            class="bcm-button bcm-danger"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {i18n.t('options.yesRemove')}
          </button>
          <button type="button" class="bcm-button" onClick={() => setAsking(null)}>
            {i18n.t('options.keep')}
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
            {i18n.t('files.removeAllButton')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
