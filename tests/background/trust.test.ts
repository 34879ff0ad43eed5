import { describe, expect, it } from 'vitest';
import { classifySender, storeOfSender } from '../../utils/messages/sender';
import { allowedFrom } from '../../utils/messages/register';
import { MESSAGES, type MessageName } from '../../utils/messages/table';

const ID = 'abcdefghijklmnop';
const ORIGIN = 'chrome-extension://abcdefghijklmnop';

describe('sender trust', () => {
  it('extension pages may send anything', () => {
    const ctx = classifySender({ id: ID, url: `${ORIGIN}/options.html` }, ID, ORIGIN);
    expect(ctx).toBe('extension-page');
    for (const m of Object.keys(MESSAGES) as MessageName[]) expect(allowedFrom(ctx, m)).toBe(true);
  });
  it('the content script on a store panel gets only panel messages', () => {
    const ctx = classifySender(
      {
        id: ID,
        url: 'https://store-abc123.mybigcommerce.com/manage/marketing/promotions',
        tab: { id: 3 },
      },
      ID,
      ORIGIN,
    );
    expect(ctx).toBe('content-script');
    for (const m of ['startJob', 'confirmPurge', 'listJobs', 'downloadFile'] as const)
      expect(allowedFrom(ctx, m)).toBe(true);
    for (const m of [
      'saveStore',
      'listStores',
      'removeStore',
      'removeJob',
      'listKeptFiles',
      'removeKeptFile',
      'storeFootprint',
    ] as const)
      expect(allowedFrom(ctx, m)).toBe(false);
  });
  it('anything else is untrusted', () => {
    expect(classifySender({ id: 'otherextension', url: `${ORIGIN}/x` }, ID, ORIGIN)).toBe(
      'untrusted',
    );
    expect(
      classifySender({ id: ID, url: 'https://evil.example/', tab: { id: 1 } }, ID, ORIGIN),
    ).toBe('untrusted');
    expect(
      classifySender(
        { id: ID, url: 'https://store-abc.mybigcommerce.com.evil.example/', tab: { id: 1 } },
        ID,
        ORIGIN,
      ),
    ).toBe('untrusted');
    expect(classifySender({ id: ID, url: `${ORIGIN}evil.example/` }, ID, ORIGIN)).toBe('untrusted');
    expect(classifySender({}, ID, ORIGIN)).toBe('untrusted');
    expect(allowedFrom('untrusted', 'listJobs')).toBe(false);
  });
  it('reads the store a content script belongs to', () => {
    expect(storeOfSender({ url: 'https://store-abc123.mybigcommerce.com/manage' })).toBe('abc123');
    expect(storeOfSender({ url: 'https://store-abc123.mybigcommerce.com.evil/manage' })).toBeNull();
    expect(storeOfSender({ url: `${ORIGIN}/popup.html` })).toBeNull();
  });
});
