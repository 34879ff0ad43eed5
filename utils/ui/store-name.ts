/**
 * A store as the merchant knows it: by its name where one is known (the store's own, or theirs
 * from the settings), with the hash beside it where it matters (the hash is what BigCommerce's
 * own pages and the extension's file names use). Pure.
 */
import { i18n } from '#i18n';

interface Named {
  storeHash: string;
  name?: string | null;
}

/** "Acme Outdoor (abc123)", or "Store abc123" while no name is known. */
export function storeLabel(s: Named): string {
  return s.name ? `${s.name} (${s.storeHash})` : i18n.t('options.storeFallback', [s.storeHash]);
}

/** Within a sentence: "in Acme Outdoor (abc123)", "in store abc123". */
export function storeInText(s: Named): string {
  return s.name ? `${s.name} (${s.storeHash})` : i18n.t('store.inText', [s.storeHash]);
}
