// Runs in the CLI. `meterbook serve`: the app in a browser, over the loopback bridge.
import fs from 'node:fs';
import path from 'node:path';
import { startBridge, type Bridge } from '../../bridge/server';
import { CliFailure, EXIT, integerOption, stringOption, UsageError, type CliCommand } from '../command';
import { withContextHost } from '../context';
import { stderrLogger } from '../io';
import { DEFAULT_RENDERER_DIR } from '../paths';

/** The one line serve prints on stdout; scripts and tests find the URL in it with /https?:\/\/\S+/. */
export const runningLine = (url: string): string => `Meterbook is running at ${url}\n`;

export const serveCommand: CliCommand = {
  name: 'serve',
  args: '[--port N] [--renderer DIR]',
  summary: 'Run Meterbook in your browser (http://127.0.0.1 only, with a one-time token)',
  details: [
    '--port N        port to listen on (default 0: any free port)',
    `--renderer DIR  the built renderer (default ${path.relative(process.cwd(), DEFAULT_RENDERER_DIR) || DEFAULT_RENDERER_DIR}; build it with npm run build)`,
    'Prints one line with the address to open, then runs until Ctrl+C (SIGINT) or SIGTERM.',
  ],
  options: { port: { type: 'string', short: 'p' }, renderer: { type: 'string' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`serve takes no arguments (got "${inv.positionals[0]}").`);
    const port = integerOption(inv.values, 'port', 0, 65535) ?? 0;
    const rendererOption = stringOption(inv.values, 'renderer');
    const rendererDir = rendererOption !== undefined ? path.resolve(inv.cwd, rendererOption) : DEFAULT_RENDERER_DIR;
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      inv.io.err(`The app is not built (no index.html in ${rendererDir}): run \`npm run build\` first.\n`);
      return EXIT.failed;
    }
    // listen for signals from the start: a SIGTERM during startup still closes the ledger cleanly
    const shutdown = inv.waitForShutdown();
    const logger = stderrLogger(inv.io);

    // a host, not a bare context: a restore from the page reopens the ledger under the same bridge
    return withContextHost(inv, 'browser', async (host) => {
      let bridge: Bridge;
      try {
        bridge = await startBridge({ ctx: host, port, rendererDir, logger });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new CliFailure(`Port ${port} is already in use: pass another --port, or --port 0 for any free port.`);
        }
        throw err;
      }
      // scheduled provider syncs run while the app is open, as in Electron
      host.startBackground();
      inv.io.out(runningLine(bridge.url));
      inv.io.err(`Data folder: ${inv.dataDir}. Press Ctrl+C to stop.\n`);
      await shutdown;
      await bridge.close();
      return EXIT.ok;
    });
  },
};
