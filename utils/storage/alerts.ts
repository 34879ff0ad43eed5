/**
 * The merchant's choices about being told how jobs go: notifications on or off (they also need
 * the optional `notifications` permission), and whether the offer to turn them on was made.
 */
import { storage } from '#imports';

export interface AlertSettings {
  /** Notifications are wanted (they show only while the permission is granted too). */
  notifications: boolean;
  /** The panel offered notifications once already: it does not ask again. */
  offered: boolean;
}

const DEFAULTS: AlertSettings = { notifications: true, offered: false };

export const alertsItem = storage.defineItem<AlertSettings>('local:alerts', {
  fallback: DEFAULTS,
});

export function createAlertSettings() {
  const get = async (): Promise<AlertSettings> => ({
    ...DEFAULTS,
    ...((await alertsItem.getValue()) ?? {}),
  });
  return {
    get,
    async set(patch: Partial<AlertSettings>): Promise<AlertSettings> {
      const next = { ...(await get()), ...patch };
      await alertsItem.setValue(next);
      return next;
    },
  };
}
export type AlertSettingsStore = ReturnType<typeof createAlertSettings>;
