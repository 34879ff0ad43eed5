/**
 * zustand's own `useStore` hook imports React (through preact/compat); this small one uses
 * preact/hooks only, which keeps the content script small and tests free of the react alias.
 * Selectors must return stable values (a field, not a fresh object).
 */
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

export function useStore<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const value = selector(store.getState());
  const latest = useRef({ selector, value });
  latest.current = { selector, value };
  useLayoutEffect(() => {
    const check = () => {
      if (!Object.is(latest.current.selector(store.getState()), latest.current.value)) rerender(0);
    };
    check();
    return store.subscribe(check);
  }, [store]);
  return value;
}
