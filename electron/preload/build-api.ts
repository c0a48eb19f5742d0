// Runs in the sandboxed preload; imports nothing from electron so it is tested under Node.
// Builds `window.meterbook` from the plain name lists: one function per command, one subscribe
// function per event. There is deliberately no generic invoke/send/on: the page can reach
// exactly the contract's channels and nothing else.
import type { CommandFns, EventSubscribers, MeterbookApi } from '../../shared/contract/api';
import { COMMAND_NAMES, EVENT_NAMES, commandChannel, eventChannel } from '../../shared/contract/names';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The subset of Electron's `ipcRenderer` used here; Electron's `ipcRenderer` satisfies it. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

/**
 * The API the preload exposes. Each command sends exactly one argument (the input); each
 * subscription hands the listener only the payload, never the IpcRendererEvent (which would
 * give the page `event.sender`, i.e. ipcRenderer itself).
 */
export function buildMeterbookApi(ipc: IpcRendererLike): MeterbookApi {
  const commands: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of COMMAND_NAMES) {
    const channel = commandChannel(name);
    commands[name] = (input: unknown) => ipc.invoke(channel, input);
  }

  const events: Record<string, (listener: (payload: unknown) => void) => () => void> = {};
  for (const name of EVENT_NAMES) {
    const channel = eventChannel(name);
    events[name] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`meterbook.events['${name}'] needs a listener function.`);
      const wrapped: Listener = (_event, payload) => listener(payload);
      ipc.on(channel, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, wrapped);
      };
    };
  }

  return Object.freeze({
    commands: Object.freeze(commands) as unknown as CommandFns,
    events: Object.freeze(events) as unknown as EventSubscribers,
  });
}
