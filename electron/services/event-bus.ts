// Runs in main. Typed fan-out of contract events to whoever listens (IPC, SSE, tests).
import type { EventName, EventPayload } from '../../shared/contract/events';

type Listener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        // a broken listener (closed window, dropped SSE client) must not break the write that emitted
      }
    }
  }

  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Convenience for services: announce which tables a committed write touched. */
  changed(...tables: string[]): void {
    this.emit('data.changed', { tables });
  }
}
