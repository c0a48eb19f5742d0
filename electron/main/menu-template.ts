// Runs in main; imports only electron's types, so it is tested under Node.
// The application menu: File / Edit / View / Window / Help with standard roles.
// Developer tools and reload exist only in development builds.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** unpackaged build: adds reload and developer tools */
  dev: boolean;
  /** opens the data folder (ledger, backups) in the file manager */
  showDataFolder: () => void;
}

export function buildMenuTemplate({ appName, platform, dev, showDataFolder }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
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
    submenu: [{ label: 'Show Data Folder', click: () => showDataFolder() }, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
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
