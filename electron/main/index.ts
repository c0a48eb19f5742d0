// Runs in main (electron). Wiring only: lifecycle, data folder, ledger, IPC, events, window.
// Every decision lives in a small file beside this one; services know nothing of Electron.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { eventChannel } from '../../shared/contract/names';
import { createSenderCheck } from '../ipc/sender-check';
import { registerIpc } from '../ipc/register-ipc';
import { ContextHost } from '../services/context-host';
import { resolveDataDir } from '../services/data-dir';
import { consoleLogger } from '../services/logger';
import { desktopSecretBox } from '../services/secrets';
import { stripeEndpointFromEnv } from '../services/stripe/stripe-endpoint';
import { electronHost } from './file-dialog';
import { rendererLocation } from './app-origin';
import { forwardBusEvents } from './forward-events';
import { installMenu } from './menu';
import { notifyAlerts } from './notifications';
import { registerAppScheme, serveRenderer } from './protocol';
import { denyAllPermissions, hardenAllWebContents } from './security';
import { createMainWindow } from './window';

const logger = consoleLogger;
const OUT_DIR = path.join(import.meta.dirname, '..');
const PRELOAD_PATH = path.join(OUT_DIR, 'preload', 'index.cjs');
const RENDERER_ROOT = path.join(OUT_DIR, 'renderer');

/** A failure the app cannot run without: tell the user (the message says what to do) and exit. */
function fatal(title: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  logger.error(title, { error: err instanceof Error ? (err.stack ?? message) : message });
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function main(): void {
  // Before `ready`: privileged scheme, sandbox for every renderer, data and profile folders.
  registerAppScheme();
  app.enableSandbox();
  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });

  let dataDir: string;
  try {
    dataDir = resolveDataDir({ argv: process.argv, env: process.env, defaultDir: app.getPath('userData') });
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    fatal('Meterbook cannot use its data folder', err);
    return;
  }
  // The single-instance lock is per userData: one Meterbook per data folder. Chromium's own
  // profile (caches, local storage) goes to a subfolder so the data folder stays readable.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', path.join(dataDir, 'chromium'));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let ctx: ContextHost | null = null;
  let mainWindow: BrowserWindow | null = null;

  const openWindow = () => {
    mainWindow = createMainWindow({ dataDir, preloadPath: PRELOAD_PATH, entryUrl: location.entryUrl, dev: !app.isPackaged, logger });
    mainWindow.on('closed', () => (mainWindow = null));
  };

  hardenAllWebContents(location.origin, logger);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession);
      if (!location.dev) serveRenderer(RENDERER_ROOT);
      // test/dev setting (docs/STRIPE.md): a fake Stripe for unpackaged builds only
      const stripeEndpoint = app.isPackaged ? undefined : stripeEndpointFromEnv(process.env);
      // a host owns the context: a restore (Settings → Backups) reopens the ledger under the same IPC and window
      ctx = await ContextHost.open({
        dataDir,
        mode: 'electron',
        version: app.getVersion(),
        logger,
        // provider credentials: the OS keychain, or the 0600 key file where there is none
        secrets: desktopSecretBox(safeStorage, dataDir),
        host: electronHost,
        ...(stripeEndpoint ? { stripeEndpoint } : {}),
      });
      ctx.startBackground();
      registerIpc({ ipcMain, dispatch: ctx.dispatch, isTrustedSender: createSenderCheck(location.origin), logger });
      forwardBusEvents(ctx.bus, () => (mainWindow ? [mainWindow.webContents] : []));
      notifyAlerts(ctx.bus);
      installMenu({
        appName: 'Meterbook',
        dev: !app.isPackaged,
        dataDir,
        logger,
        navigate: (hash) => mainWindow?.webContents.send(eventChannel('app.navigate'), { hash }),
      });
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((err: unknown) => fatal('Meterbook could not open its ledger', err));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the ledger (WAL checkpoint) before the process ends.
  let closing = false;
  app.on('will-quit', (event) => {
    if (ctx === null) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    ctx
      .close()
      .catch((err: unknown) => logger.error('Closing the ledger failed', { error: String(err) }))
      .finally(() => {
        ctx = null;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

main();
