// Runs in the CLI. Every `meterbook <name>` command, in the order help lists them.
import type { CliCommand } from './command';
import { alertsCommand } from './commands/alerts';
import { callCommand } from './commands/call';
import { demoCommand } from './commands/demo';
import { helpCommand } from './commands/help';
import { rateCommand } from './commands/rate';
import { importCommand } from './commands/import';
import { serveCommand } from './commands/serve';
import { syncCommand } from './commands/sync';
import { walletCommand } from './commands/wallet';

export const CLI_COMMANDS: readonly CliCommand[] = [callCommand, serveCommand, demoCommand, syncCommand, importCommand, rateCommand, walletCommand, alertsCommand, helpCommand];
