// Runs in main (Electron). The native open-file dialog, offered to services as a host capability.
import { BrowserWindow, dialog } from 'electron';
import type { HostCapabilities } from '../services/app-deps';

export const electronHost: HostCapabilities = {
  async pickFile(purpose) {
    const parent = BrowserWindow.getFocusedWindow() ?? undefined;
    const options: Electron.OpenDialogOptions = {
      title: purpose === 'usage' ? 'Choose a usage file' : 'Choose a file',
      properties: ['openFile'],
      filters: [
        { name: 'Usage files (CSV, JSON lines)', extensions: ['csv', 'tsv', 'txt', 'jsonl', 'ndjson'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};
