// Runs in main. File-import commands -> services.
import type { AppContext } from '../../services/app-context';
import { AppError } from '../../services/errors';
import type { DomainHandlers } from '../dispatcher';
import type { IMPORT_COMMAND_NAMES } from '../../../shared/contract/import-names';

const notYet = (): never => {
  throw new AppError('conflict', 'File import is not available in this build yet.');
};

export function createImportHandlers(_ctx: AppContext): DomainHandlers<(typeof IMPORT_COMMAND_NAMES)[number]> {
  return {
    'import.preview': notYet,
    'import.start': notYet,
    'import.cancel': notYet,
    'importMappings.list': notYet,
    'importMappings.save': notYet,
    'importMappings.delete': notYet,
    'files.pick': notYet,
  };
}
