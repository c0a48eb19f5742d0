// Runs anywhere. The shape of the API object the renderer talks to, whatever the transport.
import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { EventName, EventPayload } from './events';
import type { Result } from './result';

export type CommandFns = { [C in CommandName]: (input: CommandInput<C>) => Promise<Result<CommandOutput<C>>> };
export type EventSubscribers = { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };

/** What the preload exposes as `window.meterbook`, and what the HTTP client implements in browser mode. */
export interface MeterbookApi {
  readonly commands: CommandFns;
  readonly events: EventSubscribers;
}
