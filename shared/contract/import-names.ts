// Runs anywhere, including the preload: the import command names without zod (a test checks them).
export const IMPORT_COMMAND_NAMES = [
  'import.preview',
  'import.start',
  'import.cancel',
  'importMappings.list',
  'importMappings.save',
  'importMappings.delete',
  'files.pick',
] as const;
