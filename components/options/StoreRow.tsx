/** One connected store, and its removal: asked first, naming what goes with it. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoreView } from '@/utils/messages';
import type { UiBridge } from '@/utils/ui/bridge';
import { formatBytes, formatCount } from '@/utils/ui/format';
import { storeLabel } from '@/utils/ui/store-name';
import { dateText } from '../date-text';
import { StoreName } from './StoreName';
import { i18n } from '#i18n';

/** Read when shown: the catalogue speaks the browser's language. */
const accessLabel = (access: StoreView['access']): string =>
  access === 'modify'
    ? i18n.t('storeRow.access.modify')
    : access === 'read-only'
      ? i18n.t('storeRow.access.readOnly')
      : i18n.t('storeRow.access.unknown');

type Footprint = { jobs: number; unfinished: number; files: number; bytes: number };

function removalQuestion(hash: string, f: Footprint | null): string {
  const parts = [i18n.t('storeRow.removal.token')];
  if (f && f.jobs) parts.push(i18n.t('storeRow.removal.jobs', f.jobs, [formatCount(f.jobs)]));
  if (f && f.files)
    parts.push(
      f.bytes
        ? i18n.t('storeRow.removal.filesBytes', f.files, [
            formatCount(f.files),
            formatBytes(f.bytes),
          ])
        : i18n.t('storeRow.removal.files', f.files, [formatCount(f.files)]),
    );
  // "its token, 3 jobs and 2 kept files": the last two joined by the language's "and".
  const list =
    parts.length > 1
      ? i18n.t('storeRow.removal.and', [parts.slice(0, -1).join(', '), parts[parts.length - 1]!])
      : parts[0]!;
  return [
    i18n.t('storeRow.removal.question', [hash, list]),
    f?.unfinished
      ? i18n.t('storeRow.removal.unfinished', f.unfinished, [formatCount(f.unfinished)])
      : null,
    i18n.t('storeRow.removal.untouched'),
  ]
    .filter((part) => part !== null)
    .join(' ');
}

export function StoreRow(props: {
  bridge: UiBridge;
  store: StoreView;
  onRemove: () => Promise<void>;
  onRenamed: (view: StoreView) => void;
}): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [footprint, setFootprint] = useState<Footprint | null>(null);
  const [removing, setRemoving] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const remove = useRef<HTMLButtonElement>(null);
  const hash = props.store.storeHash;
  const id = `bcm-store-${hash}`;
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);
  const ask = async () => {
    const reply = await props.bridge.send('storeFootprint', { storeHash: hash });
    setFootprint(reply.ok ? reply.value : null);
    setConfirming(true);
  };
  return (
    <li class="bcm-store-row">
      <div id={id}>
        <strong>{storeLabel(props.store)}</strong>
        <span class="bcm-muted">
          {' '}
          {i18n.t('options.storeMeta', [
            accessLabel(props.store.access),
            dateText(props.store.addedAt),
          ])}
        </span>
      </div>
      <StoreName bridge={props.bridge} store={props.store} onSaved={props.onRenamed} />
      {confirming ? (
        <div class="bcm-actions" role="group" aria-label={i18n.t('options.removeQuestion', [hash])}>
          <span>{removalQuestion(hash, footprint)}</span>
          <button
            type="button"
            class="bcm-button bcm-danger"
            disabled={removing}
            onClick={async () => {
              setRemoving(true);
              await props.onRemove();
              setRemoving(false);
              setConfirming(false);
            }}
          >
            {i18n.t('options.yesRemove')}
          </button>
          <button
            type="button"
            class="bcm-button"
            ref={keep}
            onClick={() => {
              setConfirming(false);
              setTimeout(() => remove.current?.focus(), 0);
            }}
          >
            {i18n.t('options.keep')}
          </button>
        </div>
      ) : (
        <div class="bcm-actions">
          <button
            type="button"
            class="bcm-button"
            ref={remove}
            aria-describedby={id}
            onClick={() => void ask()}
          >
            {i18n.t('options.remove')}
          </button>
        </div>
      )}
    </li>
  );
}
