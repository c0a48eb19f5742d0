// Runs in main. Backup, restore and workspace commands -> services. Restore sources from the renderer are
// a backup id (a file name in the backups folder) or an upload; a path only outside browser mode.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { BACKUP_COMMAND_NAMES } from '../../../shared/contract/backup-names';

export function createBackupHandlers(ctx: AppContext): DomainHandlers<(typeof BACKUP_COMMAND_NAMES)[number]> {
  const { backups, restore, workspace } = ctx.services.backup;
  return {
    'backups.list': () => backups.overview(),
    'backups.create': () => backups.create('manual'),
    'backups.delete': ({ id }) => backups.delete(id),
    'backups.restore': ({ source }) => restore.restore(source),
    'backups.settings.get': () => backups.settings(),
    'backups.settings.update': (input) => backups.updateSettings(input),
    'workspace.export': ({ passphrase }) => workspace.export({ passphrase }),
    'workspace.import': (input) => workspace.import(input),
  };
}
