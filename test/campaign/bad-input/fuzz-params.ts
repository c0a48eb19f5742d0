// Test helper (Node only). How many fast-check runs the bad-input campaign makes, and with which seed.
//   CI:        the default counts below (bounded so the whole campaign stays well under two minutes), seed CI_SEED
//   on demand: FUZZ_RUNS=2000 FUZZ_SEED=1234 npm run campaign:fuzz
// FUZZ_RUNS replaces every property's default count; FUZZ_SEED fixes the seed (a failure prints the seed, the
// shrunk counter-example and the path, so `FUZZ_SEED=<seed>` replays it).
import fc from 'fast-check';

const envInt = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be a whole number (got "${raw}").`);
  return n;
};

export const FUZZ_RUNS = envInt('FUZZ_RUNS');
/** true when someone asked for a longer run: tests lift their own time limits */
export const LONG_RUN = FUZZ_RUNS !== undefined;
/**
 * CI's bounded run uses a fixed seed, so a commit's CI is reproducible and a landing is not decided by which
 * random inputs a run happened to draw; long runs (FUZZ_RUNS set) draw a new seed each time to explore further.
 */
export const CI_SEED = 20261122;
export const FUZZ_SEED = envInt('FUZZ_SEED') ?? (LONG_RUN ? undefined : CI_SEED);

/** Parameters for fc.assert: `ciRuns` unless FUZZ_RUNS says otherwise; the seed from FUZZ_SEED when given. */
export function fuzzParams<T>(ciRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  return {
    numRuns: FUZZ_RUNS ?? ciRuns,
    ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}),
    // the report fast-check throws carries the seed, the path and the shrunk counter-example
    verbose: 1,
    endOnFailure: false,
    ...extra,
  };
}

/** A vitest timeout that grows with FUZZ_RUNS (ms per run), so long runs are not cut off. */
export function fuzzTimeout(ciMs: number, msPerRun: number): number {
  return FUZZ_RUNS === undefined ? ciMs : Math.max(ciMs, FUZZ_RUNS * msPerRun + 60_000);
}
