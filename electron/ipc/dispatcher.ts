// Runs in main (Electron IPC, the browser-mode bridge and the CLI all go through here).
// The one place a command is executed: look it up, validate the input with the contract schema,
// call the handler, validate the output, and map every failure to the Result envelope.
import { z } from 'zod';
import { commands, type CommandInput, type CommandName, type CommandOutput, type ParsedInput } from '../../shared/contract/commands';
import type { CommandError, Result } from '../../shared/contract/result';
import { AppError } from '../services/errors';
import type { Logger } from '../services/logger';

export type Handlers = { [C in CommandName]: (input: ParsedInput<C>) => Promise<CommandOutput<C>> | CommandOutput<C> };
/** The handlers of one domain's commands (merged into Handlers in handlers.ts). */
export type DomainHandlers<N extends CommandName> = Pick<Handlers, N>;

/** Typed for callers that know the command (tests, CLI); untyped for transports that pass through what they received. */
export interface Dispatch {
  <C extends CommandName>(name: C, rawInput: CommandInput<C>): Promise<Result<CommandOutput<C>>>;
  (name: string, rawInput: unknown): Promise<Result<unknown>>;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Input echoed in a message ("got ...") is cut to this many characters: a pasted 100 kB value must not become the message. */
const MAX_ECHO = 60;
const elide = (s: string) => (s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO)}…` : s);

/** The message with any long echo of the rejected input (as typed, or trimmed / upper-cased by the field) elided. */
function elideEcho(message: string, input: unknown): string {
  if (typeof input !== 'string' || input.length <= MAX_ECHO) return message;
  let out = message;
  for (const echo of new Set([input, input.trim(), input.trim().toUpperCase()])) {
    if (echo.length > MAX_ECHO) out = out.split(echo).join(elide(echo));
  }
  return out;
}

/** Services echo what they refuse in quotes too: a quoted run that long is pasted data, not a name or a path. */
const clipQuoted = (message: string) => message.replace(/"([^"]{200,})"/g, (_m, q: string) => `"${elide(q)}"`);

/** The value at a zod issue's path in the raw input (zod does not keep it in the issue unless asked to). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !hasOwn(v, k as string)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Turns zod issues into one message a user can act on, plus a per-field map for forms. */
export function zodToCommandError(err: z.ZodError, rawInput?: unknown): CommandError {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const path = issue.path.map(String).join('.');
    // zod 4 leaves `input` out of issues: the raw input tells a missing field from one of the wrong type (or 1.5 for an id)
    const given = issue.input ?? valueAt(rawInput, issue.path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(elide).join(', ')}.`
        : issue.code === 'invalid_type' && given === undefined
          ? `${path || 'Input'} is required.`
          : clipQuoted(elideEcho(issue.message, given));
    const key = path || (issue.code === 'unrecognized_keys' ? issue.keys[0]! : '');
    if (!(key in fields)) fields[key] = message;
  }
  const [firstField, firstMessage] = Object.entries(fields)[0] ?? ['', 'The input is not valid.'];
  const error: CommandError = { code: 'invalid_input', message: firstMessage, fields };
  if (firstField) error.field = firstField;
  return error;
}

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  const dispatch = async (name: string, rawInput: unknown): Promise<Result<unknown>> => {
    if (typeof name !== 'string' || !hasOwn(commands, name)) {
      return { ok: false, error: { code: 'unknown_command', message: `There is no command named "${String(name)}".` } };
    }
    const spec = commands[name as CommandName];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToCommandError(parsed.error, rawInput) };
    try {
      const handler = handlers[name as CommandName] as (input: unknown) => Promise<unknown> | unknown;
      const data = await handler(parsed.data);
      const out = spec.output.safeParse(data);
      if (!out.success) {
        logger.error(`Command ${name} returned data that breaks its contract`, { issues: out.error.issues.slice(0, 5) });
        return { ok: false, error: { code: 'internal', message: `Meterbook hit an internal error running ${name}. Nothing was lost; see the log.` } };
      }
      return { ok: true, data: out.data };
    } catch (err) {
      if (err instanceof AppError) {
        const error: CommandError = { code: err.code, message: clipQuoted(err.message) };
        if (err.field !== undefined) error.field = err.field;
        if (err.fields !== undefined) error.fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, clipQuoted(v)]));
        else if (err.field !== undefined) error.fields = { [err.field]: error.message };
        return { ok: false, error };
      }
      if (err instanceof z.ZodError) return { ok: false, error: zodToCommandError(err) };
      logger.error(`Command ${name} failed`, { error: err instanceof Error ? err.stack ?? err.message : String(err) });
      return { ok: false, error: { code: 'internal', message: `Meterbook hit an internal error running ${name}. Nothing was changed; see the log.` } };
    }
  };
  return dispatch as Dispatch;
}
