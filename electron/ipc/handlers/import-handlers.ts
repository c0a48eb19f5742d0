// Runs in main. File-import commands -> services.
import type { FileRef } from '../../../shared/domain/file-import';
import type { AppContext } from '../../services/app-context';
import { AppError } from '../../services/errors';
import type { DomainHandlers } from '../dispatcher';
import type { IMPORT_COMMAND_NAMES } from '../../../shared/contract/import-names';

export function createImportHandlers(ctx: AppContext): DomainHandlers<(typeof IMPORT_COMMAND_NAMES)[number]> {
  const s = ctx.services.import;
  // In browser mode files arrive as uploads; a page must not be able to read arbitrary paths on this machine.
  const guard = <T extends { file: FileRef }>(input: T): T => {
    if (ctx.options.mode === 'browser' && 'path' in input.file) {
      throw new AppError('forbidden', 'In browser mode, upload the file instead of naming a path.', { field: 'file' });
    }
    return input;
  };
  return {
    'import.preview': (input) => s.files.preview(guard(input)),
    'import.start': (input) => s.files.start(guard(input)),
    'import.cancel': ({ jobId }) => ({ cancelled: s.files.cancel(jobId) }),
    'importMappings.list': (input) => s.mappings.list(input),
    'importMappings.save': (input) => s.mappings.save(input),
    'importMappings.delete': ({ id }) => s.mappings.delete(id),
    'files.pick': ({ purpose }) => s.files.pick(purpose),
  };
}
