// Runs anywhere, including the preload: the backup command names without zod (a test checks them).
export const BACKUP_COMMAND_NAMES = [
  'backups.list',
  'backups.create',
  'backups.delete',
  'backups.restore',
  'backups.settings.get',
  'backups.settings.update',
  'workspace.export',
  'workspace.import',
] as const;
