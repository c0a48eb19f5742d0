// Runs in main (electron). Installs the application menu built by menu-template.ts.
import { Menu, shell } from 'electron';
import type { Logger } from '../services/logger';
import { buildMenuTemplate } from './menu-template';

export function installMenu(options: { appName: string; dev: boolean; dataDir: string; logger: Logger; navigate: (hash: string) => void }): void {
  const template = buildMenuTemplate({
    appName: options.appName,
    platform: process.platform,
    dev: options.dev,
    navigate: options.navigate,
    showDataFolder: () => {
      void shell.openPath(options.dataDir).then((error) => {
        if (error) options.logger.warn('Could not open the data folder', { error });
      });
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
