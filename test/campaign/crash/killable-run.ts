// Crash campaign: runs the real `meterbook` CLI in a child process and SIGKILLs it when a trigger fires:
// after a delay, when a progress line appears, once N rows are committed (seen by a read-only connection), or
// right after a remote request committed (the kill proxy in front of the fake Stripe).
import { spawn } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { BIN, NODE22, REPO_ROOT, childEnv } from '../../integration/helpers/cli';
import type { KillProxy, KillRule } from '../../integration/helpers/kill-proxy';

export type KillTrigger =
  /** a moment after the spawn (startup, migration and the work itself are all fair game) */
  | { kind: 'delay'; ms: number }
  /** the nth stderr line matching `pattern` (a progress line), plus `jitterMs` */
  | { kind: 'line'; pattern: RegExp; nth: number; jitterMs: number }
  /** once `sql` (select ... as n) reaches `atLeast` on the ledger, plus `jitterMs` */
  | { kind: 'rows'; sql: string; atLeast: number; jitterMs: number }
  /** right after the nth matching request committed upstream (its answer never reaches the child) */
  | { kind: 'commit'; rule: KillRule };

export interface KillableRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** the trigger fired and the child died of our SIGKILL (false: it finished first) */
  killed: boolean;
  /** the child outlived `timeoutMs` (hung, or starved by the machine) and was killed for it */
  timedOut: boolean;
  elapsedMs: number;
  /** with `watchSql`: when its value first changed and when it last changed (ms after the spawn) */
  work?: { firstMs: number; lastMs: number };
}

export interface KillableOptions {
  dataDir: string;
  args: string[];
  env?: Record<string, string>;
  trigger?: KillTrigger;
  /** needed by 'commit' triggers */
  proxy?: KillProxy;
  timeoutMs?: number;
  /** select ... : polled while the child runs, to time the window in which it commits its work */
  watchSql?: string;
}

const LEDGER = 'meterbook.sqlite';

/** Runs `meterbook --data-dir DIR ...args`, killing it with SIGKILL when the trigger fires. */
export function runKillable(options: KillableOptions): Promise<KillableRun> {
  const { trigger } = options;
  // durations on the monotonic clock: setTimeout's, not the wall clock (which a VM may step)
  const started = performance.now();
  const child = spawn(NODE22, [BIN, '--data-dir', options.dataDir, ...options.args], { cwd: REPO_ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let fired = false;
  let exited = false;
  const timers: NodeJS.Timeout[] = [];
  const kill = (afterMs = 0) => {
    if (fired) return;
    fired = true;
    const now = () => {
      if (!exited) child.kill('SIGKILL');
    };
    if (afterMs <= 0) now();
    else timers.push(setTimeout(now, afterMs));
  };

  let lineBuffer = '';
  let lines = 0;
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    if (trigger?.kind !== 'line' || fired) return;
    lineBuffer += c;
    const parts = lineBuffer.split('\n');
    lineBuffer = parts.pop()!;
    for (const l of parts) if (trigger.pattern.test(l) && ++lines >= trigger.nth) return kill(trigger.jitterMs);
  });

  if (trigger?.kind === 'delay') kill(trigger.ms);
  if (trigger?.kind === 'commit') {
    if (!options.proxy) throw new Error('a commit trigger needs the kill proxy');
    options.proxy.arm(trigger.rule, () => kill());
  }
  let probe: BetterSqlite3.Database | null = null;
  if (trigger?.kind === 'rows') {
    probe = new BetterSqlite3(path.join(options.dataDir, LEDGER), { readonly: true, timeout: 5000 });
    const count = probe.prepare(trigger.sql).pluck();
    const poll = () => {
      if (fired || exited) return;
      // a fresh read snapshot each time (autocommit): sees every commit so far
      if (Number(count.get()) >= trigger.atLeast) kill(trigger.jitterMs);
      else timers.push(setTimeout(poll, 5));
    };
    poll();
  }

  let work: KillableRun['work'];
  let watcher: BetterSqlite3.Database | null = null;
  if (options.watchSql) {
    watcher = new BetterSqlite3(path.join(options.dataDir, LEDGER), { readonly: true, timeout: 5000 });
    const value = watcher.prepare(options.watchSql).pluck();
    const initial = Number(value.get());
    let last = initial;
    const poll = () => {
      if (exited) return;
      const v = Number(value.get());
      if (v !== last) {
        const at = Math.round(performance.now() - started);
        work = { firstMs: work?.firstMs ?? at, lastMs: at };
        last = v;
      }
      timers.push(setTimeout(poll, 5));
    };
    poll();
  }

  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 180_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      exited = true;
      clearTimeout(timeout);
      for (const t of timers) clearTimeout(t);
      probe?.close();
      watcher?.close();
      if (trigger?.kind === 'commit') options.proxy!.disarm();
      resolve({ code, signal, stdout, stderr, killed: fired && !timedOut && signal === 'SIGKILL',
        timedOut, elapsedMs: Math.round(performance.now() - started), ...(work && { work }) });
    });
  });
}
