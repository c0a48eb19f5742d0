// Runs in the renderer. The typed way to run one command.
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { Result } from '../../../shared/contract/result';
import { getApi } from './transport';

/**
 * Runs a command over whichever transport is active.
 * @example
 * const res = await call('clients.get', { id: 7 });
 * if (res.ok) console.log(res.data.name); else console.warn(res.error.message);
 */
export function call<C extends CommandName>(name: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>> {
  const fn = getApi().commands[name] as unknown as (input: CommandInput<C>) => Promise<Result<CommandOutput<C>>>;
  return fn(input);
}
