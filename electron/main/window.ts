// Runs in main (electron). The main window: locked-down webPreferences, the sandboxed CJS
// preload, and size/position remembered in <dataDir>/window-state.json.
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../services/logger';
import { fitToDisplays, loadWindowState, MIN_SIZE, saveWindowState } from './window-state';

export interface MainWindowOptions {
  dataDir: string;
  /** absolute path of out/preload/index.cjs */
  preloadPath: string;
  /** app://meterbook/index.html, or the dev server URL */
  entryUrl: string;
  /** unpackaged build: developer tools allowed */
  dev: boolean;
  logger: Logger;
}

export function createMainWindow({ dataDir, preloadPath, entryUrl, dev, logger }: MainWindowOptions): BrowserWindow {
  const state = fitToDisplays(
    loadWindowState(dataDir),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Meterbook',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: dev,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  win.on('close', () => {
    try {
      saveWindowState(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      logger.warn('Could not remember the window size', { error: String(err) });
    }
  });

  win.loadURL(entryUrl).catch((err: unknown) => logger.error('The window could not load the app', { url: entryUrl, error: String(err) }));
  return win;
}
