import { describe, expect, it } from 'vitest';
import { findLiterals } from '../../scripts/house/strings';

const texts = (source: string, file = 'x.tsx') => findLiterals(file, source).map((f) => f.text);

describe('words outside the catalogue', () => {
  it('finds JSX text with letters, not punctuation or whitespace', () => {
    expect(texts('const a = <p>Save store</p>;')).toEqual(['Save store']);
    expect(texts("const a = <p>{i18n.t('x')} · ×</p>;")).toEqual([]);
  });

  it('finds strings given to user-facing attributes and props, anywhere in their expression', () => {
    expect(texts('const a = <button aria-label="Close dialog" />;')).toEqual(['"Close dialog"']);
    expect(texts("const a = <Field label={busy ? 'Saving' : 'Save'} />;")).toEqual([
      "'Saving'",
      "'Save'",
    ]);
    expect(texts('const a = <input placeholder={`Store ${hash}`} />;')).toEqual([
      '`Store ${hash}`',
    ]);
    expect(texts('const a = <img alt="A chart" title="Usage" />;')).toEqual([
      '"A chart"',
      '"Usage"',
    ]);
  });

  it('leaves alone attributes that are not read, and the catalogue’s own calls', () => {
    expect(texts('const a = <p class="bcm-muted" id="bcm-title" role="status" />;')).toEqual([]);
    expect(texts("const a = <p aria-label={i18n.t('panel.region')} />;")).toEqual([]);
    expect(texts("const a = <Field label={i18n.t('a.b', [name])} />;")).toEqual([]);
  });

  it('finds words in a JSX child expression, not values compared, switched on or passed as tokens', () => {
    expect(texts("const a = <p>{open ? 'Hide' : 'Show'}</p>;")).toEqual(["'Hide'", "'Show'"]);
    expect(
      texts(
        "const a = <p>{s.feed === 'reconnecting' ? x : 'error' in r ? y : send('listStores')}</p>;",
      ),
    ).toEqual([]);
  });

  it('finds words for labels, alerts and statuses in objects and setters', () => {
    expect(texts("const r = { label: 'Try again', onClick };", 'x.ts')).toEqual(["'Try again'"]);
    expect(texts("setError('Something went wrong.');", 'x.ts')).toEqual([
      "'Something went wrong.'",
    ]);
    expect(texts("setOutcome({ kind: 'error', text: reply.error });", 'x.ts')).toEqual([]);
    expect(texts("const r = { kind: 'error', mode: 'all' };", 'x.ts')).toEqual([]);
  });

  it('says on which line', () => {
    expect(findLiterals('x.tsx', 'const a = 1;\nconst b = <p>\n  Hello\n</p>;')).toEqual([
      { line: 3, text: 'Hello' },
    ]);
  });
});
