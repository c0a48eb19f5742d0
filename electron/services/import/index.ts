// Runs in main. Composition of the file-import services (wired as ctx.services.import).
// See docs/INGESTION.md for what an import does, its matching rule and its crash behaviour.
import type { AppContextDeps } from '../app-deps';
import { ImportService, type ImportServiceOptions } from './import-service';
import { SavedMappings } from './saved-mappings';
import { UploadStore } from './uploads';

export interface ImportServices {
  /** preview, start, cancel and wait for imports; the Electron file dialog */
  files: ImportService;
  /** saved mappings per source */
  mappings: SavedMappings;
  /** files the browser-mode bridge received */
  uploads: UploadStore;
}

export function createImportServices(deps: AppContextDeps, options: ImportServiceOptions = {}): ImportServices {
  const uploads = UploadStore.forDataDir(deps.dataDir);
  // Old uploads go at startup; nothing waits for it and a failure only costs disk space. File times are
  // wall-clock times, so they are compared with the system clock, not the injected one.
  void uploads.removeExpired(new Date()).catch((err: unknown) => {
    deps.logger.warn('Could not delete old uploads', { error: err instanceof Error ? err.message : String(err) });
  });
  return {
    files: new ImportService(deps, uploads, options),
    mappings: new SavedMappings(deps.ledger.db, deps.clock, deps.bus),
    uploads,
  };
}
