// Runs in the renderer. Read a command's result and keep it fresh.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { CommandError } from '../../../shared/contract/result';
import { call } from './call';
import { liveQueries } from './live-queries';

export interface QueryOptions {
  /** Tables the command reads: a `data.changed` event naming one of them refetches. */
  tables: readonly string[];
  /** Keep showing the previous input's data while a new input loads (lists, search). */
  keepPrevious?: boolean;
  /** false: do not run (yet). */
  enabled?: boolean;
}

export interface QueryState<T> {
  data: T | null;
  error: CommandError | null;
  /** a request is in flight (first load or refetch) */
  loading: boolean;
  /** `data` belongs to an earlier input (only with keepPrevious) */
  stale: boolean;
  reload: () => Promise<void>;
}

interface Internal {
  key: string | null;
  data: unknown;
  error: CommandError | null;
  loading: boolean;
}

/**
 * @example
 * const clients = useQuery('clients.list', { search, show: 'current' }, { tables: ['clients'] });
 * if (clients.error) return <ErrorNotice error={clients.error} onRetry={clients.reload} />;
 */
export function useQuery<C extends CommandName>(name: C, input: CommandInput<C>, options: QueryOptions): QueryState<CommandOutput<C>> {
  const enabled = options.enabled ?? true;
  const key = `${name} ${JSON.stringify(input ?? {})}`;
  const tablesKey = options.tables.join('\n');
  const [state, setState] = useState<Internal>({ key: null, data: null, error: null, loading: enabled });
  const latest = useRef({ input, seq: 0, mounted: true });
  latest.current.input = input;

  const load = useCallback(async () => {
    const seq = ++latest.current.seq;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const res = await call(name, latest.current.input as CommandInput<C>);
    if (!latest.current.mounted || seq !== latest.current.seq) return;
    setState((s) => (res.ok ? { key, data: res.data, error: null, loading: false } : { key, data: s.key === key ? s.data : null, error: res.error, loading: false }));
    // `key` stands for `input`, which is read through the ref.
  }, [name, key]);

  useEffect(() => {
    latest.current.mounted = true;
    return () => {
      latest.current.mounted = false;
    };
  }, []);

  useEffect(() => {
    if (enabled) void load();
  }, [load, enabled]);

  useEffect(() => {
    if (!enabled) return undefined;
    return liveQueries().register(tablesKey.split('\n'), () => void load());
  }, [tablesKey, load, enabled]);

  const current = state.key === key;
  const keep = options.keepPrevious === true && state.key !== null;
  return {
    data: (current || keep ? state.data : null) as CommandOutput<C> | null,
    error: current ? state.error : null,
    loading: enabled && (state.loading || !current),
    stale: !current && keep,
    reload: load,
  };
}
