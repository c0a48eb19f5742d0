// Runs in main. Composition of the file-import services.
import type { AppContextDeps } from '../app-deps';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportServices {}

export function createImportServices(_deps: AppContextDeps): ImportServices {
  return {};
}
