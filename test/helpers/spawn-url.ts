// Starts a process that prints a URL on stdout (`meterbook serve`, a bare server in the cold-start bench) and
// resolves with the child and the first http(s) URL it prints. Shared by the e2e fixtures and the benches.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
}

export function spawnAndReadUrl(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<SpawnedServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not print its URL in time:\n${out}\n${err}`)), options.timeoutMs ?? 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited early (${code}):\n${out}\n${err}`));
    };
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /https?:\/\/\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ child, url: m[0] });
      }
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', onExit);
  });
}

/** SIGTERM and wait for the exit (at once if it has exited already). */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
