/**
 * The chosen promotion's codes, 50 a page, read from the store a page at a time: "Show" all,
 * unused or used, "Previous page"/"Next page", "Copy codes" (the selected ones, else the page)
 * and "Delete selected", which goes through the purge's backup and typed confirmation (a purge
 * of the listed codes: its dialog follows). Only a person's input deletes (fromPerson).
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CodesShown } from '@/utils/codes/table-page';
import { copiedText, deleteFileOf, limitText, pageText } from '@/utils/ui/codes-text';
import { formatCount } from '@/utils/ui/format';
import { dateText } from '../date-text';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { fromPerson } from '../trusted';
import { createCodesModel } from './codes-model';
import { i18n } from '#i18n';

const PER_PAGE = 50;

export function CodesTable(props: {
  panel: PanelModel;
  storeHash: string;
  promotionId: number;
  /** Copies text (the clipboard of an extension page); tests give a fake. */
  copy?: (text: string) => Promise<void>;
}): JSX.Element {
  const { panel } = props;
  const model = useMemo(
    () =>
      createCodesModel(panel.bridge, {
        storeHash: props.storeHash,
        promotionId: props.promotionId,
      }),
    [panel, props.storeHash, props.promotionId],
  );
  const s = useStore(model.state, (st) => st);
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const codeCount = useStore(panel.panel, (st) => st.promotion.value?.codeCount ?? null);
  const busy = useStore(panel.panel, (st) => st.busy);
  useEffect(() => {
    void model.load();
  }, [model]);
  // A job changed the promotion's codes (the panel counted again): the page is read again.
  const lastCount = useRef(codeCount);
  useEffect(() => {
    if (lastCount.current !== null && codeCount !== lastCount.current) void model.load();
    lastCount.current = codeCount;
  }, [codeCount]);

  const page = async (go: () => Promise<void>) => {
    setNote('');
    await go();
    // A new page: focus goes to the section's heading, so a screen reader reads on from there.
    heading.current?.focus();
  };
  const copy = async () => {
    const codes = model.chosen();
    const write = props.copy ?? ((text: string) => navigator.clipboard.writeText(text));
    try {
      await write(codes.join('\n'));
      setNote(copiedText(codes.length, s.selected.length > 0));
    } catch {
      setNote(i18n.t('codes.copyRefused'));
    }
  };
  const remove = (event: Event) => {
    const person = fromPerson(event);
    if (!person || !s.selected.length) return;
    void panel.startPurge(person, 'list', deleteFileOf(model.chosen()));
  };

  const allOn = s.rows.length > 0 && s.selected.length === s.rows.length;
  const status =
    s.status === 'loading'
      ? i18n.t('codes.reading')
      : s.status === 'error'
        ? ''
        : note || pageText(s.show, s.index, s.rows.length, PER_PAGE, s.cutShort);
  return (
    <section class="bcm-card bcm-codes" aria-labelledby="bcm-codes-title">
      <h2 id="bcm-codes-title" ref={heading} tabIndex={-1}>
        {i18n.t('codes.title')}
      </h2>
      <div class="bcm-actions">
        <label for="bcm-codes-show">{i18n.t('codes.show')}</label>
        <select
          id="bcm-codes-show"
          value={s.show}
          onChange={(e) => void page(() => model.setShow(e.currentTarget.value as CodesShown))}
        >
          <option value="all">{i18n.t('codes.all')}</option>
          <option value="unused">{i18n.t('codes.unused')}</option>
          <option value="used">{i18n.t('codes.used')}</option>
        </select>
        {codeCount !== null ? (
          <span class="bcm-muted">{i18n.t('codes.inPromotion', [formatCount(codeCount)])}</span>
        ) : null}
      </div>
      {s.status === 'error' ? (
        <p role="alert" class="bcm-error">
          {s.error}
        </p>
      ) : null}
      <table class="bcm-table" aria-busy={s.status === 'loading' || undefined}>
        {/* The table's name for screen readers; the heading above says it on screen. */}
        <caption class="bcm-hidden-text">{i18n.t('codes.title')}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={i18n.t('codes.selectAll')}
                checked={allOn}
                disabled={!s.rows.length}
                onChange={(e) => model.toggleAll(e.currentTarget.checked)}
              />
            </th>
            <th scope="col">{i18n.t('find.code')}</th>
            <th scope="col">{i18n.t('find.uses')}</th>
            <th scope="col">{i18n.t('codes.maxUses')}</th>
            <th scope="col">{i18n.t('find.perCustomer')}</th>
            <th scope="col">{i18n.t('codes.created')}</th>
          </tr>
        </thead>
        <tbody>
          {s.rows.map((c) => (
            <tr key={c.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={i18n.t('codes.select', [c.code])}
                  checked={s.selected.includes(c.code)}
                  onChange={(e) => model.toggle(c.code, e.currentTarget.checked)}
                />
              </td>
              <th scope="row">
                <code>{c.code}</code>
              </th>
              <td>{formatCount(c.current_uses)}</td>
              <td>{limitText(c.max_uses)}</td>
              <td>{limitText(c.max_uses_per_customer)}</td>
              <td>
                {Number.isFinite(Date.parse(c.created))
                  ? dateText(Date.parse(c.created))
                  : c.created}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" class="bcm-muted">
        {status}
      </p>
      <div class="bcm-actions">
        <button
          type="button"
          class="bcm-button"
          disabled={s.index === 0 || s.status === 'loading'}
          onClick={() => void page(model.previous)}
        >
          {i18n.t('promotions.previous')}
        </button>
        <button
          type="button"
          class="bcm-button"
          disabled={!s.starts[s.index + 1] || s.status === 'loading'}
          onClick={() => void page(model.next)}
        >
          {i18n.t('promotions.next')}
        </button>
        <button
          type="button"
          class="bcm-button"
          disabled={!s.rows.length}
          onClick={() => void copy()}
        >
          {i18n.t('codes.copy')}
        </button>
        <button
          type="button"
          class="bcm-button bcm-danger"
          disabled={!s.selected.length || busy}
          onClick={remove}
        >
          {i18n.t('codes.deleteSelected')}
        </button>
      </div>
    </section>
  );
}
