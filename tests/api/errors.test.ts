import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { errorForStatus, extractReason } from '../../utils/api/errors';

describe('extractReason', () => {
  it('reads every error body shape BigCommerce uses', () => {
    expect(
      extractReason(
        '{"status":422,"title":"Bad batch","type":"https://x/y","detail":"batch_size must be <= 250"}',
      ),
    ).toBe('batch_size must be <= 250 — Bad batch');
    expect(extractReason('{"status":"403","title":"Forbidden","error":"missing scope"}')).toBe(
      'Forbidden — missing scope',
    );
    expect(extractReason('{"errors":[{"status":422,"title":"Parameter id:in is required"}]}')).toBe(
      'Parameter id:in is required',
    );
    expect(extractReason('{"errors":{"batch_size":"must be an integer"}}')).toBe(
      'must be an integer',
    );
    expect(extractReason('<html>502 Bad Gateway</html>')).toBeNull();
    expect(extractReason('')).toBeNull();
  });
  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string(), (s) => void extractReason(s)));
    fc.assert(fc.property(fc.jsonValue(), (v) => void extractReason(JSON.stringify(v))));
  });
});

describe('errorForStatus', () => {
  const ctx = { storeHash: 'abc', promotionId: 7 };
  it.each([
    [401, 'auth', /wrong or has been revoked/],
    [403, 'scope', /Marketing "modify" scope/],
    [404, 'not-found', /Promotion 7 was not found/],
    [405, 'not-bulk', /not a bulk coupon promotion/],
    [422, 'invalid', /refused the request: too big/],
    [503, 'server', /server error \(503\)/],
  ])('%i -> %s', (status, kind, msg) => {
    const e = errorForStatus(status, '{"title":"too big"}', ctx);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(msg);
  });
});
