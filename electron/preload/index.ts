// Runs in the sandboxed preload (bundled to one CommonJS file: out/preload/index.cjs).
// Only `electron` may be required here; the API shape comes from the plain name lists.
import { contextBridge, ipcRenderer } from 'electron';
import { buildMeterbookApi } from './build-api';

contextBridge.exposeInMainWorld('meterbook', buildMeterbookApi(ipcRenderer));
