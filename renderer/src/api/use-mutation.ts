// Runs in the renderer. Run a writing command from a form or a button.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { CommandError, Result } from '../../../shared/contract/result';
import { call } from './call';

export interface MutationState<C extends CommandName> {
  /** Runs the command; resolves with its Result (never rejects). */
  run: (input: CommandInput<C>) => Promise<Result<CommandOutput<C>>>;
  running: boolean;
  /** the last failure, with `fields` for forms; cleared by the next run or `reset` */
  error: CommandError | null;
  reset: () => void;
}

/**
 * @example
 * const save = useMutation('clients.create');
 * const res = await save.run(input);
 * if (res.ok) close(); // else save.error.fields maps field paths to messages
 */
export function useMutation<C extends CommandName>(name: C): MutationState<C> {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (input: CommandInput<C>) => {
      setRunning(true);
      setError(null);
      const res = await call(name, input);
      if (mounted.current) {
        setRunning(false);
        setError(res.ok ? null : res.error);
      }
      return res;
    },
    [name],
  );
  const reset = useCallback(() => setError(null), []);
  return { run, running, error, reset };
}
