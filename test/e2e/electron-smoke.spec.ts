// Launches the built Electron app (out/main/index.js) with its own data folder and checks the
// security-relevant shape of the page: the preload API is exactly the contract, Node is absent,
// and commands reach the real ledger in electron mode.
// Skips itself where the Electron binary is not installed (these build machines can reach the npm
// registry only, so electron's postinstall download never happened). The check reads
// node_modules/electron/path.txt instead of require('electron'), which would try to download.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { COMMAND_NAMES, EVENT_NAMES } from '../../shared/contract/names';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'out/main/index.js');

/** The installed Electron executable, or null when the binary was never downloaded. */
function electronExecutable(): string | null {
  const pkg = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

const executablePath = electronExecutable();

test.describe('Electron shell', () => {
  test.skip(executablePath === null, 'Electron binary not available on this machine');

  test('starts with a locked-down page, the contract API only, and the ledger in electron mode', async () => {
    expect(fs.existsSync(MAIN), 'run `npx electron-vite build` first').toBe(true);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-electron-e2e-'));
    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL; // always the built renderer over app://
    delete env.ELECTRON_RUN_AS_NODE;
    const app = await electron.launch({ executablePath: executablePath!, args: [MAIN, '--data-dir', dataDir], cwd: ROOT, env });
    try {
      const page = await app.firstWindow();
      await page.locator('body[data-app-ready="true"]').waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).protocol).toBe('app:');

      const shape = await page.evaluate(() => {
        const w = globalThis as unknown as { meterbook?: { commands: Record<string, unknown>; events: Record<string, unknown> } } & Record<string, unknown>;
        const api = w.meterbook;
        return {
          top: api ? Object.keys(api).sort() : null,
          commands: api ? Object.keys(api.commands).sort() : [],
          commandTypes: api ? [...new Set(Object.values(api.commands).map((f) => typeof f))] : [],
          events: api ? Object.keys(api.events).sort() : [],
          require: typeof w.require,
          process: typeof w.process,
          module: typeof w.module,
          electron: typeof w.electron,
          ipcRenderer: typeof w.ipcRenderer,
        };
      });
      expect(shape.top).toEqual(['commands', 'events']);
      expect(shape.commands).toEqual([...COMMAND_NAMES].sort());
      expect(shape.commandTypes).toEqual(['function']);
      expect(shape.events).toEqual([...EVENT_NAMES].sort());
      expect(shape).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', electron: 'undefined', ipcRenderer: 'undefined' });

      const info = await page.evaluate(() =>
        (globalThis as unknown as { meterbook: { commands: Record<string, (i: unknown) => Promise<unknown>> } }).meterbook.commands['app.info']!({}),
      );
      expect(info).toMatchObject({ ok: true, data: { mode: 'electron', dataDir } });

      // window.open never yields a second Electron window
      const opened = await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
