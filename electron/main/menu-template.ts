// Runs in main; imports only electron's types, so it is tested under Node.
// The application menu: File / Edit / View / Window / Help with standard roles.
// A Go menu switches the main screens (CmdOrCtrl+1..n, CmdOrCtrl+, for Settings; see shared/ui/screen-shortcuts.ts).
// Developer tools and reload exist only in development builds: in production Cmd/Ctrl+R does nothing, since a
// reload would only drop unsaved form input (every screen refetches live data on its own).
import type { MenuItemConstructorOptions } from 'electron';
import { accelerator, SCREEN_SHORTCUTS } from '../../shared/ui/screen-shortcuts';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** unpackaged build: adds reload and developer tools */
  dev: boolean;
  /** opens the data folder (ledger, backups) in the file manager */
  showDataFolder: () => void;
  /** shows a main screen in the focused window (a hash route) */
  navigate: (hash: string) => void;
}

export function buildMenuTemplate({ appName, platform, dev, showDataFolder, navigate }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  const screens = SCREEN_SHORTCUTS.filter((s) => s.key !== ',');
  const settings = SCREEN_SHORTCUTS.find((s) => s.key === ',');
  const settingsItem: MenuItemConstructorOptions[] = settings
    ? [{ label: mac ? 'Settings…' : '&Settings', accelerator: accelerator(settings), click: () => navigate(settings.hash) }]
    : [];

  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        ...settingsItem,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: '&File',
    submenu: [
      { label: 'Show Data Folder', click: () => showDataFolder() },
      { type: 'separator' },
      ...(mac ? [] : [...settingsItem, { type: 'separator' } as const]),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });

  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? ([{ role: 'pasteAndMatchStyle' }] as const) : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });

  const devItems: MenuItemConstructorOptions[] = dev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] : [];
  template.push({
    label: '&View',
    submenu: [...devItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  });

  template.push({
    label: '&Go',
    submenu: screens.map((s) => ({ label: s.label, accelerator: accelerator(s), click: () => navigate(s.hash) })),
  });

  template.push({
    label: '&Window',
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });

  template.push({
    label: '&Help',
    role: 'help',
    submenu: mac ? [{ label: 'Show Data Folder', click: () => showDataFolder() }] : [{ role: 'about' }, { label: 'Show Data Folder', click: () => showDataFolder() }],
  });

  return template;
}
