// Bad-input campaign, part 1: every contract command's input. Each command gets its own copy of a seeded workspace
// (the demo agency plus one of everything), then fast-check throws malformed variants of a valid sample at the real
// dispatcher: arbitrary values and JSON, wrong types per field, removed fields, unknown fields, NaN/Infinity-ish
// money, impossible dates, huge strings, ids that do not exist. For every call:
//   - the dispatcher answers (never throws) with { ok: false, error: { code, message } } or a contract-valid ok;
//   - a refusal is never `internal`, and its message is one a user can act on (no stack, no SQLite, no [object Object]);
//   - a refused call leaves the database byte for byte as it was (sqlite3_serialize: main file and WAL content);
//   - non-objects and unknown top-level fields are always refused (inputs are strict).
// What an accepted input writes is not checked here (that is each service's own tests' job).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../shared/contract/commands';
import { COMMAND_NAMES } from '../../../shared/contract/names';
import { ERROR_CODES } from '../../../shared/contract/result';
import { badInputs, messageProblem, type BadInput } from './bad-values';
import { COMMAND_SAMPLES } from './command-samples';
import { fuzzParams, fuzzTimeout } from './fuzz-params';
import { buildTemplate, openWorld, type Template } from './world';

const CI_RUNS = 20;

let template: Template;
beforeAll(async () => {
  template = await buildTemplate();
}, 60_000);
afterAll(async () => {
  await template?.dispose();
});

const show = (v: unknown): string => {
  let s: string;
  try {
    s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
};

/** The value at a dotted field path of the input ("address.country"), undefined when absent. */
function fieldValue(input: unknown, field: string): unknown {
  let v = input;
  for (const k of field.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

describe('every contract command has a valid sample', () => {
  it('the sample table covers exactly the contract (a new command needs a sample here)', () => {
    expect(Object.keys(COMMAND_SAMPLES).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('each sample passes its command schema, so one-field mutations test that field', async () => {
    for (const name of COMMAND_NAMES) {
      const parsed = commands[name].input.safeParse(COMMAND_SAMPLES[name]!(template.ids));
      expect(parsed.success ? null : { name, issues: parsed.error.issues.slice(0, 3) }).toBeNull();
    }
  });
});

describe.each([...COMMAND_NAMES])('%s refuses bad input cleanly', (name) => {
  it(
    'no crash, a human message, the database unchanged',
    async () => {
      const world = await openWorld(template);
      try {
        const sample = COMMAND_SAMPLES[name]!(world.ids);
        let current: Buffer | null = null;
        await fc.assert(
          fc.asyncProperty(badInputs(sample), async (bad: BadInput) => {
            // one serialization per call: `before` is the state after the previous call (or the initial copy)
            const before = current ?? world.snapshot();
            current = null;
            let result: Awaited<ReturnType<typeof world.ctx.dispatch>>;
            try {
              result = await world.ctx.dispatch(name, bad.input);
            } catch (err) {
              throw new Error(`${name} threw on ${bad.how}: ${err instanceof Error ? err.stack : String(err)}\ninput: ${show(bad.input)}`, { cause: err });
            }
            await world.settle();
            if (result.ok) {
              if (bad.mustRefuse) throw new Error(`${name} accepted ${bad.how}: ${show(bad.input)}`);
              return;
            }
            const { code, message } = result.error;
            const context = `${name} (${bad.how}) answered ${show(result.error)}\ninput: ${show(bad.input)}`;
            if (!(ERROR_CODES as readonly string[]).includes(code) || code === 'internal' || code === 'unknown_command') throw new Error(`bad code: ${context}`);
            const field = result.error.field;
            if (field !== undefined && message === `${field} is required.` && fieldValue(bad.input, field) !== undefined) {
              throw new Error(`says the field is missing though it was given: ${context}`);
            }
            const problem = messageProblem(message);
            if (problem !== null) throw new Error(`${problem}: ${context}`);
            const after = world.snapshot();
            if (!after.equals(before)) throw new Error(`refused, but the database changed: ${context}`);
            current = after;
          }),
          fuzzParams(CI_RUNS),
        );
      } finally {
        await world.dispose();
      }
    },
    fuzzTimeout(30_000, 200),
  );
});
