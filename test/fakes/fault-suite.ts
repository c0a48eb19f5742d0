// Test helper (vitest). The transport-fault tests every connector must pass against its fake provider:
// 429 + Retry-After honoured, 5xx retried then reported, 401 not retried, malformed JSON and a connection
// dropped mid-body reported for that page (never a partial page), timeouts, and prompt cancellation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, ConnectorContext } from '../../electron/ingest/connectors/connector';
import { ConnectorError } from '../../electron/ingest/http/connector-error';
import type { RetryOverrides } from '../../electron/ingest/http/request-json';
import { recordingSleep } from './connector-harness';
import { faults, type FakeServer, type RecordedRequest } from './fake-server';

export interface FaultSuiteFixture {
  server: FakeServer;
  connector: Connector;
  /** a fresh context against the fake, with the given retry overrides / signal */
  context(o?: { http?: RetryOverrides; signal?: AbortSignal }): ConnectorContext;
  /** the cursor of the page under test (null = first page) */
  cursor: string | null;
  /** which requests count as "the page" (faults are injected into these) */
  isPageRequest(req: RecordedRequest): boolean;
  close(): Promise<void>;
}

export interface FaultSuiteOptions {
  provider: string;
  /** the provider-specific hint expected in the 401 message */
  authHint: RegExp;
  setup(): Promise<FaultSuiteFixture>;
}

async function rejection(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectorError);
    return err as ConnectorError;
  }
  throw new Error('expected fetchPage to fail');
}

export function describeTransportFaults(o: FaultSuiteOptions): void {
  describe(`${o.provider}: transport faults`, () => {
    let f: FaultSuiteFixture;
    const pageRequests = () => f.server.requests.filter((r) => f.isPageRequest(r));
    beforeEach(async () => {
      f = await o.setup();
      f.server.requests.length = 0;
    });
    afterEach(async () => {
      await f.close();
    });

    it('waits as long as Retry-After says on 429, then succeeds with the whole page', async () => {
      const clean = await f.connector.fetchPage(f.context(), f.cursor);
      f.server.requests.length = 0;
      f.server.setBehaviour({ fault: faults.rateLimited('2'), times: 1, match: f.isPageRequest });
      const rec = recordingSleep();
      const page = await f.connector.fetchPage(f.context({ http: { sleep: rec.sleep } }), f.cursor);
      expect(rec.delays).toEqual([2000]);
      expect(pageRequests().map((r) => r.fault ?? 'ok')).toEqual(['status', 'ok']);
      expect(page.events).toEqual(clean.events);
      expect(page.nextCursor).toEqual(clean.nextCursor);
    });

    it('honours a Retry-After HTTP date on 503', async () => {
      const ctx = f.context();
      const at = new Date(ctx.now().getTime() + 7_000).toUTCString();
      f.server.setBehaviour({ fault: faults.unavailable(at), times: 1, match: f.isPageRequest });
      const rec = recordingSleep();
      await f.connector.fetchPage({ ...ctx, http: { ...ctx.http, sleep: rec.sleep } }, f.cursor);
      expect(rec.delays).toEqual([7000]);
    });

    it('does not sit out a Retry-After longer than the cap: the page fails as rate_limited with the wait', async () => {
      f.server.setBehaviour({ fault: faults.rateLimited('3600'), match: f.isPageRequest });
      const rec = recordingSleep();
      const err = await rejection(f.connector.fetchPage(f.context({ http: { sleep: rec.sleep } }), f.cursor));
      expect(err.kind).toBe('rate_limited');
      expect(err.retryAfterMs).toBe(3_600_000);
      expect(err.message).toMatch(new RegExp(`${o.provider} asked us to wait 60 min`));
      expect(rec.delays).toEqual([]);
    });

    it('retries 500 with exponential backoff and jitter up to maxAttempts, then reports a server error', async () => {
      f.server.setBehaviour({ fault: faults.serverError(), match: f.isPageRequest });
      const rec = recordingSleep();
      const err = await rejection(f.connector.fetchPage(f.context({ http: { sleep: rec.sleep, random: () => 0.5, maxAttempts: 5, baseDelayMs: 500 } }), f.cursor));
      expect(err.kind).toBe('server');
      expect(err.status).toBe(500);
      expect(err.retryable).toBe(true);
      expect(err.message).toMatch(new RegExp(`${o.provider} kept failing with HTTP 500 after 5 attempts; nothing from page \\d+ was saved`));
      expect(pageRequests()).toHaveLength(5);
      expect(rec.delays).toEqual([250, 500, 1000, 2000]);
    });

    it('recovers when a 502 clears before the attempts run out', async () => {
      f.server.setBehaviour({ fault: faults.status(502), times: 2, match: f.isPageRequest });
      const page = await f.connector.fetchPage(f.context(), f.cursor);
      expect(page.fetched).toBeGreaterThan(0);
      expect(pageRequests()).toHaveLength(3);
    });

    it('reports 401 as an auth error with the provider-specific hint and does not retry', async () => {
      f.server.setBehaviour({ fault: faults.unauthorized(), match: f.isPageRequest });
      const err = await rejection(f.connector.fetchPage(f.context(), f.cursor));
      expect(err.kind).toBe('auth');
      expect(err.status).toBe(401);
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(new RegExp(`^${o.provider} rejected the credentials \\(401\\): `));
      expect(err.message).toMatch(o.authHint);
      expect(pageRequests()).toHaveLength(1);
    });

    it('reports malformed JSON as bad_response for that page, without retrying it in a loop', async () => {
      f.server.setBehaviour({ fault: faults.malformed(), match: f.isPageRequest });
      const err = await rejection(f.connector.fetchPage(f.context(), f.cursor));
      expect(err.kind).toBe('bad_response');
      expect(err.message).toMatch(new RegExp(`^${o.provider} answered with malformed JSON on page \\d+; nothing from that page was saved. The sync will retry it.$`));
      expect(pageRequests()).toHaveLength(1);
    });

    it('never returns a partial page when the connection drops mid-body: retried, then a network error', async () => {
      f.server.setBehaviour({ fault: faults.drop(), match: f.isPageRequest });
      const err = await rejection(f.connector.fetchPage(f.context({ http: { maxAttempts: 3 } }), f.cursor));
      expect(err.kind).toBe('network');
      expect(err.message).toMatch(new RegExp(`The connection to ${o.provider} dropped while reading page \\d+`));
      expect(pageRequests().map((r) => r.fault)).toEqual(['drop', 'drop', 'drop']);
    });

    it('gets the whole page when a dropped connection succeeds on retry', async () => {
      const clean = await f.connector.fetchPage(f.context(), f.cursor);
      f.server.setBehaviour({ fault: faults.drop(), times: 1, match: f.isPageRequest });
      const page = await f.connector.fetchPage(f.context(), f.cursor);
      expect(page.events).toEqual(clean.events);
    });

    it('times out a request that never answers, retries, then reports a timeout', async () => {
      f.server.setBehaviour({ fault: faults.hang(), match: f.isPageRequest });
      const err = await rejection(f.connector.fetchPage(f.context({ http: { timeoutMs: 150, maxAttempts: 2 } }), f.cursor));
      expect(err.kind).toBe('timeout');
      expect(pageRequests()).toHaveLength(2);
    });

    it('stops within a few ms when the signal aborts mid-request', async () => {
      f.server.setBehaviour({ fault: faults.hang(), match: f.isPageRequest });
      const ac = new AbortController();
      const pending = rejection(f.connector.fetchPage(f.context({ signal: ac.signal, http: { timeoutMs: 60_000 } }), f.cursor));
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      ac.abort();
      const err = await pending;
      expect(performance.now() - t0).toBeLessThan(50);
      expect(err.kind).toBe('cancelled');
      expect(err.message).toMatch(new RegExp(`The ${o.provider} sync was cancelled`));
    });

    it('stops within a few ms when the signal aborts during a backoff wait', async () => {
      f.server.setBehaviour({ fault: faults.rateLimited('300'), match: f.isPageRequest });
      const ac = new AbortController();
      // real (abortable) sleep: the 300 s wait must end at once on abort
      const ctx = f.context({ signal: ac.signal });
      const pending = rejection(f.connector.fetchPage({ ...ctx, http: { ...ctx.http, sleep: undefined } }, f.cursor));
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      ac.abort();
      const err = await pending;
      expect(performance.now() - t0).toBeLessThan(50);
      expect(err.kind).toBe('cancelled');
    });
  });
}
