// Runs in the renderer (browser mode). The contract over the loopback HTTP bridge:
//   POST /api/call/<command>  body = input JSON  ->  Result JSON
//   GET  /api/events          Server-Sent Events, `event: <name>` + `data: <json payload>`
// Auth is a cookie the bridge set when it served the page; this file never sees a token.
import type { CommandFns, EventSubscribers, MeterbookApi } from '../../../shared/contract/api';
import type { EventName } from '../../../shared/contract/events';
import { COMMAND_NAMES, EVENT_NAMES } from '../../../shared/contract/names';
import type { Result } from '../../../shared/contract/result';
import { describeThrown, lostContact } from './lost-contact';
import { isResult } from './parse-result';

/** The subset of EventSource this client uses (so tests can fake it). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (ev: { data?: unknown }) => void): void;
  close(): void;
}

export interface HttpApiDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  openEventSource: (url: string) => EventSourceLike;
  /** Re-open a closed event stream after this many ms (the server refused or went away). */
  reconnectDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Payload of the synthetic `data.changed` event sent after the event stream reconnects:
 * events may have been missed meanwhile, so every query refetches.
 */
export const EVERY_TABLE = '*';

const CLOSED = 2;

export function createHttpApi(deps: HttpApiDeps): MeterbookApi {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const reconnectDelayMs = deps.reconnectDelayMs ?? 3000;

  async function post(name: string, input: unknown): Promise<Result<unknown>> {
    let res: Response;
    try {
      res = await deps.fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return lostContact(describeThrown(err));
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return lostContact(`HTTP ${res.status}, answer was not JSON`);
    }
    return isResult(body) ? body : lostContact(`HTTP ${res.status}, unexpected answer`);
  }

  // One shared event stream, opened on the first subscription and closed after the last.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  let missedEvents = false;
  let retryTimer: unknown = null;

  const deliver = (name: string, payload: unknown) => {
    for (const l of [...(listeners.get(name) ?? [])]) l(payload);
  };
  const subscriberCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);

  function open(): void {
    const es = deps.openEventSource('/api/events');
    source = es;
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (ev) => {
        if (typeof ev.data !== 'string') return;
        let payload: unknown;
        try {
          payload = JSON.parse(ev.data);
        } catch {
          return;
        }
        deliver(name, payload);
      });
    }
    es.addEventListener('open', () => {
      if (!missedEvents) return;
      missedEvents = false;
      deliver('data.changed', { tables: [EVERY_TABLE] });
    });
    es.addEventListener('error', () => {
      missedEvents = true;
      // The browser retries by itself unless the stream is closed (HTTP error, wrong content type).
      if (es.readyState === CLOSED && source === es && retryTimer === null) {
        retryTimer = setTimer(() => {
          retryTimer = null;
          if (source === es && subscriberCount() > 0) open();
        }, reconnectDelayMs);
      }
    });
  }

  function subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    if (!source) open();
    return () => {
      set.delete(listener);
      if (subscriberCount() === 0 && source) {
        source.close();
        source = null;
        if (retryTimer !== null) clearTimer(retryTimer);
        retryTimer = null;
      }
    };
  }

  const commands = Object.fromEntries(COMMAND_NAMES.map((n) => [n, (input: unknown) => post(n, input)])) as unknown as CommandFns;
  const events = Object.fromEntries(
    EVENT_NAMES.map((n) => [n, (listener: (payload: unknown) => void) => subscribe(n, listener)]),
  ) as unknown as EventSubscribers;
  return { commands, events };
}
