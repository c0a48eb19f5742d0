// Test helper (Node only). Builds connector contexts and drives a connector through a whole sync the way
// the job does, for connector tests and for other engineers' integration tests.
import type { Connector, ConnectorContext, Page } from '../../electron/ingest/connectors/connector';
import type { RetryOverrides } from '../../electron/ingest/http/request-json';
import type { Logger } from '../../electron/services/logger';
import type { NormalizedEvent, RejectedRecord } from '../../electron/ingest/types';

export interface RecordedSleep {
  delays: number[];
  sleep: NonNullable<RetryOverrides['sleep']>;
}

/** A sleep that records each requested delay and returns at once (still honouring abort). */
export function recordingSleep(): RecordedSleep {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms, signal) => {
      delays.push(ms);
      return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  meta?: Record<string, unknown>;
}

export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, meta?: Record<string, unknown>) => {
    lines.push(meta === undefined ? { level, message } : { level, message, meta });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TestContextOptions {
  credentials: Record<string, string>;
  config: Record<string, unknown>;
  now: string | Date;
  signal?: AbortSignal;
  http?: RetryOverrides;
  fetch?: typeof fetch;
}

export function testContext(o: TestContextOptions): ConnectorContext & { log: ReturnType<typeof memoryLogger> } {
  const now = typeof o.now === 'string' ? new Date(o.now) : o.now;
  return {
    fetch: o.fetch ?? globalThis.fetch,
    credentials: o.credentials,
    config: o.config,
    signal: o.signal ?? new AbortController().signal,
    now: () => now,
    log: memoryLogger(),
    http: { sleep: recordingSleep().sleep, random: () => 0.5, timeoutMs: 5_000, ...o.http },
  };
}

export interface SyncResult {
  pages: Page[];
  events: NormalizedEvent[];
  rejected: RejectedRecord[];
  /** the cursor the job would have saved last */
  resumeCursor: string | null;
}

/** Runs fetchPage until caught up (or maxPages), like the sync job; throws what fetchPage throws. */
export async function syncAll(connector: Connector, ctx: ConnectorContext, start: string | null = null, maxPages = 1000): Promise<SyncResult> {
  const pages: Page[] = [];
  let cursor = start;
  let resumeCursor: string | null = start;
  for (let i = 0; i < maxPages; i++) {
    const page = await connector.fetchPage(ctx, cursor);
    pages.push(page);
    resumeCursor = page.resumeCursor;
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  if (cursor !== null) throw new Error(`sync did not finish within ${maxPages} pages`);
  return { pages, events: pages.flatMap((p) => p.events), rejected: pages.flatMap((p) => p.rejected), resumeCursor };
}

/** externalIds in order, failing loudly on duplicates within one sync. */
export function uniqueIds(events: NormalizedEvent[]): string[] {
  const ids = events.map((e) => e.externalId);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) throw new Error(`duplicate externalIds: ${[...new Set(dupes)].slice(0, 5).join(', ')}`);
  return ids;
}
