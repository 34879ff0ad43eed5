/**
 * Messages about being told how jobs go: the settings' switch for notifications, and the
 * panel's one-time offer (a content script cannot ask for a permission: the offer opens a small
 * extension page, alerts.html, where the merchant's click can).
 */
import { z } from 'zod';
import { defineMessage } from './define';
import { NothingSchema } from './schemas';

export const alertMessages = {
  getAlerts: defineMessage({
    schema: NothingSchema,
    from: 'extension',
    handle: (_, { services }) => services.alerts.settings.get(),
  }),
  setAlerts: defineMessage({
    schema: z.object({ notifications: z.boolean() }),
    from: 'extension',
    handle: ({ notifications }, { services }) => services.alerts.settings.set({ notifications }),
  }),
  /**
   * A job expected to take over a minute has started: should the panel offer notifications?
   * Yes once, and only while they are not on already; asking marks the offer as made.
   */
  offerAlerts: defineMessage({
    schema: NothingSchema,
    from: 'panel',
    async handle(_, { services }): Promise<boolean> {
      const settings = await services.alerts.settings.get();
      if (settings.offered) return false;
      await services.alerts.settings.set({ offered: true });
      return !(await services.alerts.notificationsGranted());
    },
  }),
  openAlertsPage: defineMessage({
    schema: NothingSchema,
    from: 'panel',
    async handle(_, { services }) {
      await services.alerts.openPage();
      return null;
    },
  }),
};
