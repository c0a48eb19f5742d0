// Runs in main; takes an IpcMainLike instead of importing electron, so it is tested under Node.
// The one place every contract command becomes an IPC handler: sender check, then the dispatcher
// (which validates the input with the command's schema, calls the service and maps errors).
import { COMMAND_NAMES, commandChannel } from '../../shared/contract/names';
import type { Result } from '../../shared/contract/result';
import type { Logger } from '../services/logger';
import type { Dispatch } from './dispatcher';
import type { SenderCheck } from './sender-check';

/** The part of a WebFrameMain the check reads. `parent` is null for a top-level frame. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent?: unknown;
}

/** The part of Electron's IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  readonly senderFrame?: SenderFrameLike | null;
}

export type InvokeHandler = (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>;

/** The subset of Electron's `ipcMain` used here; Electron's `ipcMain` satisfies it. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeHandler): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  isTrustedSender: SenderCheck;
  logger: Logger;
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Meterbook window and was refused.' },
};

/** The frame URL of a sender, or null when the frame is gone or is not the top-level page. */
function topFrameUrl(event: InvokeEventLike | null | undefined): string | null {
  const frame = event?.senderFrame;
  if (frame === null || frame === undefined) return null;
  // Only the app's top-level document may call; the CSP forbids frames, this is the second lock.
  if (frame.parent !== null && frame.parent !== undefined) return null;
  return typeof frame.url === 'string' ? frame.url : null;
}

/**
 * Registers one `ipcMain.handle` per command of the contract (channel `commandChannel(name)`).
 * Returns a function that removes them all again.
 *
 * @example
 * const unregister = registerIpc({ ipcMain, dispatch: ctx.dispatch, isTrustedSender: createSenderCheck(origin), logger });
 */
export function registerIpc({ ipcMain, dispatch, isTrustedSender, logger }: RegisterIpcOptions): () => void {
  const channels: string[] = [];
  for (const name of COMMAND_NAMES) {
    const channel = commandChannel(name);
    ipcMain.handle(channel, async (event, input) => {
      const url = topFrameUrl(event);
      if (url === null || !isTrustedSender(url)) {
        logger.warn('Refused an IPC command from an untrusted sender', { command: name, frameUrl: url ?? '(none or subframe)' });
        return FORBIDDEN;
      }
      try {
        return await dispatch(name, input);
      } catch (err) {
        // dispatch maps every failure itself; this only guards against a bug there.
        logger.error(`IPC command ${name} threw`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        return { ok: false, error: { code: 'internal', message: `Meterbook hit an internal error running ${name}. See the log.` } };
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
