// The browser-mode bridge against a real ledger in a temp folder, over real HTTP on 127.0.0.1.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { openAppContext, type AppContext } from '../../electron/services/app-context';
import { silentLogger } from '../../electron/services/logger';
import { bearer, callCommand, cookie, httpRequest } from './helpers/http';
import { FIXTURE_INDEX_MARKER, FIXTURE_SCRIPT, writeRendererFixture } from './helpers/renderer-fixture';
import { openSse } from './helpers/sse';
import { createTempDirs } from './helpers/temp-dirs';

const SECRET = 'meterbook-secret-outside-the-renderer';
/** the input of every request that must be refused: no client of this name may ever exist */
const REFUSED = { name: 'Refused', currency: 'USD' };

type ListResult = { ok: true; data: { items: { name: string }[]; total: number } };

const temp = createTempDirs();
let ctx: AppContext;
let bridge: Bridge;
let rendererDir: string;
let origin: string;
let token: string;

/** clients.list through the bridge with a valid token: proves a refused request changed nothing */
async function expectNothingRefusedWasCreated(): Promise<void> {
  const answer = await callCommand(origin, 'clients.list', { show: 'all', search: REFUSED.name }, bearer(token));
  expect(answer.json<ListResult>()).toMatchObject({ ok: true, data: { total: 0 } });
}

beforeAll(async () => {
  const base = temp.make();
  rendererDir = writeRendererFixture(base);
  // files beside the renderer folder that no request may reach
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(rendererDir, 'linked.txt'));
  ctx = await openAppContext({ dataDir: path.join(base, 'data'), mode: 'browser', logger: silentLogger });
  bridge = await startBridge({ ctx, port: 0, rendererDir, logger: silentLogger });
  ({ origin, token } = bridge);
});

afterAll(async () => {
  await bridge?.close();
  await ctx?.close();
  temp.removeAll();
});

describe('listening', () => {
  it('binds 127.0.0.1 only and prints a URL carrying the token', () => {
    const address = bridge.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(bridge.port).toBe(address.port);
    expect(origin).toBe(`http://127.0.0.1:${address.port}`);
    expect(bridge.url).toBe(`${origin}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('authentication', () => {
  it('refuses a command without the token (401) and does not run it', async () => {
    const answer = await callCommand(origin, 'clients.create', REFUSED);
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expectNothingRefusedWasCreated();
  });

  it('refuses a wrong token, in a cookie or a Bearer header', async () => {
    for (const headers of [cookie('not-the-token'), bearer(`${token}x`), cookie(token.slice(0, -1)), { Authorization: `Basic ${token}` }]) {
      const answer = await callCommand(origin, 'clients.create', REFUSED, headers);
      expect(answer.status).toBe(401);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await expectNothingRefusedWasCreated();
  });

  it('answers a page request without the token with a short HTML page', async () => {
    const answer = await httpRequest(origin, '/');
    expect(answer.status).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('meterbook serve');
    expect(answer.text).not.toContain(FIXTURE_INDEX_MARKER);
  });

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie and redirects to the same path without it', async () => {
    const answer = await httpRequest(origin, `/clients?tab=open&token=${token}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/clients?tab=open');
    expect(answer.headers['set-cookie']).toEqual([`mb_token=${token}; HttpOnly; SameSite=Strict; Path=/`]);

    const root = await httpRequest(origin, `/?token=${token}`);
    expect(root.headers.location).toBe('/');
    // a path that looks like another host stays on this one
    const sneaky = await httpRequest(origin, `//evil.example/?token=${token}`);
    expect(sneaky.headers.location).toBe('/evil.example/');
  });

  it('does not set a cookie for a wrong ?token=', async () => {
    const answer = await httpRequest(origin, `/?token=${token.slice(1)}`);
    expect(answer.status).toBe(401);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('with the cookie, a command round-trips', async () => {
    const created = await callCommand(origin, 'clients.create', { name: 'Acme', currency: 'USD' }, cookie(token));
    expect(created.status).toBe(200);
    expect(created.json()).toMatchObject({ ok: true, data: { id: expect.any(Number), name: 'Acme', currency: 'USD' } });

    const listed = await callCommand(origin, 'clients.list', { search: 'Acme' }, { Cookie: `theme=dark; mb_token=${token}` });
    expect(listed.json<ListResult>()).toMatchObject({ ok: true, data: { total: 1, items: [{ name: 'Acme' }] } });

    const archived = await callCommand(origin, 'clients.archive', { id: created.json<{ data: { id: number } }>().data.id }, cookie(token));
    expect(archived.json()).toMatchObject({ ok: true, data: { archived: true } });
  });
});

describe('request source', () => {
  it('refuses a foreign Origin with 403 even with a valid token, and does not run the command', async () => {
    for (const foreign of ['http://evil.example', 'null', `http://127.0.0.1:${bridge.port + 1}`, `https://127.0.0.1:${bridge.port}`]) {
      const answer = await callCommand(origin, 'clients.create', REFUSED, { ...cookie(token), Origin: foreign });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await expectNothingRefusedWasCreated();
  });

  it('accepts its own origin, as 127.0.0.1 or localhost', async () => {
    for (const own of [origin, `http://localhost:${bridge.port}`]) {
      const answer = await callCommand(origin, 'app.info', {}, { ...cookie(token), Origin: own });
      expect(answer.status).toBe(200);
      expect(answer.json()).toMatchObject({ ok: true, data: { mode: 'browser' } });
    }
    const viaLocalhost = await callCommand(origin, 'app.info', {}, { ...cookie(token), Host: `localhost:${bridge.port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses cross-site and same-site fetches (Sec-Fetch-Site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const answer = await callCommand(origin, 'clients.create', REFUSED, { ...cookie(token), 'Sec-Fetch-Site': site });
      expect(answer.status).toBe(403);
    }
    const own = await callCommand(origin, 'app.info', {}, { ...cookie(token), 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(200);
    await expectNothingRefusedWasCreated();
  });

  it('refuses a Host other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, `127.0.0.1:${bridge.port + 1}`, '127.0.0.1', `[::1]:${bridge.port}`]) {
      const answer = await callCommand(origin, 'clients.create', REFUSED, { ...cookie(token), Host: host });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const page = await httpRequest(origin, '/', { headers: { ...cookie(token), Host: host } });
      expect(page.status).toBe(403);
      expect(page.text).not.toContain(FIXTURE_INDEX_MARKER);
    }
    await expectNothingRefusedWasCreated();
  });
});

describe('POST /api/call/<command>', () => {
  it('returns the invalid_input Result with the field at fault', async () => {
    const answer = await callCommand(origin, 'clients.create', { name: 'Acme', currency: 'DOLLARS' }, bearer(token));
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'currency', message: expect.any(String) } });
    const missing = await callCommand(origin, 'clients.create', { currency: 'USD' }, bearer(token));
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
  });

  it('answers an unparsable body with invalid_input', async () => {
    const answer = await httpRequest(origin, '/api/call/clients.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(token) },
      body: '{"name": "Acme",',
    });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } });
  });

  it('treats an empty body as {}', async () => {
    const answer = await httpRequest(origin, '/api/call/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(token) } });
    expect(answer.json()).toMatchObject({ ok: true, data: { mode: 'browser', onboarded: false } });
  });

  it('reports an unknown command', async () => {
    const answer = await callCommand(origin, 'clients.explode', {}, bearer(token));
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    const proto = await callCommand(origin, '__proto__', {}, bearer(token));
    expect(proto.json()).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('requires POST and a JSON content type', async () => {
    const get = await httpRequest(origin, '/api/call/app.info', { headers: bearer(token) });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(get.json()).toMatchObject({ ok: false });

    const form = await httpRequest(origin, '/api/call/clients.create', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...bearer(token) },
      body: JSON.stringify(REFUSED),
    });
    expect(form.status).toBe(415);
    await expectNothingRefusedWasCreated();
  });

  it('refuses a body over 5 MB', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024 + 10), currency: 'USD' });
    const answer = await httpRequest(origin, '/api/call/clients.create', { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(token) }, body: big });
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers other /api paths with a JSON 404 and no-store', async () => {
    const answer = await httpRequest(origin, '/api/nothing', { headers: bearer(token) });
    expect(answer.status).toBe(404);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('GET /api/events', () => {
  it('streams a data.changed event after a create', async () => {
    const stream = await openSse(origin, '/api/events', cookie(token));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['cache-control']).toBe('no-store');

    await callCommand(origin, 'clients.create', { name: 'Streamed', currency: 'EUR' }, cookie(token));
    const event = await stream.waitFor('data.changed');
    expect(JSON.parse(event.data)).toMatchObject({ tables: expect.arrayContaining(['clients']) });

    stream.close();
  });

  it('unsubscribes from the bus when the client leaves', async () => {
    let subscribed = 0;
    const countingBus = {
      subscribe: (listener: Parameters<AppContext['bus']['subscribe']>[0]) => {
        subscribed++;
        const unsubscribe = ctx.bus.subscribe(listener);
        return () => {
          subscribed--;
          unsubscribe();
        };
      },
    };
    const counted = await startBridge({ ctx: { dispatch: ctx.dispatch, bus: countingBus }, rendererDir, logger: silentLogger });
    try {
      const stream = await openSse(counted.origin, '/api/events', bearer(counted.token));
      expect(subscribed).toBe(1);
      stream.close();
      await waitUntil(() => subscribed === 0);
    } finally {
      await counted.close();
    }
  });

  it('refuses the stream without the token', async () => {
    const stream = await openSse(origin, '/api/events', {});
    expect(stream.status).toBe(401);
    stream.close();
  });

  it('sends a ping comment on the configured interval', async () => {
    const fast = await startBridge({ ctx, rendererDir, logger: silentLogger, pingIntervalMs: 50 });
    try {
      const stream = await openSse(fast.origin, '/api/events', bearer(fast.token));
      await waitUntil(() => stream.comments.includes(': ping'));
      stream.close();
    } finally {
      await fast.close();
    }
  });
});

describe('static files', () => {
  it('serves index.html with the security headers and no-store', async () => {
    const answer = await httpRequest(origin, '/', { headers: cookie(token) });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(FIXTURE_INDEX_MARKER);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    const csp = String(answer.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content type and the same headers', async () => {
    const js = await httpRequest(origin, '/assets/app.js', { headers: cookie(token) });
    expect(js.status).toBe(200);
    expect(js.text).toBe(FIXTURE_SCRIPT);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toContain("default-src 'self'");
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const css = await httpRequest(origin, '/assets/app.css', { headers: cookie(token) });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await httpRequest(origin, '/assets/app.js', { method: 'HEAD', headers: cookie(token) });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('falls back to index.html for routes, not for missing files', async () => {
    const route = await httpRequest(origin, '/clients/12', { headers: cookie(token) });
    expect(route.status).toBe(200);
    expect(route.text).toContain(FIXTURE_INDEX_MARKER);
    expect(route.headers['cache-control']).toBe('no-store');
    const missing = await httpRequest(origin, '/assets/missing.js', { headers: cookie(token) });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('never serves a file outside the renderer folder', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '//etc/passwd',
      '/linked.txt',
      '/.hidden',
      '/index.html%00.js',
    ];
    for (const attempt of attempts) {
      const answer = await httpRequest(origin, attempt, { headers: cookie(token) });
      expect(answer.text, attempt).not.toContain(SECRET);
      expect(answer.text, attempt).not.toContain('"name": "meterbook"');
      expect(answer.text, attempt).not.toContain('root:');
      if (answer.status === 200) expect(answer.text, attempt).toContain(FIXTURE_INDEX_MARKER);
    }
  });

  it('does not serve pages to other methods', async () => {
    const answer = await httpRequest(origin, '/', { method: 'DELETE', headers: cookie(token) });
    expect(answer.status).toBe(405);
  });
});

describe('close', () => {
  it('ends event streams and stops listening; the ledger stays open', async () => {
    const other = await startBridge({ ctx, rendererDir, logger: silentLogger });
    const stream = await openSse(other.origin, '/api/events', bearer(other.token));
    await other.close();
    await stream.ended;
    await expect(httpRequest(other.origin, '/', { headers: bearer(other.token) })).rejects.toThrow(/ECONNREFUSED/);
    await expectNothingRefusedWasCreated();
  });

  it('gives every launch its own token', async () => {
    const other = await startBridge({ ctx, rendererDir, logger: silentLogger });
    try {
      expect(other.token).not.toBe(token);
      const answer = await callCommand(other.origin, 'app.info', {}, bearer(token));
      expect(answer.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
