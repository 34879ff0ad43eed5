/**
 * The optional permissions an extension page may ask for, on the merchant's click: a request
 * must come from a user gesture in an extension page (never the content script). Views get a
 * `Permissions`; tests give them a fake.
 */
import { browser } from '#imports';

export type OptionalPermission = 'notifications' | 'power';

export interface Permissions {
  /** Whether this browser's build offers it at all (Firefox has no `power`). */
  offered(name: OptionalPermission): boolean;
  has(name: OptionalPermission): Promise<boolean>;
  /** Asks the browser (its prompt); true when granted. Call straight from a click handler. */
  request(name: OptionalPermission): Promise<boolean>;
  remove(name: OptionalPermission): Promise<void>;
}

type Names = { permissions: ['alarms'] };
const names = (name: OptionalPermission) => ({ permissions: [name] }) as unknown as Names;

export function createBrowserPermissions(): Permissions {
  const optional = (browser.runtime.getManifest().optional_permissions ?? []) as string[];
  return {
    offered: (name) => optional.includes(name),
    has: (name) => browser.permissions.contains(names(name)).catch(() => false),
    request: (name) => browser.permissions.request(names(name)).catch(() => false),
    remove: async (name) => {
      await browser.permissions.remove(names(name)).catch(() => false);
    },
  };
}
