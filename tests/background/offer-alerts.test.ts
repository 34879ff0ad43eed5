/** The one-time notifications offer, decided when a job starts (utils/messages/alerts.ts). */
import { describe, expect, it } from 'vitest';
import type { BigCommerceClient } from '../../utils/api/client';
import type { JobRequest } from '../../utils/jobs/kinds';
import { offerAlertsFor } from '../../utils/messages/alerts';
import type { Services } from '../../utils/messages/define';
import type { AlertSettings } from '../../utils/storage/alerts';

function servicesWith(o: { granted?: boolean; quota?: number | null } = {}) {
  let settings: AlertSettings = { notifications: true, offered: false };
  const services = {
    alerts: {
      settings: {
        get: async () => settings,
        set: async (patch: Partial<AlertSettings>) => (settings = { ...settings, ...patch }),
      },
      notificationsGranted: async () => o.granted ?? false,
      openPage: async () => {},
    },
    clients: {
      governorFor: () => ({
        snapshot: () => ({ quota: o.quota === undefined ? 150 : o.quota, windowMs: 30_000 }),
      }),
    },
    registry: { list: async () => [] },
  } as unknown as Services;
  return { services, settings: () => settings };
}

const client = { codeCount: async () => 100_000 } as unknown as BigCommerceClient;
const generate = (count: number): JobRequest => ({
  kind: 'generate',
  storeHash: 'abc',
  promotionId: 1,
  params: {
    count,
    maxUses: 1,
    maxUsesPerCustomer: 1,
    prefix: '',
    suffix: '',
    delimiter: '',
    codeLength: 12,
    excludeCharacters: [],
  },
});

describe('offerAlertsFor', () => {
  it('the first job of over a minute: offered once', async () => {
    const s = servicesWith();
    expect(await offerAlertsFor(s.services, generate(1000), 'j1', client)).toBe(false);
    expect(s.settings().offered).toBe(false);
    expect(await offerAlertsFor(s.services, generate(80_000), 'j2', client)).toBe(true);
    expect(s.settings().offered).toBe(true);
    expect(await offerAlertsFor(s.services, generate(80_000), 'j3', client)).toBe(false);
  });

  it('an export of a large promotion counts its codes first', async () => {
    const s = servicesWith();
    const exportAll: JobRequest = {
      kind: 'export',
      storeHash: 'abc',
      promotionId: 1,
      unusedOnly: false,
    };
    expect(await offerAlertsFor(s.services, exportAll, 'j', client)).toBe(true);
  });

  it('not when notifications are allowed already, nor when the count fails', async () => {
    const on = servicesWith({ granted: true });
    expect(await offerAlertsFor(on.services, generate(80_000), 'j', client)).toBe(false);
    const broken = {
      codeCount: async () => Promise.reject(new Error('down')),
    } as unknown as BigCommerceClient;
    const s = servicesWith();
    expect(
      await offerAlertsFor(
        s.services,
        { kind: 'purge', storeHash: 'abc', promotionId: 1, mode: 'all' },
        'j',
        broken,
      ),
    ).toBe(false);
  });
});
