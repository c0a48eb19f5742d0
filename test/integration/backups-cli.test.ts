// `meterbook backup`, `backups`, `restore` and `workspace export|import` as a user runs them.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMeterbook, startServe } from './helpers/cli';
import { writeRendererFixture } from './helpers/renderer-fixture';
import { createTempDirs } from './helpers/temp-dirs';

const dirs = createTempDirs();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.removeAll();
});

const mb = (dataDir: string, args: string[], env?: Record<string, string>) => runMeterbook(['--data-dir', dataDir, ...args], { timeoutMs: 90_000, ...(env ? { env } : {}) });
const clients = async (dataDir: string) => {
  const r = await mb(dataDir, ['call', 'clients.list', '{}']);
  return (JSON.parse(r.stdout) as { items: Array<{ name: string }> }).items.map((c) => c.name).sort();
};

describe('backup CLI', () => {
  it('backup, backups, restore: a full cycle, and a damaged file refused', async () => {
    const dir = dirs.make('mb-bcli-');
    expect((await mb(dir, ['call', 'clients.create', '{"name":"First","currency":"USD"}'])).code).toBe(0);
    const b = await mb(dir, ['backup', '--json']);
    expect(b.code, b.stderr).toBe(0);
    const backup = JSON.parse(b.stdout) as { id: string; kind: string; checked: boolean };
    expect(backup).toMatchObject({ kind: 'manual', checked: true });
    expect((await mb(dir, ['call', 'clients.create', '{"name":"Second","currency":"USD"}'])).code).toBe(0);
    const list = await mb(dir, ['backups']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${backup.id.replace(/\./g, '\\.')}  manual  \\d+\\.\\d KB  checked\\n$`));
    expect(list.stderr).toMatch(/1 backup\(s\) in .*backups; automatic daily backups are on \(while the app runs\)/);

    const file = path.join(dir, 'backups', backup.id);
    const restored = await mb(dir, ['restore', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toBe(`Restored ${backup.id} (schema 8).\n`);
    expect(restored.stderr).toMatch(/kept as backups\/meterbook-.*-pre-restore\.sqlite/);
    expect(await clients(dir)).toEqual(['First']);

    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096, 8192);
    const bad = path.join(dir, 'bad.sqlite');
    fs.writeFileSync(bad, bytes);
    const refused = await mb(dir, ['restore', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/meterbook restore: bad\.sqlite cannot be restored: .*Nothing was changed\./);
    expect(await clients(dir)).toEqual(['First']);
    expect((await mb(dir, ['restore'])).code).toBe(2);
  }, 120_000);

  it('refuses to restore under a running `meterbook serve` on the same folder', async () => {
    const dir = dirs.make('mb-bcli-serve-');
    expect((await mb(dir, ['call', 'clients.create', '{"name":"Live","currency":"USD"}'])).code).toBe(0);
    const b = JSON.parse((await mb(dir, ['backup', '--json'])).stdout) as { id: string };
    // a stand-in renderer: in CI the unit tests run before the app is built
    const serve = await startServe(['--data-dir', dir, 'serve', '--port', '0', '--renderer', writeRendererFixture(dirs.make('mb-bcli-renderer-'))]);
    cleanups.push(() => serve.stop());
    const r = await mb(dir, ['restore', path.join(dir, 'backups', b.id)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Another Meterbook process has this data folder open/);
  }, 120_000);

  it('workspace export and import with the passphrase from the environment', async () => {
    const from = dirs.make('mb-wcli-a-');
    const to = dirs.make('mb-wcli-b-');
    expect((await mb(from, ['call', 'clients.create', '{"name":"Moving","currency":"USD"}'])).code).toBe(0);
    const file = path.join(from, 'move.zip');
    const ex = await mb(from, ['workspace', 'export', file], { METERBOOK_WORKSPACE_PASSPHRASE: 'a long enough passphrase' });
    expect(ex.code, ex.stderr).toBe(0);
    expect(ex.stdout).toMatch(/move\.zip {2}\d+\.\d KB\n$/);
    const wrong = await mb(to, ['workspace', 'import', file], { METERBOOK_WORKSPACE_PASSPHRASE: 'a wrong passphrase!!' });
    expect(wrong.code).toBe(0); // nothing sealed: no credentials in this workspace, the passphrase is not needed
    expect(await clients(to)).toEqual(['Moving']);
    const again = await mb(to, ['workspace', 'import', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds 1 client\(s\).*Add --replace to confirm\./);
    const replaced = await mb(to, ['workspace', 'import', file, '--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toMatch(/The replaced ledger is kept as backups\/meterbook-.*-pre-restore\.sqlite/);
  }, 120_000);
});
