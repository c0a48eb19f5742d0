// The `meterbook` bin as a user runs it: a child process on a temp data folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, callCommand, httpRequest } from './helpers/http';
import { runMeterbook, startServe } from './helpers/cli';
import { writeRendererFixture } from './helpers/renderer-fixture';
import { createTempDirs } from './helpers/temp-dirs';

const SYSTEM_NODE = '/usr/bin/node';
/** every test spawns real processes (about a second each, more on a busy machine) */
const SLOW = { timeout: 120_000 };

const temp = createTempDirs();
afterAll(() => temp.removeAll());

const majorOf = (nodeBinary: string): number => {
  const out = execFileSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return Number(out.split('.')[0]);
};

describe('meterbook call', SLOW, () => {
  it('runs a command and prints its data as JSON; the ledger keeps it', async () => {
    const dataDir = temp.make();
    const created = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.create', '{"name":"Acme","currency":"USD"}']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const client = JSON.parse(created.stdout) as { id: number; name: string; currency: string };
    expect(client).toMatchObject({ id: expect.any(Number), name: 'Acme', currency: 'USD' });
    expect(created.stdout).toBe(`${JSON.stringify(client, null, 2)}\n`);

    const listed = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.list', '{}']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ items: [client], total: 1 });

    // the input defaults to {}, and --data-dir may also follow the command
    const info = await runMeterbook(['call', 'app.info', `--data-dir=${dataDir}`]);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ mode: 'cli', dataDir, schemaVersion: expect.any(Number) });
  });

  it('prints invalid input as error JSON naming the field, on stderr, exit 1', async () => {
    const dataDir = temp.make();
    const run = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.create', '{"name":"Acme","currency":"DOLLARS"}']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string; field?: string } };
    expect(error).toMatchObject({ code: 'invalid_input', field: 'currency', message: expect.stringMatching(/currency/i) });

    const list = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.list']);
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 0 });
  });

  it('fails an unknown command with unknown_command, exit 1, without creating a data folder', async () => {
    const dataDir = path.join(temp.make(), 'never-created');
    const run = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.explode', '{}']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toMatchObject({ error: { code: 'unknown_command' } });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses input that is not JSON with exit 2 and a clear message', async () => {
    const dataDir = path.join(temp.make(), 'never-created');
    const run = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.create', "{name:'Acme'}"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/not valid JSON/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('uses METERBOOK_DATA_DIR when there is no --data-dir', async () => {
    const dataDir = temp.make();
    const created = await runMeterbook(['call', 'clients.create', '{"name":"Env Co","currency":"EUR"}'], { env: { METERBOOK_DATA_DIR: dataDir } });
    expect(created.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'meterbook.sqlite'))).toBe(true);

    const info = await runMeterbook(['call', 'app.info'], { env: { METERBOOK_DATA_DIR: dataDir } });
    expect(JSON.parse(info.stdout)).toMatchObject({ dataDir });

    // --data-dir wins over the variable
    const other = temp.make();
    const flagged = await runMeterbook(['--data-dir', other, 'call', 'clients.list'], { env: { METERBOOK_DATA_DIR: dataDir } });
    expect(JSON.parse(flagged.stdout)).toMatchObject({ total: 0 });
  });
});

describe('meterbook (usage)', SLOW, () => {
  it('--help lists the CLI commands and every contract command', async () => {
    const { COMMAND_NAMES } = await import('../../shared/contract/names');
    for (const args of [['--help'], ['help']]) {
      const run = await runMeterbook(args);
      expect(run.code).toBe(0);
      for (const command of ['call', 'serve', 'demo', 'help']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      for (const name of COMMAND_NAMES) expect(run.stdout).toContain(`  ${name}\n`);
    }
  });

  it('answers an unknown CLI command or option with exit 2', async () => {
    expect((await runMeterbook(['frobnicate'])).code).toBe(2);
    expect((await runMeterbook(['--frobnicate', 'call', 'app.info'])).code).toBe(2);
    expect((await runMeterbook(['serve', '--port', 'eighty'])).code).toBe(2);
  });

  it('demo prints a one-line summary, or the error and exit 1', async () => {
    const dataDir = temp.make();
    const run = await runMeterbook(['--data-dir', dataDir, 'demo', '--seed', '7', '--end-date', '2026-10-31', '--days', '3'], { timeoutMs: 60_000 });
    if (run.code === 0) {
      expect(run.stdout).toMatch(/^Loaded the demo: .*\n$/);
      expect(run.stdout.split('\n')).toHaveLength(2);
    } else {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^meterbook demo: /);
    }
    const badDate = await runMeterbook(['--data-dir', dataDir, 'demo', '--end-date', '31/10/2026']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/end-date/);
  });
});

describe('meterbook serve', SLOW, () => {
  it('prints the URL line, answers app.info with the token, and exits 0 on SIGTERM', async () => {
    const dataDir = temp.make();
    const rendererDir = writeRendererFixture(temp.make());
    const serve = await startServe(['--data-dir', dataDir, 'serve', '--port', '0', '--renderer', rendererDir]);
    try {
      expect(serve.line).toMatch(/^Meterbook is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);

      const info = await callCommand(serve.origin, 'app.info', {}, bearer(serve.token));
      expect(info.status).toBe(200);
      expect(info.json()).toMatchObject({ ok: true, data: { mode: 'browser', dataDir } });

      const refused = await callCommand(serve.origin, 'app.info', {});
      expect(refused.status).toBe(401);

      const redirect = await httpRequest(serve.origin, new URL(serve.url).pathname + new URL(serve.url).search);
      expect(redirect.status).toBe(302);
    } finally {
      const exit = await serve.stop('SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
    }
    // the ledger was closed cleanly: the CLI can open it again and sees the same data
    const info = await runMeterbook(['--data-dir', dataDir, 'call', 'app.info']);
    expect(info.code).toBe(0);
  });

  it('also stops cleanly on SIGINT', async () => {
    const rendererDir = writeRendererFixture(temp.make());
    const serve = await startServe(['serve', '--renderer', rendererDir], { env: { METERBOOK_DATA_DIR: temp.make() } });
    expect(await serve.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('tells to run npm run build when the renderer is missing', async () => {
    const run = await runMeterbook(['--data-dir', temp.make(), 'serve', '--renderer', path.join(temp.make(), 'nothing')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/npm run build/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('bin under an older Node', SLOW, () => {
  const hasOldSystemNode = fs.existsSync(SYSTEM_NODE) && majorOf(SYSTEM_NODE) < 22;

  it.runIf(hasOldSystemNode)('re-runs itself with the checkout Node 22 and still works', async () => {
    const dataDir = temp.make();
    const run = await runMeterbook(['--data-dir', dataDir, 'call', 'app.info'], { node: SYSTEM_NODE });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'cli', dataDir });

    const failing = await runMeterbook(['--data-dir', dataDir, 'call', 'clients.get', '{"id":999}'], { node: SYSTEM_NODE });
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stderr)).toMatchObject({ error: { code: 'not_found' } });
  });

  it.runIf(hasOldSystemNode)('forwards SIGTERM to the Node 22 child, which closes cleanly', async () => {
    const rendererDir = writeRendererFixture(temp.make());
    const serve = await startServe(['--data-dir', temp.make(), 'serve', '--renderer', rendererDir], { node: SYSTEM_NODE });
    const info = await callCommand(serve.origin, 'app.info', {}, bearer(serve.token));
    expect(info.json()).toMatchObject({ ok: true });
    expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
