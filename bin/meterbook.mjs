#!/usr/bin/env node
// The `meterbook` command (package.json "bin"). Runs the TypeScript CLI in electron/cli through tsx.
// better-sqlite3 needs Node 22 (the system Node may be older): an older Node re-runs this file with
// the Node 22 the checkout installs (devDependency "node"), passing arguments, stdio and exit code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED_MAJOR = 22;
const REEXEC_MARK = 'METERBOOK_REEXEC';
const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major < REQUIRED_MAJOR) {
  const node = [path.join(root, 'node_modules', 'node', 'bin', 'node'), path.join(root, 'node_modules', '.bin', 'node')].find((p) => existsSync(p));
  if (node === undefined || process.env[REEXEC_MARK] === '1') {
    process.stderr.write(`meterbook needs Node ${REQUIRED_MAJOR} or newer (this is Node ${process.versions.node}). Run \`npm install\` in ${root} to get it.\n`);
    process.exit(1);
  }
  const child = spawn(node, [...process.execArgv, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [REEXEC_MARK]: '1' },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (err) => {
    process.stderr.write(`meterbook: could not start ${node}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal !== null) process.kill(process.pid, signal); // die the same way
    else process.exit(code ?? 1);
  });
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(root, 'tsconfig.node.json') });
  const { runCli } = await import('../electron/cli/main.ts');
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
  // Exit even if a stray handle keeps the loop alive; unref'd, so a clean exit is not delayed.
  setTimeout(() => process.exit(code), 2000).unref();
}
