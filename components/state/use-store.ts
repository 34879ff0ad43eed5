/**
 * zustand's own `useStore` hook imports React; this small one uses preact/hooks only, so the
 * pages take nothing but `zustand/vanilla` and need no React (nor Preact's compat layer for it).
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
