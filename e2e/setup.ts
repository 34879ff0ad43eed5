/**
 * Per-file set-up shared by the Chromium suites: one browser (and sandbox) per file, and a
 * fresh sandbox store per test, connected through the options page. A store of its own keeps
 * each test's jobs, codes, quota and download names apart from the others'.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { CreateStoreOptions, StoreHandle } from '../sandbox/server';
import { launchExtension, type Launched, type LaunchOptions, type Sandbox } from './harness';

export interface BrowserSuite {
  readonly l: Launched;
  readonly sb: Sandbox;
}

export function useBrowser(options: LaunchOptions = {}): BrowserSuite {
  let launched: Launched | undefined;
  beforeAll(async () => {
    launched = await launchExtension(options);
  });
  afterAll(async () => {
    const elsewhere = launched?.requestsElsewhere() ?? [];
    await launched?.close({ removeFiles: true });
    // PRIVACY.md: the extension talks to BigCommerce only. Every suite's run is held to it.
    expect(elsewhere, 'requests to hosts other than the sandbox').toEqual([]);
  });
  const get = () => {
    if (!launched) throw new Error('The browser has not been launched (beforeAll failed?)');
    return launched;
  };
  return {
    get l() {
      return get();
    },
    get sb() {
      return get().sandbox;
    },
  };
}

/** A new sandbox store connected to the extension with its modify (or read-only) token. */
export async function connectedStore(
  l: Launched,
  options: CreateStoreOptions & { access?: 'modify' | 'read-only' } = {},
): Promise<StoreHandle> {
  const { access = 'modify', ...storeOptions } = options;
  const store = l.sandbox.createStore(storeOptions);
  await l.connectStore(
    access === 'modify' ? store.tokens.modify : store.tokens.readOnly,
    store.storeHash,
  );
  return store;
}

const SLUG = {
  generated: 'generated',
  imported: 'imported',
  export: 'export',
  'purge-backup': 'purge-backup',
  unattributed: 'not-made-by-this-job',
  rejected: 'rejected-lines',
  email: 'export-for-email',
} as const;

/** Download names: `{store}-promotion-{id}-{promotion name}-{kind}-{stamp}.csv` (the name part may be absent). */
export function fileOf(
  store: { storeHash: string },
  promotionId: number,
  kind: keyof typeof SLUG,
): RegExp {
  return new RegExp(
    `^${store.storeHash}-promotion-${promotionId}(-[a-z0-9-]+)?-${SLUG[kind]}-\\d{8}T\\d{6}Z( \\(\\d+\\))?\\.csv$`,
  );
}
