// `npm start`: build, then run the desktop app; where Electron cannot run (no binary, e.g. build
// machines that only reach the npm registry) run browser mode instead (`meterbook serve`).
//   npm start -- --data-dir DIR [--port N]     METERBOOK_BROWSER=1 npm start   (force browser mode)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Node 22 (better-sqlite3, electron-vite and Electron's installer need it); the system Node may be older. */
function node22() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const local = [path.join(root, 'node_modules', 'node', 'bin', 'node'), path.join(root, 'node_modules', '.bin', 'node')].find((p) => existsSync(p));
  if (local === undefined) {
    console.error(`Meterbook needs Node 22 or newer (this is ${process.versions.node}); run npm install first.`);
    process.exit(1);
  }
  return local;
}

/** The path of the Electron binary, or null when Electron cannot provide one (its download failed). */
function electronBinary(node) {
  const found = spawnSync(node, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 5 * 60_000,
  });
  // a first launch prints "Downloading Electron binary..." before the path: the path is the last line
  const binary = found.status === 0 ? (found.stdout.trim().split('\n').pop() ?? '').trim() : '';
  return binary !== '' && existsSync(binary) ? binary : null;
}

/** The values of the options browser mode understands (`--x v` and `--x=v`); the rest is Electron's. */
function serveArgs(argv) {
  const picked = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    for (const name of ['--data-dir', '--port']) {
      if (arg === name && argv[i + 1] !== undefined) picked.push(name, argv[++i]);
      else if (arg.startsWith(`${name}=`)) picked.push(arg);
    }
  }
  return picked;
}

/** Runs a child with our stdio, forwards Ctrl+C / SIGTERM to it, and exits with its code. */
function runAndExit(command, argv, env = process.env) {
  const child = spawn(command, argv, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const node = node22();

const build = spawnSync(node, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const forceBrowser = process.env.METERBOOK_BROWSER === '1';
const electron = forceBrowser ? null : electronBinary(node);
if (electron !== null) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
  runAndExit(electron, ['.', ...args], env);
} else {
  console.log(
    forceBrowser
      ? 'METERBOOK_BROWSER=1: starting browser mode.'
      : 'Electron is not available on this machine (could not download its binary); starting browser mode instead.',
  );
  runAndExit(node, [path.join(root, 'bin', 'meterbook.mjs'), 'serve', ...serveArgs(args)]);
}
