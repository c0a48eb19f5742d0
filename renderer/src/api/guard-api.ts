// Runs in the renderer. Wraps the Electron preload API so a rejected or malformed IPC reply
// becomes a Result like every other failure, instead of an unhandled rejection.
import type { CommandFns, MeterbookApi } from '../../../shared/contract/api';
import { COMMAND_NAMES } from '../../../shared/contract/names';
import type { Result } from '../../../shared/contract/result';
import { describeThrown, lostContact } from './lost-contact';
import { isResult } from './parse-result';

export function guardApi(api: MeterbookApi): MeterbookApi {
  const raw = api.commands as unknown as Record<string, ((input: unknown) => Promise<unknown>) | undefined>;
  const commands = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      async (input: unknown): Promise<Result<unknown>> => {
        const fn = raw[name];
        if (typeof fn !== 'function') return lostContact(`this build has no ${name} command`);
        try {
          const reply = await fn(input);
          return isResult(reply) ? reply : lostContact(`${name} gave an unexpected answer`);
        } catch (err) {
          return lostContact(describeThrown(err));
        }
      },
    ]),
  ) as unknown as CommandFns;
  return { commands, events: api.events };
}
