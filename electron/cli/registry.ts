// Runs in the CLI. Every `meterbook <name>` command, in the order help lists them.
import type { CliCommand } from './command';
import { alertsCommand } from './commands/alerts';
import { callCommand } from './commands/call';
import { closeCommand } from './commands/close';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { helpCommand } from './commands/help';
import { rateCommand } from './commands/rate';
import { importCommand } from './commands/import';
import { issueCommand } from './commands/issue';
import { serveCommand } from './commands/serve';
import { stripeCommand } from './commands/stripe';
import { syncCommand } from './commands/sync';
import { walletCommand } from './commands/wallet';
import { backupCommand } from './commands/backup';
import { backupsCommand } from './commands/backups';
import { restoreCommand } from './commands/restore';
import { workspaceCommand } from './commands/workspace';

export const CLI_COMMANDS: readonly CliCommand[] = [callCommand, serveCommand, demoCommand, syncCommand, importCommand, rateCommand, walletCommand, alertsCommand, closeCommand, issueCommand, exportCommand, stripeCommand, backupCommand, backupsCommand, restoreCommand, workspaceCommand, helpCommand];
