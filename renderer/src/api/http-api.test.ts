import { describe, expect, it } from 'vitest';
import { createHttpApi, EVERY_TABLE, type EventSourceLike, type HttpApiDeps } from './http-api';

type Handler = (ev: { data?: unknown }) => void;

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  readonly handlers = new Map<string, Handler[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: Handler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  fire(type: string, data?: string): void {
    for (const h of this.handlers.get(type) ?? []) h({ data });
  }
}

function setup(respond: (url: string, init: RequestInit) => Promise<Response>) {
  const sources: FakeEventSource[] = [];
  const timers: Array<() => void> = [];
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const deps: HttpApiDeps = {
    fetch: (url, init) => {
      requests.push({ url, init });
      return respond(url, init);
    },
    openEventSource: (url) => {
      const es = new FakeEventSource(url);
      sources.push(es);
      return es;
    },
    setTimer: (fn) => {
      timers.push(fn);
      return timers.length;
    },
    clearTimer: () => {},
  };
  return { api: createHttpApi(deps), sources, timers, requests };
}

const json = (body: unknown, status = 200) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

describe('http api: commands', () => {
  it('POSTs the input as JSON to /api/call/<name> with the session cookie', async () => {
    const { api, requests } = setup(() => json({ ok: true, data: { items: [], total: 0 } }));
    const res = await api.commands['clients.list']({ search: 'acme' });
    expect(res).toEqual({ ok: true, data: { items: [], total: 0 } });
    expect(requests).toHaveLength(1);
    const { url, init } = requests[0]!;
    expect(url).toBe('/api/call/clients.list');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ search: 'acme' });
  });

  it('passes error Results through, whatever the HTTP status', async () => {
    const error = { code: 'invalid_input', message: 'Enter the client name.', field: 'name', fields: { name: 'Enter the client name.' } };
    const { api } = setup(() => json({ ok: false, error }, 400));
    expect(await api.commands['clients.create']({ name: '', currency: 'USD' })).toEqual({ ok: false, error });
  });

  it('turns a network failure into a lost-contact error', async () => {
    const { api } = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    const res = await api.commands['app.info']({});
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('internal');
      expect(res.error.message).toMatch(/^Lost contact with Meterbook \(Failed to fetch\)/);
    }
  });

  it('turns a non-JSON or malformed answer into a lost-contact error', async () => {
    const html = setup(() => Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 })));
    const a = await html.api.commands['app.info']({});
    expect(!a.ok && a.error.message).toMatch(/Lost contact with Meterbook \(HTTP 502, answer was not JSON\)/);
    const odd = setup(() => json({ hello: 'world' }));
    const b = await odd.api.commands['app.info']({});
    expect(!b.ok && b.error.message).toMatch(/unexpected answer/);
  });
});

describe('http api: events', () => {
  it('opens one EventSource for all listeners and parses payloads', () => {
    const { api, sources } = setup(() => json({ ok: true, data: null }));
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const off1 = api.events['data.changed']((p) => changed.push(p));
    const off2 = api.events['job.progress']((p) => progress.push(p));
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/api/events');
    sources[0]!.fire('data.changed', JSON.stringify({ tables: ['clients'] }));
    sources[0]!.fire('data.changed', 'not json');
    expect(changed).toEqual([{ tables: ['clients'] }]);
    expect(progress).toEqual([]);
    off1();
    expect(sources[0]!.closed).toBe(false);
    off2();
    expect(sources[0]!.closed).toBe(true);
  });

  it('after a reconnect, tells data.changed listeners that every table may have changed', () => {
    const { api, sources } = setup(() => json({ ok: true, data: null }));
    const changed: unknown[] = [];
    api.events['data.changed']((p) => changed.push(p));
    const es = sources[0]!;
    es.fire('open');
    expect(changed).toEqual([]);
    es.fire('error');
    es.fire('open');
    expect(changed).toEqual([{ tables: [EVERY_TABLE] }]);
  });

  it('re-opens a stream the browser gave up on', () => {
    const { api, sources, timers } = setup(() => json({ ok: true, data: null }));
    api.events['data.changed'](() => {});
    sources[0]!.readyState = 2;
    sources[0]!.fire('error');
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(sources).toHaveLength(2);
  });
});
