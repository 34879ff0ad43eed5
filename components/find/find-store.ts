/**
 * "Find a code": what was typed, the background's answer, and "Delete this code". The typed
 * code is checked here before any request (the background checks it again). A newer search
 * wins over an older answer still on its way.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { codeToFind } from '@/utils/codes/find';
import type { CodeLookup } from '@/utils/messages';
import type { UiBridge } from '@/utils/ui/bridge';
import { say } from '@/utils/ui/say';
import { sendChecked, type Person } from '../trusted';

export interface FindState {
  text: string;
  /** What is wrong with the typed code, said beside the field; nothing was sent. */
  inputError: string | null;
  busy: boolean;
  /** The last answer, and the store it is about. */
  found: { storeHash: string; lookup: CodeLookup } | null;
  /** A request that failed (store not connected, token revoked…), in plain words. */
  error: string | null;
  /** "Delete this code" was pressed: the question naming the code is shown. */
  confirming: boolean;
  /** The delete job started for the code shown. */
  deleteJobId: string | null;
}

export interface Finder {
  store: StoreApi<FindState>;
  setText(text: string): void;
  find(storeHash: string): Promise<void>;
  askDelete(): void;
  keep(): void;
  /** Another store chosen: the last answer (and any question about it) goes. */
  clear(): void;
  /** Starts the delete job for the code shown, for a person only; at most one request at a time. */
  confirmDelete(person: Person | null): Promise<void>;
}

const INITIAL: FindState = {
  text: '',
  inputError: null,
  busy: false,
  found: null,
  error: null,
  confirming: false,
  deleteJobId: null,
};

export function createFinder(bridge: UiBridge): Finder {
  const store = createStore<FindState>()(() => INITIAL);
  let latest = 0;

  async function find(storeHash: string): Promise<void> {
    const search = ++latest;
    const checked = codeToFind(store.getState().text);
    if ('error' in checked) {
      store.setState({
        inputError: say(checked.error),
        found: null,
        error: null,
        confirming: false,
        busy: false,
      });
      return;
    }
    store.setState({ busy: true, inputError: null, error: null, confirming: false });
    const reply = await bridge.send('findCode', { storeHash, code: checked.code });
    if (search !== latest) return;
    store.setState(
      reply.ok
        ? { busy: false, found: { storeHash, lookup: reply.value }, deleteJobId: null }
        : { busy: false, found: null, error: reply.error },
    );
  }

  async function confirmDelete(person: Person | null): Promise<void> {
    const s = store.getState();
    const found = s.found;
    if (!person || s.busy || !found?.lookup.found || !found.lookup.promotion) return;
    const { code, promotion } = found.lookup;
    store.setState({ busy: true, error: null });
    const reply = await sendChecked(bridge, person, 'startJob', {
      kind: 'delete-code',
      storeHash: found.storeHash,
      promotionId: promotion.id,
      code: code.code,
    });
    // Another search since: the job runs all the same and shows in the job list.
    if (store.getState().found !== found) return store.setState({ busy: false });
    store.setState(
      reply.ok
        ? { busy: false, confirming: false, deleteJobId: reply.value.jobId }
        : { busy: false, confirming: false, error: reply.error },
    );
  }

  return {
    store,
    setText: (text) => store.setState({ text, inputError: null }),
    find,
    askDelete: () => store.setState({ confirming: true, error: null }),
    keep: () => store.setState({ confirming: false }),
    clear: () => {
      latest++; // an answer still on its way is about the other store
      store.setState({
        found: null,
        error: null,
        confirming: false,
        busy: false,
        deleteJobId: null,
      });
    },
    confirmDelete,
  };
}
