// Crash campaign: the loop. Per iteration (seed s): scenario order[s mod n], a copy of its template, and for each
// step of the scenario 0-3 runs of the real CLI each SIGKILLed by a trigger drawn from prng(s), then one run left
// to finish; then the shared checker: the invariants, and equality with a clean uninterrupted run of the scenario.
// Reproduce one iteration with CRASH_SEED=<s> CRASH_ITERATIONS=1 (and the same CRASH_SCENARIOS): the kill
// triggers come from the seed; the machine's timing decides what exactly had committed by then.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { prng } from '../../fakes/fake-server';
import { checkLedger, compareFingerprints, fingerprint, openForCheck, type Fingerprint } from './invariants';
import { runKillable, type KillableRun, type KillTrigger } from './killable-run';
import { SCENARIOS, type Scenario, type Step } from './scenarios';
import { tempDir } from '../../helpers/temp-context';
import { copyWorkspace } from './workspaces';

/** the default rotation (seed mod 6); CRASH_SCENARIOS picks another */
export const SCENARIO_ORDER = ['import', 'sync', 'close', 'issue', 'stripe', 'mixed'];

/** where a kill landed, by how much of the operation's work was committed when the process died */
export type Landing = 'missed' | 'before any commit' | 'early' | 'middle' | 'late' | 'all committed';
// 'before any commit': startup, migration, or the run's first transaction; 'all committed': after the last commit,
// before the exit; 'missed': the run finished before its trigger fired

export interface KillRecord {
  /** the scenario, or scenario:step for multi-step scenarios */
  where: string;
  trigger: string;
  landing: Landing;
  /** progress (committed rows) after the kill, of the clean run's total */
  progress: string;
}

export interface IterationResult {
  seed: number;
  scenario: string;
  kills: KillRecord[];
  violations: string[];
  /** documented behaviour the checker saw (not failures) */
  notes: string[];
  ms: number;
}

export interface CampaignSummary {
  iterations: IterationResult[];
  kills: number;
  landings: Record<string, Record<Landing, number>>;
  ms: number;
}

interface Clean {
  template: string;
  fingerprint: Fingerprint;
  steps: CleanStep[];
  failures: string[];
}

interface CleanStep {
  /** progress at the start and the end of a clean run */
  start: number;
  total: number;
  ms: number;
  /** when a clean run committed its first and its last piece of work (ms after the spawn) */
  work: { firstMs: number; lastMs: number };
  /** progress lines a clean run printed */
  lines: number;
}

const LEDGER = 'meterbook.sqlite';

function progressOf(dir: string, sql: string): number {
  const db = new BetterSqlite3(path.join(dir, LEDGER), { readonly: true, timeout: 5000 });
  try {
    return Number(db.prepare(sql).pluck().get());
  } finally {
    db.close();
  }
}

function withLedger<T>(dir: string, fn: (db: BetterSqlite3.Database) => T): T {
  const db = openForCheck(path.join(dir, LEDGER));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const describeRun = (r: KillableRun) =>
  `${r.timedOut ? `timed out after ${r.elapsedMs} ms (hung, or starved by the machine)` : `exit ${r.code ?? r.signal}`}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ') || 'no output'}`;

/** Draws one kill: a delay across the clean run's duration, a committed-row count, a progress line or a Stripe commit. */
export function drawTrigger(rng: ReturnType<typeof prng>, step: Step, clean: Pick<CleanStep, 'total' | 'ms' | 'work' | 'lines'>, now: number): KillTrigger {
  // startup (tsx, zod, migrations) takes most of a short run: most kills aim at the work itself
  const kinds: Array<KillTrigger['kind'] | 'work'> = ['delay', 'work', 'work', 'rows', 'rows'];
  if (step.progressLine && clean.lines > 0) kinds.push('line');
  if (step.commitRules) kinds.push('commit', 'commit', 'commit');
  let kind = rng.pick(kinds);
  // all committed already (an earlier run finished): no row or line is left to wait for, kill the re-run by time
  if (now >= clean.total && (kind === 'rows' || kind === 'line')) kind = 'delay';
  switch (kind) {
    case 'delay':
      // 0 .. 110% of a clean run: startup and migration, the work, and the race with the exit
      return { kind, ms: rng.int(0, Math.ceil(clean.ms * 1.1)) };
    case 'work':
      // inside the window in which the clean run committed its work (startup takes most of a short run)
      return { kind: 'delay', ms: rng.int(Math.max(0, clean.work.firstMs - 50), clean.work.lastMs + 50) };
    case 'line':
      return { kind, pattern: step.progressLine!, nth: rng.int(1, clean.lines), jitterMs: rng.int(0, 20) };
    case 'commit': {
      const rule = rng.pick(step.commitRules!);
      return { kind, rule: { ...rule, nth: rng.pick([1, 1, 2, 3, 5, 8, 12]) } };
    }
    default:
      // anywhere from this run's first committed row to the last one (then at once: right after that commit)
      return { kind: 'rows', sql: step.progressSql, atLeast: rng.int(now + 1, Math.max(now + 1, clean.total)), jitterMs: rng.pick([0, 0, 1, 3, 10]) };
  }
}

export function describeTrigger(t: KillTrigger): string {
  switch (t.kind) {
    case 'delay':
      return `after ${t.ms} ms`;
    case 'line':
      return `at progress line ${t.nth} +${t.jitterMs} ms`;
    case 'rows':
      return `at ${t.atLeast} committed +${t.jitterMs} ms`;
    case 'commit':
      return `after ${t.rule.method} ${t.rule.path.source.replaceAll('\\/', '/')} #${t.rule.nth ?? 1} committed`;
  }
}

/** by the share of the work committed when it died; 'before any commit' when this run had committed nothing yet */
function landing(killed: boolean, before: number, progress: number, clean: CleanStep): Landing {
  if (!killed) return 'missed';
  if (progress === before && progress < clean.total) return 'before any commit';
  const span = clean.total - clean.start;
  const f = span <= 0 ? 1 : (progress - clean.start) / span;
  if (f >= 1) return 'all committed';
  return f < 1 / 3 ? 'early' : f < 2 / 3 ? 'middle' : 'late';
}

export class CrashCampaign {
  private readonly scenarios = new Map<string, Scenario>();
  private readonly cleans = new Map<string, Clean>();
  private readonly scratch: string[] = [];
  private warm = false;

  constructor(
    private readonly log: (line: string) => void = () => undefined,
    private readonly order: readonly string[] = SCENARIO_ORDER,
  ) {}

  scenarioFor(seed: number): string {
    return this.order[seed % this.order.length]!;
  }

  /** The scenario's template and its clean run (once per campaign). */
  private async clean(name: string): Promise<{ scenario: Scenario; clean: Clean }> {
    let scenario = this.scenarios.get(name);
    if (!scenario) {
      const make = SCENARIOS[name];
      if (!make) throw new Error(`unknown scenario ${name} (known: ${Object.keys(SCENARIOS).join(', ')})`);
      scenario = make();
      this.scenarios.set(name, scenario);
    }
    let clean = this.cleans.get(name);
    if (!clean) {
      if (!this.warm) {
        // the first CLI start compiles the sources (tsx caches them): keep that out of the calibration
        const dir = tempDir('mb-crash-warm-');
        this.scratch.push(dir);
        await runKillable({ dataDir: dir, args: ['call', 'clients.list', '{}'] });
        this.warm = true;
      }
      const template = await scenario.template();
      this.scratch.push(template);
      const dir = copyWorkspace(template);
      this.scratch.push(dir);
      const session = await scenario.session(dir);
      const failures: string[] = [];
      const steps: CleanStep[] = [];
      try {
        for (const step of scenario.steps) {
          const start = progressOf(dir, step.progressSql);
          const run = await runKillable({ dataDir: dir, args: step.args, env: session.env, watchSql: step.progressSql });
          if (run.code !== 0) failures.push(`clean run of ${step.name}: ${describeRun(run)}`);
          const lines = step.progressLine ? run.stderr.split('\n').filter((l) => step.progressLine!.test(l)).length : 0;
          const work = run.work ?? { firstMs: 0, lastMs: run.elapsedMs };
          steps.push({ start, total: progressOf(dir, step.progressSql), ms: run.elapsedMs, work, lines });
        }
        const fp = withLedger(dir, (db) => {
          failures.push(...checkLedger(db, { stripe: session.stripe }).map((v) => `clean run: ${v}`));
          return fingerprint(db);
        });
        failures.push(...(scenario.checkClean?.(fp) ?? []));
        clean = { template, fingerprint: fp, steps, failures };
      } finally {
        await session.close();
      }
      this.cleans.set(name, clean);
      const said = steps.map((c, i) => `${scenario!.steps[i]!.name} ${c.ms} ms (work ${c.work.firstMs}-${c.work.lastMs} ms), progress ${c.start} -> ${c.total}, ${c.lines} progress lines`);
      this.log(`[crash] ${name}: clean run: ${said.join('; ')}${failures.length ? `, FAILED: ${failures.join('; ')}` : ''}`);
    }
    return { scenario, clean };
  }

  /** One iteration: copy, for each step kill 0-3 times and finish, check. */
  async iteration(seed: number): Promise<IterationResult> {
    const t0 = performance.now();
    const name = this.scenarioFor(seed);
    const { scenario, clean } = await this.clean(name);
    const rng = prng(seed);
    const dir = copyWorkspace(clean.template);
    const kills: KillRecord[] = [];
    const violations: string[] = [...clean.failures];
    const notes: string[] = [];
    const session = await scenario.session(dir);
    try {
      for (const [i, step] of scenario.steps.entries()) {
        const c = clean.steps[i]!;
        const where = scenario.steps.length > 1 ? `${name}:${step.name}` : name;
        const planned = rng.int(0, scenario.steps.length > 1 ? 1 : 3);
        for (let k = 0; k < planned; k++) {
          const before = progressOf(dir, step.progressSql);
          const trigger = drawTrigger(rng, step, c, before);
          const run = await runKillable({ dataDir: dir, args: step.args, env: session.env, proxy: session.proxy, trigger });
          if (!run.killed && run.code !== 0) violations.push(`${step.name} run ${k + 1} (not killed) ${describeRun(run)}`);
          const progress = progressOf(dir, step.progressSql);
          const later = run.killed ? session.afterKill?.(rng) : null;
          kills.push({ where, trigger: `${describeTrigger(trigger)}${later ? `, then ${later}` : ''}`, landing: landing(run.killed, before, progress, c), progress: `${progress - c.start}/${c.total - c.start}` });
        }
        const last = await runKillable({ dataDir: dir, args: step.args, env: session.env, watchSql: planned === 0 ? step.progressSql : undefined });
        if (last.code !== 0) violations.push(`final ${step.name} run ${describeRun(last)}`);
        // an uninterrupted full run: recalibrate the delays (the machine's load and the tsx cache change)
        if (planned === 0 && last.code === 0 && last.work) Object.assign(c, { ms: last.elapsedMs, work: last.work });
      }
      withLedger(dir, (db) => {
        violations.push(...checkLedger(db, { stripe: session.stripe, keysExpired: session.keysExpired?.() ?? false, notes }));
        violations.push(...compareFingerprints(fingerprint(db), clean.fingerprint));
      });
    } finally {
      await session.close();
    }
    if (violations.length === 0) fs.rmSync(dir, { recursive: true, force: true });
    else violations.push(`(workspace kept: ${dir})`);
    const result = { seed, scenario: name, kills, violations, notes, ms: Math.round(performance.now() - t0) };
    this.log(
      `[crash] seed ${seed} ${name}: ${kills.length} kill(s)${kills.map((k) => `\n          ${k.where === name ? '' : `${k.where}: `}${k.trigger} -> ${k.landing} (${k.progress})`).join('')}\n          ${notes.map((n) => `note: ${n}\n          `).join('')}${violations.length === 0 ? 'ok' : `FAILED:\n            ${violations.join('\n            ')}`} (${result.ms} ms)`,
    );
    return result;
  }

  /** Runs `iterations` iterations with seeds seed, seed+1, ... */
  async run(options: { iterations: number; seed: number }): Promise<CampaignSummary> {
    const t0 = performance.now();
    const iterations: IterationResult[] = [];
    for (let i = 0; i < options.iterations; i++) iterations.push(await this.iteration(options.seed + i));
    return summarize(iterations, Math.round(performance.now() - t0));
  }

  async close(): Promise<void> {
    for (const s of this.scenarios.values()) await s.teardown();
    for (const d of this.scratch.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
}

const LANDINGS: Landing[] = ['missed', 'before any commit', 'early', 'middle', 'late', 'all committed'];

export function summarize(iterations: IterationResult[], ms: number): CampaignSummary {
  const landings: CampaignSummary['landings'] = {};
  for (const it of iterations) {
    for (const k of it.kills) {
      landings[k.where] ??= Object.fromEntries(LANDINGS.map((l) => [l, 0])) as Record<Landing, number>;
      landings[k.where]![k.landing] += 1;
    }
  }
  return { iterations, kills: iterations.reduce((n, it) => n + it.kills.filter((k) => k.landing !== 'missed').length, 0), landings, ms };
}

export function formatSummary(s: CampaignSummary): string {
  const failed = s.iterations.filter((it) => it.violations.length > 0);
  const rows = Object.entries(s.landings).map(([name, l]) => `  ${name.padEnd(14)} ${LANDINGS.map((k) => `${k} ${l[k]}`).join(', ')}`);
  return [
    `Crash campaign: ${s.iterations.length} iterations, ${s.kills} SIGKILLs landed, ${failed.length} failed, ${(s.ms / 1000).toFixed(1)} s`,
    ...rows,
    ...s.iterations.flatMap((it) => it.notes.map((n) => `  note, seed ${it.seed} (${it.scenario}): ${n}`)),
    ...failed.map((it) => `  FAILED seed ${it.seed} (${it.scenario}): ${it.violations[0]}`),
  ].join('\n');
}
