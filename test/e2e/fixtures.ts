// A fresh Meterbook (browser mode, own data folder, own port) per test, started exactly as a user would:
// `meterbook --data-dir DIR serve --port 0`, reading the URL it prints. A spec can add environment variables for
// the server and the CLI through the `appEnv` fixture (stripe.spec.ts points Meterbook at a fake Stripe with it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { spawnAndReadUrl, stopProcess } from '../helpers/spawn-url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const BIN = path.join(ROOT, 'bin/meterbook.mjs');
export const ARTIFACTS = path.join(ROOT, 'artifacts/screenshots');

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** stop the server (SIGTERM) and start it again on the same data folder; returns the new URL */
  restart(): Promise<string>;
  stop(): Promise<void>;
  /** run the CLI against the same data folder */
  cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

type Env = Readonly<Record<string, string>>;

const startServer = (dataDir: string, env: Env) =>
  spawnAndReadUrl(NODE, [BIN, '--data-dir', dataDir, 'serve', '--port', '0'], { cwd: ROOT, env: { ...process.env, ...env } });

const stopServer = stopProcess;

function runCli(dataDir: string, args: string[], env: Env) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(NODE, [BIN, '--data-dir', dataDir, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export const test = base.extend<{ app: RunningApp; appEnv: Env }>({
  /** extra environment of the server and the CLI (default none) */
  appEnv: [{}, { option: true }],
  app: async ({ appEnv }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-e2e-'));
    let server = await startServer(dataDir, appEnv);
    const parse = (url: string) => {
      const u = new URL(url);
      return { url, origin: u.origin, token: u.searchParams.get('token') ?? '' };
    };
    const app: RunningApp = {
      ...parse(server.url),
      dataDir,
      restart: async () => {
        await stopServer(server.child);
        server = await startServer(dataDir, appEnv);
        Object.assign(app, parse(server.url));
        return server.url;
      },
      stop: () => stopServer(server.child),
      cli: (...args) => runCli(dataDir, args, appEnv),
    };
    await use(app);
    await stopServer(server.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Opens the app's URL and waits for the explicit "app ready" marker. */
export async function openApp(page: Page, url: string, hash = ''): Promise<void> {
  await page.goto(url + hash);
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible();
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export { expect };
