#!/usr/bin/env node
// The `meterbook` command (package.json "bin"). Runs the TypeScript CLI in electron/cli through tsx.
// better-sqlite3 needs Node 22 (the system Node may be older): an older Node re-runs this file with
// the Node 22 the checkout installs (devDependency "node"), passing arguments, stdio and exit code.
//
// Loading ~300 TypeScript modules through tsx took 1-4 s per command, so the CLI runs from one bundle,
// out/cli/meterbook.mjs, built here with esbuild whenever a source file is newer than it (~0.3 s, once
// after each change; never stale, so tests and a checkout being edited always run the current code).
// The bundle sits two folders below the checkout like electron/cli/, so REPO_ROOT and resources resolve
// the same. METERBOOK_CLI_TSX=1 runs the sources through tsx instead; so does a failed build (tsx then
// reports the error with the right file and line).
import { spawn } from 'node:child_process';
import fs, { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  const bundle = await freshBundle();
  let runCli;
  if (bundle) ({ runCli } = await import(pathToFileURL(bundle).href));
  else {
    const { register } = await import('tsx/esm/api');
    register({ tsconfig: path.join(root, 'tsconfig.node.json') });
    ({ runCli } = await import('../electron/cli/main.ts'));
  }
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
  // Exit even if a stray handle keeps the loop alive; unref'd, so a clean exit is not delayed.
  setTimeout(() => process.exit(code), 2000).unref();
}

/** Newest modification time (ms) of the CLI's sources: every .ts under electron/ and shared/, and the configs. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'electron'));
  walk(path.join(root, 'shared'));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.node.json']) if (existsSync(path.join(root, f))) newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
  return newest;
}

/** out/cli/meterbook.mjs, rebuilt first if any source is newer; null when it cannot be had (then tsx runs the sources). */
async function freshBundle() {
  if (process.env.METERBOOK_CLI_TSX === '1') return null;
  const out = path.join(root, 'out', 'cli', 'meterbook.mjs');
  try {
    const newest = newestSource();
    if (existsSync(out) && fs.statSync(out).mtimeMs >= newest) return out;
    const started = Date.now();
    const { build } = await import('esbuild');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // several processes may build at once (tests start many): each writes its own file, then renames it in place
    const tmp = path.join(path.dirname(out), `.meterbook-${process.pid}-${started}.mjs`);
    await build({
      entryPoints: [path.join(root, 'electron', 'cli', 'main.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      tsconfig: path.join(root, 'tsconfig.node.json'),
      logLevel: 'silent',
    });
    // stamped with the build's start: a source saved while building makes it stale again
    fs.utimesSync(tmp, started / 1000, started / 1000);
    fs.renameSync(tmp, out);
    return out;
  } catch {
    return null;
  }
}
