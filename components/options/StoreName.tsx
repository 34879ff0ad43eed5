/**
 * "Store name": what the merchant calls a connected store, shown wherever the store is (the
 * popup, the manager, the panel). Filled with the store's own name when the token may read it;
 * emptied and saved, the store's own name comes back.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { StoreView } from '@/utils/messages';
import type { UiBridge } from '@/utils/ui/bridge';
import { STORE_NAME_MAX } from '@/utils/vocabulary';
import { i18n } from '#i18n';

export function StoreName(props: {
  bridge: UiBridge;
  store: StoreView;
  onSaved: (view: StoreView) => void;
}): JSX.Element {
  const hash = props.store.storeHash;
  const [value, setValue] = useState(props.store.name ?? '');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = `bcm-store-name-${hash}`;
  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    const reply = await props.bridge.send('renameStore', { storeHash: hash, name: value });
    setSaving(false);
    if (!reply.ok) return setStatus({ text: reply.error, error: true });
    setValue(reply.value.name ?? '');
    setStatus({
      text: reply.value.name
        ? i18n.t('options.nameSaved', [reply.value.name])
        : i18n.t('options.nameCleared'),
      error: false,
    });
    props.onSaved(reply.value);
  };
  return (
    <form class="bcm-store-name" onSubmit={(e) => void save(e)}>
      <label for={id}>{i18n.t('options.storeName')}</label>
      <input
        id={id}
        type="text"
        value={value}
        maxLength={STORE_NAME_MAX}
        placeholder={i18n.t('options.storeFallback', [hash])}
        aria-describedby={`${id}-status`}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit" class="bcm-button" disabled={saving}>
        {i18n.t('options.saveName')}
      </button>
      <p id={`${id}-status`} aria-live="polite" class={status?.error ? 'bcm-error' : 'bcm-hint'}>
        {status?.text ?? ''}
      </p>
    </form>
  );
}
