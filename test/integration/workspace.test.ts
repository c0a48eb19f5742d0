// Moving to a new laptop: workspace export -> import into a fresh data folder with another secret key.
// Credentials travel only sealed under the passphrase; a wrong passphrase changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/services/clock';
import { ContextHost } from '../../electron/services/context-host';
import { silentLogger } from '../../electron/services/logger';
import { ok } from '../helpers/temp-context';
import { createTempDirs } from './helpers/temp-dirs';

const dirs = createTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.removeAll();
});

const API_KEY = 'vapi-private-0123456789abcdef';
const STRIPE_KEY = 'sk_test_51Hxyzabcdefghijklmnop4242';
const PASSPHRASE = 'correct horse battery staple';

async function open(mode: 'electron' | 'browser' = 'electron') {
  const dataDir = dirs.make('mb-ws-');
  const host = await ContextHost.open({ dataDir, mode, clock: fixedClock('2026-11-22T10:00:00.000Z'), logger: silentLogger });
  cleanups.push(() => host.close());
  return { host, dataDir };
}

async function seed(host: ContextHost) {
  ok(await host.dispatch('clients.create', { name: 'Acme Dental', currency: 'USD' }));
  ok(await host.dispatch('clients.create', { name: 'Zeta Law', currency: 'EUR' }));
  const account = ok(await host.dispatch('providers.create', { kind: 'vapi', name: 'Vapi main', currency: 'USD', credentials: { apiKey: API_KEY }, config: { baseUrl: 'http://127.0.0.1:9', pageSize: 50, backfillDays: 7 } }));
  const ctx = host.current;
  // a Stripe connection as stripe.connect stores it, and an invoice logo in the asset store
  const stripe = { sealedKey: ctx.deps.secrets.encrypt(STRIPE_KEY).toString('base64'), keyHint: 'sk_test_…4242', livemode: false, accountId: 'acct_1', accountName: 'Agency', mode: 'email', connectedAt: '2026-11-01T00:00:00.000Z', lastSyncAt: null, lastPollAt: null, lastError: null };
  ctx.ledger.raw.prepare(`insert into settings (key, value, updated_at) values ('stripe', ?, '2026-11-01T00:00:00.000Z')`).run(JSON.stringify(stripe));
  ctx.ledger.raw.prepare(`insert into assets (sha256, mime, bytes, created_at) values ('abc', 'image/png', ?, '2026-11-01T00:00:00.000Z')`).run(Buffer.from('PNG-bytes'));
  return account;
}

const stripeKeyOf = (host: ContextHost) => {
  const row = host.current.ledger.raw.prepare(`select value from settings where key = 'stripe'`).get() as { value: string };
  return JSON.parse(row.value) as { sealedKey: string; lastError: string | null };
};

describe('workspace export and import', () => {
  it('round trip into a fresh folder: the same data, credentials re-sealed with the new computer key', async () => {
    const a = await open();
    const account = await seed(a.host);
    const exported = ok(await a.host.dispatch('workspace.export', { passphrase: PASSPHRASE }));
    expect(exported).toMatchObject({ name: 'meterbook-workspace-2026-11-22.zip', secrets: 'sealed', reenter: [] });
    expect(exported.file).toBe(path.join(a.dataDir, 'exports', exported.name));
    const bytes = fs.readFileSync(exported.file);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(['manifest.json', 'meterbook.sqlite', 'secrets.json']);
    expect(JSON.parse(strFromU8(entries['manifest.json']!))).toMatchObject({ format: 'meterbook-workspace', formatVersion: 1, appVersion: '0.1.0', schemaVersion: 8, createdAt: '2026-11-22T10:00:00.000Z', secrets: 'sealed', assets: 'in-ledger' });
    // no plaintext and no machine-bound ciphertext in the file
    const inner = path.join(a.dataDir, 'inner.sqlite');
    fs.writeFileSync(inner, entries['meterbook.sqlite']!);
    const innerDb = new BetterSqlite3(inner, { readonly: true });
    expect(innerDb.prepare('select credentials from provider_accounts').all()).toEqual([{ credentials: null }]);
    innerDb.close();
    for (const secret of [API_KEY, STRIPE_KEY]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(Buffer.from(entries['meterbook.sqlite']!).includes(Buffer.from(secret))).toBe(false);
    }

    const b = await open();
    const wrong = await b.host.dispatch('workspace.import', { file: { path: exported.file }, passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'passphrase', message: 'The passphrase does not open the credentials in this file. Check the passphrase and try again; nothing was changed.' } });
    expect(await b.host.dispatch('workspace.import', { file: { path: exported.file } })).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    expect(ok(await b.host.dispatch('clients.list', {})).items).toEqual([]);
    expect(fs.existsSync(path.join(b.dataDir, 'backups'))).toBe(false);

    const imported = ok(await b.host.dispatch('workspace.import', { file: { path: exported.file }, passphrase: PASSPHRASE }));
    expect(imported).toMatchObject({ appVersion: '0.1.0', fromSchemaVersion: 8, schemaVersion: 8, reenter: [], safetyBackup: null });
    expect(ok(await b.host.dispatch('clients.list', {})).items.map((c) => c.name)).toEqual(['Acme Dental', 'Zeta Law']);
    // the key file differs; the credentials open anyway because they were re-sealed on import
    expect(fs.readFileSync(path.join(b.dataDir, 'secret.key'))).not.toEqual(fs.readFileSync(path.join(a.dataDir, 'secret.key')));
    expect(await b.host.current.services.providers.credentials(account.id)).toEqual({ apiKey: API_KEY });
    expect(ok(await b.host.dispatch('providers.get', { id: account.id }))).toMatchObject({ hasCredentials: true });
    expect(b.host.current.deps.secrets.decrypt(Buffer.from(stripeKeyOf(b.host).sealedKey, 'base64'))).toBe(STRIPE_KEY);
    expect(b.host.current.ledger.raw.prepare('select mime, bytes from assets').all()).toEqual([{ mime: 'image/png', bytes: Buffer.from('PNG-bytes') }]);

    // again into the now non-empty folder: only when confirmed, with a safety backup first
    const refused = await b.host.dispatch('workspace.import', { file: { path: exported.file }, passphrase: PASSPHRASE });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'replace', message: expect.stringMatching(/already holds 2 client\(s\), 1 provider account\(s\).*confirm to replace/) } });
    const replaced = ok(await b.host.dispatch('workspace.import', { file: { path: exported.file }, passphrase: PASSPHRASE, replace: true }));
    expect(replaced.safetyBackup).toMatch(/-pre-restore\.sqlite$/);
  });

  it('without a passphrase the keys are left out and every account that needs one is named', async () => {
    const a = await open();
    const account = await seed(a.host);
    const exported = ok(await a.host.dispatch('workspace.export', {}));
    expect(exported).toMatchObject({ secrets: 'omitted', reenter: ['Provider account "Vapi main"', 'Stripe connection'] });
    expect(Object.keys(unzipSync(fs.readFileSync(exported.file))).sort()).toEqual(['manifest.json', 'meterbook.sqlite']);
    const c = await open();
    const imported = ok(await c.host.dispatch('workspace.import', { file: { path: exported.file } }));
    expect(imported.reenter).toEqual(['Provider account "Vapi main"', 'Stripe connection']);
    expect(ok(await c.host.dispatch('providers.get', { id: account.id }))).toMatchObject({ hasCredentials: false });
    expect(stripeKeyOf(c.host)).toMatchObject({ sealedKey: '', lastError: expect.stringMatching(/connect Stripe again/) });
  });

  it('refuses a short passphrase, a file that is not a workspace, and paths in browser mode', async () => {
    const a = await open();
    expect(await a.host.dispatch('workspace.export', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'passphrase' } });
    const junk = path.join(a.dataDir, 'junk.zip');
    fs.writeFileSync(junk, 'PK not really');
    expect(await a.host.dispatch('workspace.import', { file: { path: junk } })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^junk\.zip is not a Meterbook workspace file .*not a zip file/) } });
    const browser = await open('browser');
    expect(await browser.host.dispatch('workspace.import', { file: { path: junk } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
