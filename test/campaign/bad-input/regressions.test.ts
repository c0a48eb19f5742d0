// Counter-examples the bad-input campaign found, kept as plain regression cases (each fixed in its own commit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elevenLabsConnector } from '../../../electron/ingest/connectors/elevenlabs';
import { readAll, tempDir } from '../../../electron/ingest/file/test-helpers';
import { startFakeServer, testContext } from '../../fakes';
import { openTempContext, type TempContext } from '../../helpers/temp-context';

const MAPPING = {
  format: 'csv' as const,
  columns: { externalId: 'id', clientKey: 'sub', clientKeyPrefix: 'sub_account:', metric: 'metric', quantity: 'qty', occurredAt: 'at', timeZone: 'UTC' },
};

describe('command messages', () => {
  let ctx: TempContext;
  beforeAll(async () => {
    ctx = await openTempContext();
  });
  afterAll(async () => {
    await ctx.dispose();
  });

  it('a 100 kB value is not echoed back whole in the message (dashboard.summary period, breakdown.list, plans.preview)', async () => {
    const huge = 'x'.repeat(100_001);
    for (const [name, input] of [
      ['dashboard.summary', { period: huge }],
      ['breakdown.list', { period: ` ${huge} ` }],
      ['clients.create', { name: 'A', currency: huge }],
      ['clients.list', { [huge]: 1 }],
      ['plans.preview', { definition: { name: 'P', currency: 'USD', interval: 'month', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '1' } }] }, usage: { interactions: huge } }],
    ] as const) {
      const r = await ctx.dispatch(name, input as never);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message.length, `${name}: ${r.error.message.slice(0, 120)}`).toBeLessThan(300);
      expect(r.error.message).toMatch(/x{60}…/i);
    }
  });

  it('a field of the wrong type is not reported as missing ("id is required." for { id: 1.5 })', async () => {
    expect(await ctx.dispatch('clients.get', { id: 1.5 })).toMatchObject({ ok: false, error: { field: 'id', message: 'An id must be a whole number.' } });
    expect(await ctx.dispatch('clients.create', { name: 5, currency: 'USD' } as never)).toMatchObject({ ok: false, error: { field: 'name', message: "Enter the client's name." } });
    expect(await ctx.dispatch('clients.get', {} as never)).toMatchObject({ ok: false, error: { field: 'id', message: 'id is required.' } });
  });
});

describe('usage files', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a Latin-1 file is refused, not imported with U+FFFD in its ids', async () => {
    const file = tmp.file('latin1.csv', Buffer.from('id,sub,metric,qty,at,cost\nr\xe91,AC1,call_seconds,5,2026-10-01T00:00:00Z,\n', 'latin1'));
    await expect(readAll(file, MAPPING)).rejects.toMatchObject({ code: 'not_utf8', message: expect.stringMatching(/line 2 of this file has bytes that are not UTF-8/) });
  });

  it('a UTF-16 file is refused the same way', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,sub,metric,qty,at\nr1,AC1,call_seconds,5,2026-10-01T00:00:00Z\n', 'utf16le')]);
    await expect(readAll(tmp.file('utf16.csv', text), MAPPING)).rejects.toMatchObject({ code: 'not_utf8' });
  });

  it('an offset no time zone has (+99:00) rejects the row instead of moving it four days', async () => {
    const file = tmp.file('offsets.csv', 'id,sub,metric,qty,at\nr1,AC1,call_seconds,60,2026-10-01T10:00:00+99:00\nr2,AC1,call_seconds,60,2026-10-01T10:00:00+14:00\nr3,AC1,call_seconds,60,2026-10-01T10:00:00-12:60\n');
    const read = await readAll(file, MAPPING);
    expect(read.events.map((e) => [e.externalId, new Date(e.occurredAt).toISOString()])).toEqual([['r2', '2026-09-30T20:00:00.000Z']]);
    expect(read.rejected.map((r) => r.reason)).toEqual([
      'Row 2: date "2026-10-01T10:00:00+99:00" is not a valid iso timestamp (+99:00 is not a UTC offset; offsets run from -12:00 to +14:00)',
      'Row 4: date "2026-10-01T10:00:00-12:60" is not a valid iso timestamp (-12:60 is not a UTC offset; offsets run from -12:00 to +14:00)',
    ]);
  });
});

describe('provider pages', () => {
  const DAY = Date.parse('2026-10-14T00:00:00Z');
  async function elevenLabsPage(body: unknown) {
    const server = await startFakeServer({ errorBody: () => ({}), handle: () => ({ json: body }) });
    try {
      const ctx = testContext({ credentials: { apiKey: 'k' }, config: { baseUrl: server.url, backfillDays: 1 }, now: '2026-10-15T12:00:00.000Z', http: { maxAttempts: 1 } });
      return await elevenLabsConnector.fetchPage(ctx, null);
    } finally {
      await server.close();
    }
  }

  it('ElevenLabs: a time axis value past year 275760 fails the page cleanly (was: RangeError: Invalid time value)', async () => {
    await expect(elevenLabsPage({ time: [DAY, 18446744073709552000], usage: { a: [1, 2] } })).rejects.toMatchObject({
      kind: 'bad_response',
      message: expect.stringMatching(/18446744073709552000 on its "time" axis, which is not a time in milliseconds; nothing from that page was saved/),
    });
  });

  it('a value of the wrong JSON type is quoted as JSON in the reason, not as [object Object]', async () => {
    const page = await elevenLabsPage({ time: [DAY], usage: { 'client-b': [{}] } });
    expect(page.rejected.map((r) => r.reason)).toEqual(['The character count "{}" of API key "client-b" is not a number.']);
  });
});
