import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../../shared/contract/commands';
import { ok, openTempContext, type TempContext } from '../../../test/helpers/temp-context';
import { CALLS_MAPPING, setUpAgency, type Agency } from './test-support';

let ctx: TempContext;
let agency: Agency;
const changed: string[][] = [];
beforeEach(async () => {
  ctx = await openTempContext();
  agency = await setUpAgency(ctx);
  changed.length = 0;
  ctx.bus.subscribe((name, payload) => {
    if (name === 'data.changed') changed.push((payload as { tables: string[] }).tables);
  });
});
afterEach(async () => {
  await ctx.dispose();
});

/** Typed input: with a mapping literal inline, TypeScript falls back to the untyped dispatch overload. */
const save = async (input: CommandInput<'importMappings.save'>) => ok(await ctx.dispatch('importMappings.save', input));

const audit = () =>
  ctx.ledger.raw.prepare(`select action, entity_id as entityId from audit_log where entity = 'import_mapping' order by id`).all() as Array<{ action: string; entityId: string }>;

describe('saved import mappings', () => {
  it('saves a mapping with its defaults applied, and lists it per provider account', async () => {
    const saved = await save({ name: 'Vapi calls export', providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    expect(saved).toMatchObject({ name: 'Vapi calls export', providerAccountId: agency.accountId, updatedAt: '2026-10-15T12:00:00.000Z' });
    expect(saved.mapping).toMatchObject({ format: 'csv', columns: { externalId: 'call_id', quantityScale: 'none', timestampFormat: 'iso' } });
    expect(ok(await ctx.dispatch('importMappings.list', {}))).toEqual([saved]);
    expect(ok(await ctx.dispatch('importMappings.list', { providerAccountId: agency.accountId }))).toEqual([saved]);
    expect(ok(await ctx.dispatch('importMappings.list', { providerAccountId: agency.accountId + 1 }))).toEqual([]);
    expect(audit()).toEqual([{ action: 'import_mapping.create', entityId: String(saved.id) }]);
    expect(changed).toContainEqual(['import_mappings']);
  });

  it('saving under an existing name (any case or spacing) replaces that mapping', async () => {
    const other = await setUpAgency(ctx, 'Twilio export');
    const first = await save({ name: 'Calls', providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    const jsonl = { ...CALLS_MAPPING, format: 'jsonl' as const };
    const second = await save({ name: '  CALLS ', providerAccountId: other.accountId, mapping: jsonl });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ name: 'CALLS', providerAccountId: other.accountId, mapping: { format: 'jsonl' } });
    expect(ok(await ctx.dispatch('importMappings.list', {}))).toHaveLength(1);
    expect(audit().map((a) => a.action)).toEqual(['import_mapping.create', 'import_mapping.update']);
    expect(await ctx.services.import.mappings.findByName('calls')).toMatchObject({ id: first.id });
  });

  it('refuses an invalid mapping or an unknown provider account, with the field at fault', async () => {
    const bad = await ctx.dispatch('importMappings.save', {
      name: 'Calls',
      providerAccountId: agency.accountId,
      mapping: { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, timeZone: undefined } },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'mapping.columns.timeZone', message: expect.stringMatching(/time zone/) } });
    const nobody = await ctx.dispatch('importMappings.save', { name: 'Calls', providerAccountId: 999, mapping: CALLS_MAPPING });
    expect(nobody).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'providerAccountId', message: 'Provider account 999 does not exist.' } });
    const unnamed = await ctx.dispatch('importMappings.save', { name: '  ', providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    expect(unnamed).toMatchObject({ ok: false, error: { field: 'name', message: 'Name the mapping.' } });
    expect(ok(await ctx.dispatch('importMappings.list', {}))).toEqual([]);
    expect(audit()).toEqual([]);
  });

  it('deletes a mapping once, audited', async () => {
    const saved = await save({ name: 'Calls', providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    expect(ok(await ctx.dispatch('importMappings.delete', { id: saved.id }))).toEqual({ deleted: true });
    expect(ok(await ctx.dispatch('importMappings.delete', { id: saved.id }))).toEqual({ deleted: false });
    expect(ok(await ctx.dispatch('importMappings.list', {}))).toEqual([]);
    expect(audit().map((a) => a.action)).toEqual(['import_mapping.create', 'import_mapping.delete']);
  });
});
