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

type Outcome = { kind: 'success' | 'notice' | 'error'; text: string } | null;

function describeCheck(storeHash: string, check: TokenCheck): Outcome {
  if (!check.ok)
    return {
      kind: 'error',
      text: check.message || 'The token was not accepted. Check it and try again.',
    };
  if (check.access === 'read-only')
    return {
      kind: 'notice',
      text:
        `Store ${storeHash} is connected with read-only access: you can export codes, but not generate or purge them. ` +
        'To do those, create an API account with Marketing: modify and save its token here.' +
        (check.message ? ` ${check.message}` : ''),
    };
  return {
    kind: 'success',
    text:
      `Store ${storeHash} is connected${check.access === 'modify' ? ' with full access (Marketing: modify)' : ''}.` +
      `${check.message ? ` ${check.message}` : ''} Go back to the control panel: the panel there picks it up.`,
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
      setFileNote({ text: `${file.name} could not be read. Choose it again.`, error: true });
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
    const account = parsed.accountName ? ` (API account “${parsed.accountName}”)` : '';
    setFileNote({
      text: parsed.storeHash
        ? `Filled in from ${file.name}${account}: store ${parsed.storeHash} and its access token. Press “Save store” to check and save them.`
        : `The access token was filled in from ${file.name}${account}, but the file has no API path: type the store hash, then press “Save store”.`,
      error: false,
    });
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    const hash = normalizeStoreHash(storeHash);
    const trimmed = token.trim();
    const next: typeof errors = {};
    if (!hash)
      next.storeHash = storeHash.trim()
        ? 'That is not a store hash: use the letters and digits after “store-” in your control panel’s address (e.g. abc123).'
        : 'Enter the store hash: the letters and digits after “store-” in your control panel’s address.';
    if (!trimmed)
      next.token =
        'Enter the access token of the store’s API account, or import the file BigCommerce downloaded.';
    else if (trimmed.length > TOKEN_MAX_LENGTH || /\s/.test(trimmed))
      next.token = 'This does not look like an access token. Copy it again from BigCommerce.';
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
      <h1>Bulk Coupon Manager settings</h1>

      <section class="bcm-card" aria-labelledby="bcm-connect-title">
        <h2 id="bcm-connect-title">Connect a store</h2>
        <form noValidate onSubmit={(e) => void onSave(e)}>
          <div class="bcm-field bcm-file">
            <label for="bcm-import">Import API account file</label>
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
              {fileNote?.text ??
                'The .txt file BigCommerce downloaded when you created the API account. It is read here only.'}
            </p>
          </div>
          <Field
            id="bcm-store-hash"
            label="Store hash"
            value={storeHash}
            onInput={setStoreHash}
            hint="From your control panel’s address: store-abc123.mybigcommerce.com → abc123."
            error={errors.storeHash}
            inputRef={(el) => {
              hashInput.current = el;
            }}
          />
          <Field
            id="bcm-token"
            label="Access token"
            type="password"
            value={token}
            onInput={setToken}
            autoComplete="off"
            hint="Kept in the extension on this computer; never shown on the control-panel page."
            error={errors.token}
            inputRef={(el) => {
              tokenInput.current = el;
            }}
          />
          <div class="bcm-actions">
            <button type="submit" class="bcm-button bcm-primary" disabled={saving}>
              Save store
            </button>
            {saving ? <span class="bcm-muted">Checking the token with BigCommerce…</span> : null}
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
        <h2 id="bcm-stores-title">Connected stores</h2>
        {listError ? (
          <p role="alert" class="bcm-error">
            {listError}
          </p>
        ) : null}
        {stores === null && !listError ? <p class="bcm-muted">Loading…</p> : null}
        {stores !== null && stores.length === 0 ? (
          <p class="bcm-muted">No store is connected yet.</p>
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
        <h2 id="bcm-help-title">Creating the API account</h2>
        <ol>
          <li>
            In your BigCommerce control panel, open Settings › Store-level API accounts, and choose
            Create API account. This needs a user allowed to manage API accounts (the store owner,
            or a user given high-risk permissions); a store can hold only so many API accounts.
          </li>
          <li>
            Pick the token type “V2/V3 API token” and give it a name, e.g. “Bulk Coupon Manager”.
          </li>
          <li>
            Under OAuth scopes, set <strong>Marketing</strong> to <strong>modify</strong>.
            (Read-only is enough to export codes, but not to generate or purge them. Scopes cannot
            be changed later.) Leave every other scope at None.
          </li>
          <li>Save. BigCommerce shows the access token once and downloads a .txt file with it.</li>
          <li>
            Import that file above (or paste the store hash and the access token), then press “Save
            store”.
          </li>
        </ol>
        <p class="bcm-muted">
          The token stays in this browser’s extension storage and is used only by the extension’s
          background service to call api.bigcommerce.com. The client secret in the file is not
          needed and is ignored.
        </p>
        <p class="bcm-muted">
          What the extension keeps, where it sends it, and how to remove everything:{' '}
          <a class="bcm-link-text" href={PRIVACY_URL} target="_blank" rel="noopener noreferrer">
            Privacy policy
          </a>
          .
        </p>
      </section>
    </main>
  );
}
