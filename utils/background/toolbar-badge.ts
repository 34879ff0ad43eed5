/**
 * The toolbar button's badge and title, as badgeFor decided them. Chrome's MV3 build has
 * `browser.action`; Firefox's MV2 build has `browser.browserAction`: the same three calls.
 */
import { browser } from '#imports';
import type { Badge } from '../ui/badge-text';

export function createToolbarBadge() {
  const button = browser.action ?? browser.browserAction;
  let last = '';
  return function show(badge: Badge): void {
    const key = `${badge.text}\u0000${badge.color}\u0000${badge.title}`;
    if (!button || key === last) return;
    last = key;
    void Promise.all([
      button.setBadgeText({ text: badge.text }),
      button.setBadgeBackgroundColor({ color: badge.color }),
      button.setTitle({ title: badge.title }),
    ]).catch(() => {
      // A badge is a courtesy: the next change tries again.
      last = '';
    });
  };
}
