// Bad-input campaign, part 3: every provider connector's payload parser (Twilio, OpenAI, Vapi, Retell, ElevenLabs,
// generic REST). A clean sync against each fake server is recorded (every response body by URL); then fast-check
// replays one page with its body mutated — a field removed, set to null, to the wrong type, to a huge or negative
// number, to a bad timestamp, a next-page link pointing at another host, malformed JSON, an empty or HTML body —
// and calls fetchPage for that page as the sync job does. Checks:
//   - the page either fails with a ConnectorError whose message a user can act on (never a TypeError or a stack), or
//   - resolves with only well-formed events: a non-empty id and metric, a whole non-negative quantity (a safe
//     integer), a real time, cost null or decimal text; rejected records carry a human reason;
//   - the cursors are JSON text, and following nextCursor never requests another host than the provider's.
// Through the real sync job (SyncService on a real SQLite file): a refused first page writes no event and saves no
// cursor (the page commit is one transaction); only the job's own bookkeeping changes (ingest_jobs, ingest_rejections,
// sqlite_sequence, and sync_state's attempt time and failure count).
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ConnectorContext, Page } from '../../../electron/ingest/connectors/connector';
import { elevenLabsConnector } from '../../../electron/ingest/connectors/elevenlabs';
import { genericRestConnector } from '../../../electron/ingest/connectors/generic-rest';
import { openaiConnector } from '../../../electron/ingest/connectors/openai';
import { retellConnector } from '../../../electron/ingest/connectors/retell';
import { twilioConnector } from '../../../electron/ingest/connectors/twilio';
import { vapiConnector } from '../../../electron/ingest/connectors/vapi';
import { isConnectorError } from '../../../electron/ingest/http/connector-error';
import { genericRestSettings, startFakeElevenLabs, startFakeGenericRest, startFakeOpenAI, startFakeRetell, startFakeTwilio, startFakeVapi, testContext } from '../../fakes';
import { openAppContext } from '../../../electron/services/app-context';
import { fixedClock } from '../../../electron/services/clock';
import { silentLogger } from '../../../electron/services/logger';
import { ok, tempDir } from '../../helpers/temp-context';
import { anyValue, getAt, messageProblem, pathsOf, setAt } from './bad-values';
import { JOB_BOOKKEEPING_TABLES, tableDigests } from './ledger-digest';
import { fuzzParams, fuzzTimeout } from './fuzz-params';

const NOW = '2026-10-15T12:00:00.000Z';

interface Subject {
  name: string;
  connector: Connector;
  context: (fetchImpl: typeof globalThis.fetch) => ConnectorContext;
  origin: string;
  close: () => Promise<void>;
}


async function subjects(): Promise<Subject[]> {
  const ctx = (credentials: Record<string, string>, config: Record<string, unknown>) => (fetchImpl: typeof globalThis.fetch) =>
    testContext({ credentials, config, now: NOW, fetch: fetchImpl, http: { maxAttempts: 1, timeoutMs: 5_000 } });
  const twilio = await startFakeTwilio({ seed: 42, subaccounts: 1, from: '2026-10-01', to: '2026-10-15', categories: ['calls', 'sms', 'totalprice'] });
  const openai = await startFakeOpenAI({ seed: 7, from: '2026-10-01', to: '2026-10-15' });
  const vapi = await startFakeVapi({ seed: 11, calls: 60, from: '2026-10-01T00:00:00.000Z' });
  const retell = await startFakeRetell({ seed: 9, calls: 60, fromMs: Date.parse('2026-10-10T00:00:00.000Z') });
  const eleven = await startFakeElevenLabs({ seed: 4, from: '2026-09-20', to: '2026-10-15' });
  const generic = await startFakeGenericRest({ seed: 3, records: 60, from: '2026-10-12T00:00:00.000Z' });
  return [
    { name: 'twilio', connector: twilioConnector, origin: twilio.url, close: () => twilio.close(), context: ctx({ accountSid: twilio.accountSid, authToken: twilio.authToken }, { baseUrl: twilio.url, backfillDays: 14, pageSize: 10 }) },
    { name: 'openai', connector: openaiConnector, origin: openai.url, close: () => openai.close(), context: ctx({ adminKey: openai.adminKey }, { baseUrl: openai.url, backfillDays: 14, bucketsPerPage: 5 }) },
    { name: 'vapi', connector: vapiConnector, origin: vapi.url, close: () => vapi.close(), context: ctx({ apiKey: vapi.apiKey }, { baseUrl: vapi.url, backfillDays: 30, pageSize: 20 }) },
    { name: 'retell', connector: retellConnector, origin: retell.url, close: () => retell.close(), context: ctx({ apiKey: retell.apiKey }, { baseUrl: retell.url, backfillDays: 30, pageSize: 20 }) },
    { name: 'elevenlabs', connector: elevenLabsConnector, origin: eleven.url, close: () => eleven.close(), context: ctx({ apiKey: eleven.apiKey }, { baseUrl: eleven.url, backfillDays: 20, windowDays: 10 }) },
    {
      name: 'generic_rest',
      connector: genericRestConnector,
      origin: generic.url,
      close: () => generic.close(),
      context: ctx(
        { secret: generic.token },
        genericRestSettings(generic.url, { limit: 20, backfillDays: 5 }),
      ),
    },
  ];
}

interface Recorded {
  /** the cursor each page was fetched with */
  cursors: Array<string | null>;
  /** response bodies by URL, in request order */
  bodies: Map<string, { status: number; text: string; contentType: string }>;
}

/** A clean sync of the fake, recording every response. */
async function record(s: Subject): Promise<Recorded> {
  const bodies: Recorded['bodies'] = new Map();
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.text();
    bodies.set(String(input instanceof Request ? input.url : input), { status: res.status, text, contentType: res.headers.get('content-type') ?? 'application/json' });
    return new Response(text, { status: res.status, headers: res.headers });
  };
  const cursors: Array<string | null> = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    cursors.push(cursor);
    const page: Page = await s.connector.fetchPage(s.context(recordingFetch), cursor);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return { cursors, bodies };
}

const ELSEWHERE = ['https://evil.example/page2', 'http://169.254.169.254/latest/meta-data/', '//evil.example/x', 'file:///etc/passwd', 'javascript:alert(1)'];

/** A mutation of a JSON body: one value changed or removed, or the whole text broken. */
function bodyMutation(text: string): fc.Arbitrary<{ how: string; text: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fc.constant({ how: 'unchanged (not JSON)', text });
  }
  const whole = fc.constantFrom(
    { how: 'truncated JSON', text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) },
    { how: 'empty body', text: '' },
    { how: 'HTML', text: '<html><body>Bad gateway</body></html>' },
    { how: 'array body', text: '[]' },
    { how: 'null body', text: 'null' },
    { how: 'string body', text: '"ok"' },
    { how: 'NaN in JSON', text: text.replace(/:\s*(\d+)/, ': NaN') },
  );
  const paths = pathsOf(json, 6);
  if (paths.length === 0) return whole;
  const values = fc.oneof(
    fc.constantFrom<unknown>(null, -1, -86_400, 0, 1e308, -1e308, 2 ** 64, 1.5, 1e21, '', 'NaN', 'Infinity', '-5', '1e400', 'not a date', '2026-13-45T99:99:99Z', '0000-00-00', -62_135_596_800_000, 8.64e15 + 1, true, [], {}),
    fc.constantFrom<unknown>(...ELSEWHERE),
    anyValue,
  );
  const one = fc.tuple(fc.constantFrom(...paths), values, fc.boolean()).map(([path, v, remove]) => {
    const at = path.join('.');
    const next = remove ? setAt(json, path, undefined, true) : setAt(json, path, v);
    return { how: remove ? `${at} removed` : `${at} = ${JSON.stringify(v)?.slice(0, 60)}`, text: JSON.stringify(next) };
  });
  // a next-page link retargeted at another host (whatever its key)
  const links = paths.filter((p) => {
    const v = getAt(json, p);
    return typeof v === 'string' && /^(https?:)?\/\//.test(v);
  });
  const retarget = links.length === 0 ? [] : [fc.tuple(fc.constantFrom(...links), fc.constantFrom(...ELSEWHERE)).map(([p, v]) => ({ how: `${p.join('.')} -> ${v}`, text: JSON.stringify(setAt(json, p, v)) }))];
  return fc.oneof({ weight: 1, arbitrary: whole }, { weight: 6, arbitrary: one }, ...retarget.map((arbitrary) => ({ weight: 2, arbitrary })));
}

function checkPage(page: Page, where: string): void {
  for (const e of page.events) {
    const what = `${where}: event ${JSON.stringify(e).slice(0, 300)}`;
    expect(typeof e.externalId === 'string' && e.externalId.length > 0, what).toBe(true);
    expect(typeof e.metricKey === 'string' && e.metricKey.length > 0, what).toBe(true);
    expect(Number.isSafeInteger(e.quantity) && e.quantity >= 0, `quantity: ${what}`).toBe(true);
    expect(Number.isFinite(e.occurredAt) && Number.isFinite(new Date(e.occurredAt).getTime()), `time: ${what}`).toBe(true);
    expect(e.cost === null || (typeof e.cost === 'string' && /^-?\d+(\.\d+)?$/.test(e.cost)), `cost: ${what}`).toBe(true);
  }
  for (const r of page.rejected) expect(messageProblem(r.reason), `${where}: rejection ${r.reason}`).toBeNull();
  for (const c of [page.nextCursor, page.resumeCursor]) if (c !== null) expect(() => JSON.parse(c) as unknown, `${where}: cursor ${c}`).not.toThrow();
}

let all: Subject[] = [];
const recorded = new Map<string, Recorded>();
beforeAll(async () => {
  all = await subjects();
  for (const s of all) recorded.set(s.name, await record(s));
}, 60_000);
afterAll(async () => {
  await Promise.all(all.map((s) => s.close()));
});

describe.each(['twilio', 'openai', 'vapi', 'retell', 'elevenlabs', 'generic_rest'])('%s connector on mutated pages', (name) => {
  it(
    'fails with a clear ConnectorError or yields only well-formed events; never follows a link to another host',
    async () => {
      const s = all.find((x) => x.name === name)!;
      const rec = recorded.get(name)!;
      const urls = [...rec.bodies.keys()];
      expect(urls.length).toBeGreaterThan(0);
      const target = fc.constantFrom(...urls).chain((url) => bodyMutation(rec.bodies.get(url)!.text).map((m) => ({ url, ...m })));
      await fc.assert(
        fc.asyncProperty(target, async ({ url, how, text }) => {
          const requested: string[] = [];
          const replay: typeof fetch = (input) => {
            const u = String(input instanceof Request ? input.url : input);
            requested.push(u);
            if (!u.startsWith(s.origin)) return Promise.reject(new TypeError(`the campaign refuses to fetch ${u}`));
            const hit = u === url ? { status: 200, text, contentType: 'application/json' } : rec.bodies.get(u);
            if (hit === undefined) return Promise.resolve(new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } }));
            return Promise.resolve(new Response(hit.text, { status: hit.status, headers: { 'content-type': hit.contentType } }));
          };
          const where = `${name}, ${how} at ${url}`;
          // replay the sync up to (and one page past) the mutated response
          let cursor: string | null = null;
          for (let i = 0; i < rec.cursors.length + 1; i++) {
            let page: Page;
            try {
              page = await s.connector.fetchPage(s.context(replay), cursor);
            } catch (err) {
              if (!isConnectorError(err)) throw new Error(`${where}: threw ${err instanceof Error ? err.stack : String(err)}`, { cause: err });
              expect(messageProblem(err.message), `${where}: ${err.message}`).toBeNull();
              break;
            }
            checkPage(page, where);
            cursor = page.nextCursor;
            if (cursor === null) break;
          }
          const foreign = requested.filter((u) => !u.startsWith(s.origin));
          expect(foreign, `${where}: requested another host`).toEqual([]);
        }),
        fuzzParams(40),
      );
    },
    fuzzTimeout(30_000, 100),
  );
});

describe('a refused page through the real sync job', () => {
  it(
    'writes no event and saves no cursor; the job fails with the connector message',
    async () => {
      const vapi = await startFakeVapi({ seed: 5, calls: 30, from: '2026-10-01T00:00:00.000Z' });
      const dataDir = tempDir('mb-bad-input-sync-');
      let breakPage: (text: string) => string = (t) => t;
      const mutatingFetch: typeof globalThis.fetch = async (input, init) => {
        const res = await fetch(input, init);
        const url = String(input instanceof Request ? input.url : input);
        if (!url.includes('/call')) return res;
        return new Response(breakPage(await res.text()), { status: res.status, headers: res.headers });
      };
      const ctx = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock(NOW), logger: silentLogger, fetch: mutatingFetch, http: { maxAttempts: 1, sleep: () => Promise.resolve() } });
      try {
        const account = ok(await ctx.dispatch('providers.create', { kind: 'vapi', name: 'Fuzzed Vapi', currency: 'USD', credentials: { apiKey: vapi.apiKey }, config: { baseUrl: vapi.url, backfillDays: 30, pageSize: 10 }, syncEnabled: false }));
        const breakers = fc.constantFrom<[string, (t: string) => string]>(
          ['truncated JSON', (t) => t.slice(0, t.length >> 1)],
          ['HTML', () => '<html>502</html>'],
          ['an object instead of the list', () => '{"error":null}'],
          ['null', () => 'null'],
          ['a list of numbers', () => '[1,2,3]'],
        );
        await fc.assert(
          fc.asyncProperty(breakers, async ([how, mutate]) => {
            breakPage = mutate;
            const digest = tableDigests(ctx.ledger.raw, [...JOB_BOOKKEEPING_TABLES, 'sync_state']);
            const events = () => ctx.ledger.raw.prepare('select count(*) from usage_events where provider_account_id = ?').pluck().get(account.id);
            const cursor = () => ctx.ledger.raw.prepare('select cursor from sync_state where provider_account_id = ?').pluck().get(account.id) ?? null;
            const before = { events: events(), cursor: cursor() };
            const started = ok(await ctx.dispatch('sync.start', { providerAccountId: account.id }));
            await ctx.jobs.wait(started.jobId);
            const job = ok(await ctx.dispatch('sync.job', { id: started.id }));
            if (job.job.status === 'succeeded') {
              // the page was readable after all (e.g. a list of numbers rejected record by record): nothing to check here
              expect(job.rejections.every((r) => messageProblem(r.reason) === null), how).toBe(true);
              return;
            }
            expect(job.job.status, how).toBe('failed');
            expect(messageProblem(job.job.error), `${how}: ${job.job.error}`).toBeNull();
            expect({ events: events(), cursor: cursor() }, `${how}: a refused page left events or a cursor`).toEqual(before);
            const after = tableDigests(ctx.ledger.raw, [...JOB_BOOKKEEPING_TABLES, 'sync_state']);
            expect(Object.keys(after).filter((t) => after[t] !== digest[t]), `${how}: tables changed besides the job's own rows`).toEqual([]);
          }),
          fuzzParams(5),
        );
      } finally {
        await ctx.close();
        await vapi.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    fuzzTimeout(30_000, 200),
  );
});
