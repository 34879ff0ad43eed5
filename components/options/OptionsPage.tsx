/**
 * Settings: connect a store with its API account token (typed here, in the extension, never on
 * the control-panel page), import the file BigCommerce downloads, see and remove stores.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoreView, TokenCheck } from '@/utils/messages';
import { normalizeStoreHash, parseApiAccountFile } from '@/utils/ui/api-account';
import type { UiBridge } from '@/utils/ui/bridge';
import type { Permissions } from '@/utils/ui/permissions';
import { AlertSettings } from '../alerts/AlertSettings';
import { Field } from '../Field';
import { CsvSettings } from './CsvSettings';
import { KeptFiles } from './KeptFiles';
import { StoreRow } from './StoreRow';
import { TOKEN_MAX_LENGTH } from '@/utils/vocabulary';
import { PRIVACY_URL } from '@/utils/ui/privacy-url';
import { sayError } from '@/utils/ui/say';
import { i18n } from '#i18n';
import { slot, withParts } from '../with-parts';

type Outcome = { kind: 'success' | 'notice' | 'error'; text: string } | null;

function describeCheck(storeHash: string, reply: TokenCheck): Outcome {
  const check = { ...reply, message: sayError(reply.message) };
  if (!check.ok)
    return {
      kind: 'error',
      text: check.message || i18n.t('options.tokenRejected'),
    };
  if (check.access === 'read-only')
    return {
      kind: 'notice',
      text: i18n.t('options.readOnly', [storeHash]) + (check.message ? ` ${check.message}` : ''),
    };
  return {
    kind: 'success',
    text:
      i18n.t(check.access === 'modify' ? 'options.connectedFull' : 'options.connected', [
        storeHash,
      ]) + `${check.message ? ` ${check.message}` : ''} ${i18n.t('options.goBack')}`,
  };
}

export function OptionsPage(props: {
  bridge: UiBridge;
  initialStoreHash?: string | null;
  /** The optional permissions (notifications, keeping awake); without them that section is left out. */
  permissions?: Permissions;
}): JSX.Element {
  const { bridge } = props;
  const [storeHash, setStoreHash] = useState(props.initialStoreHash ?? '');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<{ storeHash?: string; token?: string }>({});
  const [fileNote, setFileNote] = useState<{ text: string; error: boolean } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);
  const [stores, setStores] = useState<StoreView[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const hashInput = useRef<HTMLInputElement | null>(null);
  const tokenInput = useRef<HTMLInputElement | null>(null);

  const loadStores = async () => {
    const reply = await bridge.send('listStores');
    if (reply.ok) {
      setStores(reply.value);
      setListError(null);
    } else setListError(reply.error);
  };
  useEffect(() => {
    void loadStores();
  }, []);

  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setFileNote({ text: i18n.t('options.fileUnreadable', [file.name]), error: true });
      return;
    } finally {
      input.value = '';
    }
    const parsed = parseApiAccountFile(text);
    if (!parsed.ok) {
      setFileNote({ text: parsed.error, error: true });
      return;
    }
    setToken(parsed.token);
    if (parsed.storeHash) setStoreHash(parsed.storeHash);
    setErrors({});
    setOutcome(null);
    const account = parsed.accountName
      ? ` ${i18n.t('options.accountName', [parsed.accountName])}`
      : '';
    setFileNote({
      text: parsed.storeHash
        ? i18n.t('options.filledIn', [file.name + account, parsed.storeHash])
        : i18n.t('options.filledTokenOnly', [file.name + account]),
      error: false,
    });
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    const hash = normalizeStoreHash(storeHash);
    const trimmed = token.trim();
    const next: typeof errors = {};
    if (!hash)
      next.storeHash = storeHash.trim() ? i18n.t('options.notAHash') : i18n.t('options.enterHash');
    if (!trimmed) next.token = i18n.t('options.enterToken');
    else if (trimmed.length > TOKEN_MAX_LENGTH || /\s/.test(trimmed))
      next.token = i18n.t('options.notAToken');
    setErrors(next);
    if (!hash || next.token) {
      (next.storeHash ? hashInput.current : tokenInput.current)?.focus();
      return;
    }
    setStoreHash(hash);
    setSaving(true);
    setOutcome(null);
    const reply = await bridge.send('saveStore', { storeHash: hash, token: trimmed });
    setSaving(false);
    if (!reply.ok) {
      setOutcome({ kind: 'error', text: reply.error });
      return;
    }
    setOutcome(describeCheck(hash, reply.value));
    if (reply.value.ok) {
      setToken('');
      setFileNote(null);
    }
    await loadStores();
  };

  const [filesVersion, setFilesVersion] = useState(0);
  const onRemove = async (hash: string) => {
    const reply = await bridge.send('removeStore', { storeHash: hash });
    if (!reply.ok) setListError(reply.error);
    await loadStores();
    setFilesVersion((v) => v + 1);
  };

  return (
    <main class="bcm-page bcm-options">
      <h1>{i18n.t('options.title')}</h1>

      <section class="bcm-card" aria-labelledby="bcm-connect-title">
        <h2 id="bcm-connect-title">{i18n.t('options.connectTitle')}</h2>
        <form noValidate onSubmit={(e) => void onSave(e)}>
          <div class="bcm-field bcm-file">
            <label for="bcm-import">{i18n.t('options.importFile')}</label>
            <input
              id="bcm-import"
              type="file"
              accept=".txt,text/plain"
              aria-describedby="bcm-import-hint"
              onChange={(e) => void onImport(e.currentTarget)}
            />
            <p
              id="bcm-import-hint"
              class={fileNote?.error ? 'bcm-field-error' : fileNote ? 'bcm-note' : 'bcm-hint'}
              role={fileNote?.error ? 'alert' : undefined}
            >
              {fileNote?.text ?? i18n.t('options.importHint')}
            </p>
          </div>
          <Field
            id="bcm-store-hash"
            label={i18n.t('options.storeHash')}
            value={storeHash}
            onInput={setStoreHash}
            hint={i18n.t('options.storeHashHint')}
            error={errors.storeHash}
            inputRef={(el) => {
              hashInput.current = el;
            }}
          />
          <Field
            id="bcm-token"
            label={i18n.t('options.token')}
            type="password"
            value={token}
            onInput={setToken}
            autoComplete="off"
            hint={i18n.t('options.tokenHint')}
            error={errors.token}
            inputRef={(el) => {
              tokenInput.current = el;
            }}
          />
          <div class="bcm-actions">
            <button type="submit" class="bcm-button bcm-primary" disabled={saving}>
              {i18n.t('options.saveStore')}
            </button>
            {saving ? <span class="bcm-muted">{i18n.t('options.checkingToken')}</span> : null}
          </div>
          {outcome ? (
            <p
              role={outcome.kind === 'error' ? 'alert' : 'status'}
              class={
                outcome.kind === 'error'
                  ? 'bcm-error'
                  : outcome.kind === 'notice'
                    ? 'bcm-notice'
                    : 'bcm-success'
              }
            >
              {outcome.text}
            </p>
          ) : null}
        </form>
      </section>

      <section class="bcm-card" aria-labelledby="bcm-stores-title">
        <h2 id="bcm-stores-title">{i18n.t('options.storesTitle')}</h2>
        {listError ? (
          <p role="alert" class="bcm-error">
            {listError}
          </p>
        ) : null}
        {stores === null && !listError ? <p class="bcm-muted">{i18n.t('common.loading')}</p> : null}
        {stores !== null && stores.length === 0 ? (
          <p class="bcm-muted">{i18n.t('options.noStores')}</p>
        ) : null}
        {stores !== null && stores.length > 0 ? (
          <ul class="bcm-store-list" aria-labelledby="bcm-stores-title">
            {stores.map((store) => (
              <StoreRow
                key={store.storeHash}
                bridge={bridge}
                store={store}
                onRemove={() => onRemove(store.storeHash)}
                onRenamed={(view) =>
                  setStores((all) =>
                    (all ?? []).map((s) => (s.storeHash === view.storeHash ? view : s)),
                  )
                }
              />
            ))}
          </ul>
        ) : null}
      </section>

      <KeptFiles bridge={bridge} version={filesVersion} />
      <CsvSettings bridge={bridge} />

      {props.permissions ? <AlertSettings bridge={bridge} permissions={props.permissions} /> : null}
      <section class="bcm-card" aria-labelledby="bcm-help-title">
        <h2 id="bcm-help-title">{i18n.t('options.helpTitle')}</h2>
        <ol>
          <li>{i18n.t('options.help1')}</li>
          <li>{i18n.t('options.help2')}</li>
          <li>
            {withParts(i18n.t('options.help3', [slot(0), slot(1)]), [
              <strong>{i18n.t('options.help3Marketing')}</strong>,
              <strong>{i18n.t('options.help3Modify')}</strong>,
            ])}
          </li>
          <li>{i18n.t('options.help4')}</li>
          <li>{i18n.t('options.help5')}</li>
        </ol>
        <p class="bcm-muted">{i18n.t('options.tokenStays')}</p>
        <p class="bcm-muted">
          {withParts(i18n.t('options.privacyLead', [slot(0)]), [
            <a class="bcm-link-text" href={PRIVACY_URL} target="_blank" rel="noopener noreferrer">
              {i18n.t('options.privacyLink')}
            </a>,
          ])}
        </p>
      </section>
    </main>
  );
}
