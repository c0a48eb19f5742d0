import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger, recordingSleep } from '../../../test/fakes/connector-harness';
import { faults, startFakeServer, type FakeServer } from '../../../test/fakes/fake-server';
import { ConnectorError } from './connector-error';
import { requestJson, type HttpContext } from './request-json';
import { backoffDelay, parseRetryAfter } from './retry-policy';

const NOW = Date.parse('2026-10-15T12:00:00Z');

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('Thu, 15 Oct 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Thu, 15 Oct 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 500, 30_000, () => 0.999))).toEqual([499, 999, 1998, 3996]);
    expect(backoffDelay(20, 500, 30_000, () => 0.5)).toBe(15_000);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(0);
  });
});

describe('requestJson', () => {
  let server: FakeServer;
  let answer: { status: number; json: unknown };
  beforeEach(async () => {
    answer = { status: 200, json: { ok: true } };
    server = await startFakeServer({ errorBody: (status) => ({ message: `status ${status}` }), handle: () => answer });
  });
  afterEach(async () => {
    await server.close();
  });
  const ctx = (over: Partial<Omit<HttpContext, 'log'>> = {}) => {
    const log = memoryLogger();
    return { fetch: globalThis.fetch, signal: new AbortController().signal, now: () => new Date(NOW), http: { sleep: recordingSleep().sleep, timeoutMs: 2_000 }, ...over, log };
  };
  const fail = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(ConnectorError);
      return err as ConnectorError;
    }
    throw new Error('expected a ConnectorError');
  };

  it('returns the parsed body and the exact text of its numbers', async () => {
    answer = { status: 200, json: { price: 0.1 } };
    const res = await requestJson(ctx(), `${server.url}/x`, {}, { provider: 'Acme' });
    expect(res.body).toEqual({ price: 0.1 });
    expect(res.numberText(res.body, 'price')).toBe('0.1');
  });

  it('names 404 with host and path only: a key in the query string never reaches the message or the log', async () => {
    answer = { status: 404, json: { message: 'no such thing' } };
    const c = ctx();
    const err = await fail(requestJson(c, `${server.url}/v1/usage?api_key=SECRET123`, {}, { provider: 'Acme' }));
    expect(err.kind).toBe('config');
    expect(err.message).toBe(`Acme answered 404 Not Found for ${new URL(server.url).host}/v1/usage: check the base URL and the account or project identifiers in the connector settings. Acme said: "no such thing"`);
    expect(err.message).not.toContain('SECRET123');
    server.setBehaviour({ fault: faults.serverError(), times: 1 });
    answer = { status: 200, json: {} };
    await requestJson(c, `${server.url}/v1/usage?api_key=SECRET123`, {}, { provider: 'Acme' });
    expect(JSON.stringify(c.log.lines)).not.toContain('SECRET123');
    expect(c.log.lines[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/^Acme: server on a page; retrying in \d+ ms$/), meta: { target: `${new URL(server.url).host}/v1/usage` } });
  });

  it('passes on the provider explanation of a 400 without retrying', async () => {
    answer = { status: 400, json: { error: { message: 'start_time must be before end_time' } } };
    const err = await fail(requestJson(ctx(), `${server.url}/x`, {}, { provider: 'Acme', what: 'page 2' }));
    expect(err).toMatchObject({ kind: 'config', status: 400, retryable: false });
    expect(err.message).toBe('Acme refused the request for page 2 (HTTP 400); check the connector settings. Acme said: "start_time must be before end_time"');
    expect(server.requests).toHaveLength(1);
  });

  it('explains 403 as missing permission', async () => {
    answer = { status: 403, json: { detail: 'insufficient scope' } };
    const err = await fail(requestJson(ctx(), `${server.url}/x`, {}, { provider: 'Acme', authHint: 'check the admin key' }));
    expect(err.message).toBe('Acme refused access (403): check the admin key; the key may lack the permission to read usage. Acme said: "insufficient scope"');
  });

  it('reports an unreachable provider as a network error after the attempts', async () => {
    const url = server.url;
    await server.close();
    const rec = recordingSleep();
    const err = await fail(requestJson(ctx({ http: { sleep: rec.sleep, maxAttempts: 3, random: () => 1 } }), `${url}/x`, {}, { provider: 'Acme' }));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/^Could not reach Acme \(ECONNREFUSED\) after 3 attempts; check the internet connection/);
    expect(rec.delays).toEqual([500, 1000]);
    server = await startFakeServer({ errorBody: () => ({}), handle: () => answer });
  });

  it('does not even send a request when already cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await fail(requestJson(ctx({ signal: ac.signal }), `${server.url}/x`, {}, { provider: 'Acme', what: 'page 4' }));
    expect(err).toMatchObject({ kind: 'cancelled', message: 'The Acme sync was cancelled; nothing from page 4 was saved.' });
    expect(server.requests).toHaveLength(0);
  });

  it('retries 429 without Retry-After using backoff, and gives up as rate_limited', async () => {
    server.setBehaviour({ fault: faults.rateLimited() });
    const rec = recordingSleep();
    const err = await fail(requestJson(ctx({ http: { sleep: rec.sleep, maxAttempts: 3, random: () => 0.5 } }), `${server.url}/x`, {}, { provider: 'Acme', what: 'page 1' }));
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, attempts: 3 });
    expect(err.message).toBe('Acme kept asking us to slow down (429) after 3 attempts; nothing from page 1 was saved. The sync will retry later.');
    expect(rec.delays).toEqual([250, 500]);
  });
});
