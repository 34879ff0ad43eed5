/**
 * The "Codes" table's state: which codes are shown (all, unused, used), where each table page
 * started (so "Previous page" goes back without reading from the start), the rows of the page
 * shown and the codes the merchant selected. Pages come from the background a page at a time
 * (readCodesPage); the page never holds the token.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CouponCode } from '@/utils/api/schemas';
import type { CodesShown, TableStart } from '@/utils/codes/table-page';
import type { UiBridge } from '@/utils/ui/bridge';

export interface CodesState {
  show: CodesShown;
  /** starts[i]: where table page i begins; the last entry is the page after the one shown. */
  starts: Array<TableStart | null>;
  index: number;
  rows: CouponCode[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The page stopped looking before it was full: Next looks further. */
  cutShort: boolean;
  selected: readonly string[];
}

export interface CodesModel {
  state: StoreApi<CodesState>;
  load(): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  setShow(show: CodesShown): Promise<void>;
  toggle(code: string, on: boolean): void;
  toggleAll(on: boolean): void;
  /** The selected codes, or the whole page's when none is selected. */
  chosen(): string[];
}

const FIRST: TableStart = { after: null, skip: 0 };

export function createCodesModel(
  bridge: UiBridge,
  target: { storeHash: string; promotionId: number },
): CodesModel {
  const state = createStore<CodesState>()(() => ({
    show: 'all',
    starts: [FIRST],
    index: 0,
    rows: [],
    status: 'loading',
    error: null,
    cutShort: false,
    selected: [],
  }));
  // A reply that arrives after the merchant asked for another page is dropped.
  let seq = 0;

  async function load(): Promise<void> {
    const { show, starts, index } = state.getState();
    const start = starts[index];
    if (!start) return;
    const mine = ++seq;
    state.setState({ status: 'loading', error: null });
    const reply = await bridge.send('readCodesPage', { ...target, show, start });
    if (mine !== seq) return;
    if (!reply.ok) {
      state.setState({ status: 'error', error: reply.error });
      return;
    }
    const { rows, next, cutShort } = reply.value;
    state.setState((s) => ({
      status: 'ready',
      rows,
      cutShort,
      starts: [...s.starts.slice(0, index + 1), next],
      // Selections are of the page shown: another page starts with none.
      selected: s.selected.filter((code) => rows.some((r) => r.code === code)),
    }));
  }

  return {
    state,
    load,
    async next() {
      const s = state.getState();
      if (!s.starts[s.index + 1]) return;
      state.setState({ index: s.index + 1, selected: [] });
      await load();
    },
    async previous() {
      const s = state.getState();
      if (s.index === 0) return;
      state.setState({ index: s.index - 1, selected: [] });
      await load();
    },
    async setShow(show) {
      state.setState({ show, starts: [FIRST], index: 0, selected: [], rows: [] });
      await load();
    },
    toggle(code, on) {
      state.setState((s) => ({
        selected: on
          ? [...s.selected.filter((c) => c !== code), code]
          : s.selected.filter((c) => c !== code),
      }));
    },
    toggleAll(on) {
      state.setState((s) => ({ selected: on ? s.rows.map((r) => r.code) : [] }));
    },
    chosen() {
      const s = state.getState();
      return s.selected.length
        ? s.rows.map((r) => r.code).filter((c) => s.selected.includes(c))
        : s.rows.map((r) => r.code);
    },
  };
}
