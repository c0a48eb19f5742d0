import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, openTempContext, type TempContext } from '../../test/helpers/temp-context';

let ctx: TempContext;
beforeEach(async () => {
  ctx = await openTempContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const count = (table: 'clients' | 'audit_log') => (ctx.ledger.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe('clients', () => {
  it('creates a client with every field a real agency needs, normalized', async () => {
    const c = ok(
      await ctx.dispatch('clients.create', {
        name: '  Zoë Łódź Dental  ',
        contactName: 'Zoë',
        billingEmail: 'billing@zoe.example',
        phone: '+48 42 123 45 67',
        address: { line1: 'ul. Piotrkowska 1', city: 'Łódź', postalCode: '90-001', country: 'pl' },
        taxId: 'PL1234567890',
        currency: 'pln',
        timeZone: 'Europe/Warsaw',
        notes: '',
      }),
    );
    expect(c).toMatchObject({
      name: 'Zoë Łódź Dental',
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      status: 'active',
      archived: false,
      notes: null,
      address: { line1: 'ul. Piotrkowska 1', line2: null, city: 'Łódź', country: 'PL' },
    });
    expect(c.createdAt).toBe('2026-10-15T12:00:00.000Z');
    expect(ok(await ctx.dispatch('clients.get', { id: c.id }))).toEqual(c);
  });

  it.each([
    [{ name: '', currency: 'USD' }, 'name', /Enter the client's name/],
    [{ name: '   ', currency: 'USD' }, 'name', /Enter the client's name/],
    [{ name: 'A', currency: 'USD', billingEmail: 'not-an-email' }, 'billingEmail', /not a valid email/],
    [{ name: 'A', currency: 'XYZ' }, 'currency', /not an ISO 4217 currency/],
    [{ name: 'A', currency: 'USD', timeZone: 'Mars/Olympus' }, 'timeZone', /not an IANA time zone/],
    [{ name: 'A', currency: 'USD', timeZone: 'UTC+5' }, 'timeZone', /not an IANA time zone/],
    [{ name: 'A', currency: 'USD', address: { country: 'Poland' } }, 'address.country', /two-letter/],
    [{ name: 'A'.repeat(201), currency: 'USD' }, 'name', /at most 200/],
    [{ name: 'A', currency: 'USD', status: 'archived' }, 'status', /active, trial or paused/],
    [{ name: 'A', currency: 'USD', color: 'red' }, 'color', /Unknown field/],
  ])('refuses bad input %j with a field message and writes nothing', async (input, field, message) => {
    const r = await ctx.dispatch('clients.create', input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.field).toBe(field);
    expect(r.error.fields?.[field]).toMatch(message);
    expect(count('clients')).toBe(0);
    expect(count('audit_log')).toBe(0);
  });

  it('refuses a duplicate name, ignoring case and spacing, including archived clients', async () => {
    const a = ok(await ctx.dispatch('clients.create', { name: 'Acme Corp', currency: 'USD' }));
    let r = await ctx.dispatch('clients.create', { name: '  acme   corp ', currency: 'EUR' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name', message: expect.stringContaining('Acme Corp') } });
    ok(await ctx.dispatch('clients.archive', { id: a.id }));
    r = await ctx.dispatch('clients.create', { name: 'ACME CORP', currency: 'EUR' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name', message: expect.stringMatching(/archived client/) } });
    const b = ok(await ctx.dispatch('clients.create', { name: 'Beta', currency: 'USD' }));
    r = await ctx.dispatch('clients.update', { id: b.id, name: 'acme corp' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(ok(await ctx.dispatch('clients.get', { id: b.id })).name).toBe('Beta');
    expect(count('clients')).toBe(2);
  });

  it('edits only the given fields, audits the change, and a no-op edit writes nothing', async () => {
    const c = ok(await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD', billingEmail: 'a@acme.example' }));
    const e = ok(await ctx.dispatch('clients.update', { id: c.id, notes: 'VIP', timeZone: 'Asia/Kathmandu' }));
    expect(e).toMatchObject({ name: 'Acme', billingEmail: 'a@acme.example', notes: 'VIP', timeZone: 'Asia/Kathmandu' });
    const audits = ctx.ledger.raw.prepare(`select action, details from audit_log order by id`).all() as Array<{ action: string; details: string }>;
    expect(audits.map((a) => a.action)).toEqual(['client.create', 'client.update']);
    expect(JSON.parse(audits[1]!.details)).toEqual({ notes: { from: null, to: 'VIP' }, time_zone: { from: null, to: 'Asia/Kathmandu' } });
    ok(await ctx.dispatch('clients.update', { id: c.id, notes: 'VIP' }));
    expect(count('audit_log')).toBe(2);
  });

  it('a bad field in an edit changes nothing, not even the good fields', async () => {
    const c = ok(await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD' }));
    const r = await ctx.dispatch('clients.update', { id: c.id, notes: 'new', billingEmail: 'nope' });
    expect(r).toMatchObject({ ok: false, error: { field: 'billingEmail' } });
    expect(ok(await ctx.dispatch('clients.get', { id: c.id })).notes).toBeNull();
  });

  it('archives and restores, and lists current / archived / all', async () => {
    const a = ok(await ctx.dispatch('clients.create', { name: 'Alpha', currency: 'USD' }));
    ok(await ctx.dispatch('clients.create', { name: 'Beta', currency: 'USD' }));
    const archived = ok(await ctx.dispatch('clients.archive', { id: a.id }));
    expect(archived).toMatchObject({ archived: true, archivedAt: '2026-10-15T12:00:00.000Z' });
    expect(ok(await ctx.dispatch('clients.list', {})).items.map((c) => c.name)).toEqual(['Beta']);
    expect(ok(await ctx.dispatch('clients.list', { show: 'archived' })).items.map((c) => c.name)).toEqual(['Alpha']);
    expect(ok(await ctx.dispatch('clients.list', { show: 'all' })).total).toBe(2);
    expect(await ctx.dispatch('clients.archive', { id: a.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(ok(await ctx.dispatch('clients.restore', { id: a.id })).archived).toBe(false);
    expect(await ctx.dispatch('clients.restore', { id: a.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await ctx.dispatch('clients.archive', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('searches name, contact, email and tax id, case-insensitively, treating % and _ literally', async () => {
    ok(await ctx.dispatch('clients.create', { name: 'Northwind Dental', currency: 'USD', contactName: 'Ana Pérez' }));
    ok(await ctx.dispatch('clients.create', { name: 'Harbor Realty', currency: 'USD', billingEmail: 'ap@harbor.example' }));
    ok(await ctx.dispatch('clients.create', { name: '100% Fitness', currency: 'USD', taxId: 'GB123' }));
    const names = async (search: string) => ok(await ctx.dispatch('clients.list', { search })).items.map((c) => c.name);
    expect(await names('DENTAL')).toEqual(['Northwind Dental']);
    expect(await names('ana')).toEqual(['Northwind Dental']);
    expect(await names('harbor.example')).toEqual(['Harbor Realty']);
    expect(await names('gb1')).toEqual(['100% Fitness']);
    expect(await names('%')).toEqual(['100% Fitness']);
    expect(await names('_')).toEqual([]);
    ok(await ctx.dispatch('clients.create', { name: 'Zoë Łódź Dental', currency: 'PLN' }));
    expect(await names('łódź')).toEqual(['Zoë Łódź Dental']);
    expect(await names('LODZ')).toEqual(['Zoë Łódź Dental']);
    expect(await names('zoe')).toEqual(['Zoë Łódź Dental']);
  });

  it('pages a long list in name order with a total', async () => {
    for (let i = 0; i < 25; i++) ok(await ctx.dispatch('clients.create', { name: `Client ${String(i).padStart(2, '0')}`, currency: 'USD' }));
    const page = ok(await ctx.dispatch('clients.list', { limit: 10, offset: 20 }));
    expect(page.total).toBe(25);
    expect(page.items.map((c) => c.name)).toEqual(['Client 20', 'Client 21', 'Client 22', 'Client 23', 'Client 24']);
  });

  it('announces committed writes as data.changed events naming the table', async () => {
    const seen: unknown[] = [];
    ctx.bus.subscribe((name, payload) => seen.push([name, payload]));
    ok(await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD' }));
    await ctx.dispatch('clients.create', { name: 'Acme', currency: 'USD' });
    expect(seen).toEqual([['data.changed', { tables: ['clients'] }]]);
  });

  it('survives a restart: data is in the SQLite file', async () => {
    ok(await ctx.dispatch('clients.create', { name: 'Durable', currency: 'JPY' }));
    await ctx.close();
    const again = await openTempContext({ dataDir: ctx.dataDir });
    expect(ok(await again.dispatch('clients.list', {})).items.map((c) => [c.name, c.currency])).toEqual([['Durable', 'JPY']]);
    await again.close();
    ctx = again;
  });
});

describe('agency profile', () => {
  it('is absent until onboarding saves it, then app.info says onboarded', async () => {
    expect(ok(await ctx.dispatch('agency.get', {}))).toBeNull();
    expect(ok(await ctx.dispatch('app.info', {})).onboarded).toBe(false);
    const a = ok(await ctx.dispatch('agency.save', { name: 'Brightline', currency: 'usd', timeZone: 'America/New_York' }));
    expect(a).toMatchObject({ name: 'Brightline', currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' });
    expect(ok(await ctx.dispatch('app.info', {})).onboarded).toBe(true);
    ok(await ctx.dispatch('agency.save', { name: 'Brightline AI', currency: 'EUR', timeZone: 'Europe/Berlin', locale: 'de-DE' }));
    expect(ok(await ctx.dispatch('agency.get', {}))).toMatchObject({ name: 'Brightline AI', locale: 'de-DE' });
  });

  it('refuses a bad profile with field messages', async () => {
    const r = await ctx.dispatch('agency.save', { name: 'X', currency: 'USD', timeZone: 'Nowhere/City', locale: 'not a locale!' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'timeZone' } });
    if (!r.ok) expect(Object.keys(r.error.fields ?? {})).toEqual(['timeZone', 'locale']);
    expect(ok(await ctx.dispatch('agency.get', {}))).toBeNull();
  });
});

describe('dispatcher', () => {
  it('answers an unknown command with unknown_command', async () => {
    expect(await ctx.dispatch('clients.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await ctx.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });
});
