import { useCallback, useLayoutEffect, useState } from 'preact/hooks';

export type FetchState<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ok'; data: T };

/**
 * Loading and error state for one fetch; `reload` runs it again (the retry button). The request starts
 * in a layout effect, right after the render, rather than after the next paint (Preact's useEffect waits
 * for a frame, up to 100 ms where frames are throttled): a view's data is asked for as soon as it shows.
 */
export function useFetch<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<FetchState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useLayoutEffect(() => {
    let live = true;
    // Already loading (the first run): keep the same state object, so no extra render.
    setState((s) => (s.status === 'loading' ? s : { status: 'loading' }));
    load().then(
      (data) => live && setState({ status: 'ok', data }),
      (error: Error) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass the inputs of `load` as deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return [state, reload] as const;
}
