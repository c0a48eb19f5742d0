// Drives the real electron/main/index.ts wiring under Node with a fake `electron` module (the
// Electron binary cannot run here): real ledger in a temp folder, real IPC registration, real
// security handlers; only the Electron APIs themselves are stand-ins that record what was asked.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, commandChannel, eventChannel } from '../../shared/contract/names';
import type { Result } from '../../shared/contract/result';
import { LEDGER_FILE } from '../db/open-database';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  // vi.hoisted runs before imports, so it brings its own tiny event emitter.
  class Emitter {
    private readonly listeners = new Map<string, Array<(...args: never[]) => void>>();
    on(name: string, listener: (...args: never[]) => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: (...args: never[]) => void) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const l of this.listeners.get(name) ?? []) (l as (...a: unknown[]) => void)(...args);
      return true;
    }
  }
  const calls: string[] = [];
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));

  class FakeWebContents extends Emitter {
    sent: Array<[string, unknown]> = [];
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    isDestroyed = () => false;
    send = (channel: string, payload: unknown) => this.sent.push([channel, payload]);
    setWindowOpenHandler = (h: (d: { url: string }) => { action: string }) => (this.windowOpenHandler = h);
  }

  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
      super();
      FakeBrowserWindow.all.push(this);
    }
    loadURL = async (url: string) => void this.loaded.push(url);
    show = () => {};
    maximize = () => {};
    isMaximized = () => false;
    isMinimized = () => false;
    restore = () => {};
    focus = () => {};
    getNormalBounds = () => ({ x: 10, y: 20, width: 1111, height: 777 });
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    paths: {} as Record<string, string>,
    quitCalls: 0,
    exitCode: null as number | null,
    getPath: (name: string) => app.paths[name] ?? `/nonexistent/${name}`,
    setPath: (name: string, value: string) => {
      calls.push(`setPath:${name}`);
      app.paths[name] = value;
    },
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    whenReady: () => readyPromise,
    getVersion: () => '9.9.9',
    quit: () => {
      app.quitCalls++;
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('will-quit', event);
      return event;
    },
    exit: (code: number) => (app.exitCode = code),
  });

  const ipcMain = {
    handlers: new Map<string, Handler>(),
    handle: (channel: string, h: Handler) => ipcMain.handlers.set(channel, h),
    removeHandler: (channel: string) => ipcMain.handlers.delete(channel),
  };
  const permissions = { request: null as Handler | null, check: null as Handler | null, device: null as Handler | null };
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, Handler>(),
    registerSchemesAsPrivileged: (schemes: unknown[]) => (calls.push('registerSchemesAsPrivileged'), protocol.privileged.push(...schemes)),
    handle: (scheme: string, h: Handler) => protocol.handlers.set(scheme, h),
  };
  const opened: string[] = [];

  const electron = {
    app,
    ipcMain,
    protocol,
    BrowserWindow: FakeBrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (permissions.request = h),
        setPermissionCheckHandler: (h: Handler) => (permissions.check = h),
        setDevicePermissionHandler: (h: Handler) => (permissions.device = h),
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (electron.menu = m) },
    menu: null as unknown,
    shell: { openExternal: async (url: string) => void opened.push(url), openPath: async () => '' },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.concat([Buffer.from('v11'), Buffer.from(s, 'utf8').reverse()]),
      decryptString: (b: Buffer) => Buffer.from(b.subarray(3)).reverse().toString('utf8'),
    },
    dialog: { showErrorBox: (title: string, message: string) => calls.push(`showErrorBox:${title}:${message}`) },
  };
  return { electron, calls, resolveReady, FakeBrowserWindow, FakeWebContents, opened, permissions };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const trusted = { senderFrame: { url: 'app://meterbook/index.html', parent: null } };
let dataDir: string;
let savedArgv: string[];
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

const invoke = (name: string, input: unknown, event: unknown = trusted) =>
  fake.electron.ipcMain.handlers.get(commandChannel(name))!(event, input) as Promise<Result<unknown>>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'meterbook-main-'));
  savedArgv = process.argv;
  process.argv = ['/opt/electron/electron', 'out/main/index.js', '--data-dir', dataDir];
  delete process.env.ELECTRON_RENDERER_URL;
  await import('./index');
});

afterAll(() => {
  process.argv = savedArgv;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(signal)) if (!signalListeners[signal].includes(l)) process.off(signal, l);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('electron/main/index.ts wiring', () => {
  it('before ready: privileged app:// scheme, sandbox for all renderers, data folder as userData, single-instance lock', () => {
    expect(fake.electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('requestSingleInstanceLock'));
    expect(fake.calls).toContain('enableSandbox');
    expect(fake.electron.app.paths.userData).toBe(dataDir);
    expect(fake.electron.app.paths.sessionData).toBe(path.join(dataDir, 'chromium'));
    // userData must be set before the lock, which is keyed on it
    expect(fake.calls.indexOf('setPath:userData')).toBeLessThan(fake.calls.indexOf('requestSingleInstanceLock'));
    expect(fake.electron.ipcMain.handlers.size).toBe(0);
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
  });

  it('on ready: opens the ledger, registers every command, serves app://, creates one locked-down window', async () => {
    fake.resolveReady();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1));

    expect(existsSync(path.join(dataDir, LEDGER_FILE))).toBe(true);
    expect([...fake.electron.ipcMain.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    expect(fake.electron.protocol.handlers.has('app')).toBe(true);
    expect(fake.electron.menu).not.toBeNull();

    const win = fake.FakeBrowserWindow.all[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.loaded).toEqual(['app://meterbook/index.html']);
  });

  it('runs commands from the app page in electron mode and refuses other senders', async () => {
    expect(await invoke('app.info', {})).toMatchObject({ ok: true, data: { mode: 'electron', dataDir, version: '9.9.9' } });
    expect(await invoke('clients.create', { name: 'Acme', currency: 'USD' }, { senderFrame: { url: 'file:///x.html', parent: null } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke('clients.create', { name: 'Acme', currency: 'USD', billingEmail: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('clients.list', {})).toMatchObject({ ok: true, data: { total: 0 } });
  });

  it('seals provider credentials with the OS keychain (safeStorage), not the key file', async () => {
    const res = await invoke('providers.create', {
      kind: 'openai',
      name: 'OpenAI org',
      currency: 'USD',
      credentials: { adminKey: 'sk-admin-0123456789abcdefa1b2' },
      syncEnabled: false,
    });
    expect(res).toMatchObject({ ok: true });
    const db = new Database(path.join(dataDir, LEDGER_FILE), { readonly: true });
    try {
      const row = db.prepare('SELECT credentials FROM provider_accounts').get() as { credentials: Buffer };
      expect(Buffer.from(row.credentials).subarray(0, 3).toString()).toBe('v11');
      expect(Buffer.from(row.credentials).includes(Buffer.from('sk-admin-0123'))).toBe(false);
    } finally {
      db.close();
    }
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
    expect(JSON.stringify(res)).not.toContain('sk-admin-0123');
  });

  it('forwards bus events to the window on their event channel', async () => {
    const win = fake.FakeBrowserWindow.all[0]!;
    await invoke('clients.create', { name: 'Acme', currency: 'USD' });
    expect(win.webContents.sent.some(([channel]) => channel === eventChannel('data.changed'))).toBe(true);
  });

  it('denies every permission', () => {
    const answers: boolean[] = [];
    fake.permissions.request!({}, 'media', (ok: boolean) => answers.push(ok));
    fake.permissions.request!({}, 'notifications', (ok: boolean) => answers.push(ok));
    expect(answers).toEqual([false, false]);
    expect(fake.permissions.check!({}, 'clipboard-read')).toBe(false);
    expect(fake.permissions.device!({})).toBe(false);
  });

  it('hardens every web contents: navigation, redirects, webviews, new windows', async () => {
    const contents = new fake.FakeWebContents();
    fake.electron.app.emit('web-contents-created', {}, contents);
    const fire = (name: string, url: string) => {
      const event = { url, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      contents.emit(name, event);
      return event.defaultPrevented;
    };
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://meterbook/index.html#/clients')).toBe(false);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-attach-webview', 'app://meterbook/index.html')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://stripe.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.opened).toEqual(['https://stripe.com/']));
  });

  it('remembers the window size on close', async () => {
    const win = fake.FakeBrowserWindow.all[0]!;
    win.emit('close');
    const { loadWindowState } = await import('./window-state');
    expect(loadWindowState(dataDir)).toEqual({ x: 10, y: 20, width: 1111, height: 777, maximized: false });
  });

  it('quits cleanly: holds the quit until the ledger is closed, then quits again', async () => {
    const first = fake.electron.app.quit();
    expect(first.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.electron.app.quitCalls).toBe(2));
    // closed: the WAL was checkpointed and removed, and the ledger opens again without complaint
    expect(existsSync(path.join(dataDir, `${LEDGER_FILE}-wal`))).toBe(false);
    const again = fake.electron.app.quit();
    expect(again.defaultPrevented).toBe(false);
    expect(fake.electron.app.exitCode).toBeNull();
  });
});
