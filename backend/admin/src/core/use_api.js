// Reads from the API for a screen: the answer, the failure, and a way to read again after a change.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

/// `load` is an async function of nothing (or a path string for a plain GET); `deps` say when to
/// read again.
export function useApi(load, deps = []) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    const reading = typeof load === 'string' ? api.get(load) : load();
    reading.then(
      (data) => live && setState({ loading: false, data, error: null }),
      (error) => live && setState({ loading: false, data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { ...state, reload };
}
