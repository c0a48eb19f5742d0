// Test helper. Runs the real `meterbook` bin in a child process, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'meterbook.mjs');
/** The checkout's Node 22 (devDependency "node"); the system Node may be older. */
export const NODE22 = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** extra environment variables (METERBOOK_DATA_DIR is removed unless given here) */
  env?: Record<string, string>;
  /** the Node binary to launch the bin with */
  node?: string;
  timeoutMs?: number;
}

/** The environment of a CLI child: this one, without the data-folder override and the re-exec mark, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.METERBOOK_DATA_DIR;
  delete env.METERBOOK_REEXEC;
  return { ...env, ...extra };
}

/** Runs `node bin/meterbook.mjs ...args` to completion. */
export function runMeterbook(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? NODE22, [BIN, ...args], { cwd: REPO_ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  /** the line printed on stdout */
  line: string;
  url: string;
  origin: string;
  token: string;
  stderr(): string;
  /** sends a signal and resolves with the exit code and signal */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `meterbook ...args` (a serve command) and waits for its URL line. */
export function startServe(args: string[], options: CliOptions = {}): Promise<ServeProcess> {
  const child = spawn(options.node ?? NODE22, [BIN, ...args], { cwd: REPO_ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no URL within ${options.timeoutMs ?? 60_000} ms; stderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      const line = stdout.slice(0, newline);
      const url = /https?:\/\/\S+/.exec(line)?.[0];
      if (url === undefined) {
        child.kill('SIGKILL');
        reject(new Error(`unexpected first line: ${line}`));
        return;
      }
      const parsed = new URL(url);
      resolve({
        child,
        line,
        url,
        origin: parsed.origin,
        token: parsed.searchParams.get('token') ?? '',
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing a URL; stderr: ${stderr}`));
    });
  });
}
