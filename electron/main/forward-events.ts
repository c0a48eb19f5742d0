// Runs in main; no electron import. Sends every bus event to the app's windows over its contract
// channel (eventChannel(name)); the preload hands listeners the payload only.
import { eventChannel } from '../../shared/contract/names';

/** The part of Electron's WebContents used here. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface BusLike {
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** Subscribes to the bus; returns the unsubscribe function. Closed windows are skipped. */
export function forwardBusEvents(bus: BusLike, targets: () => Iterable<EventTarget>): () => void {
  return bus.subscribe((name, payload) => {
    const channel = eventChannel(name);
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(channel, payload);
    }
  });
}
