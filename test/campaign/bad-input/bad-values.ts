// Test helper (Node only). fast-check arbitraries for bad input: nasty strings (money that is NaN or Infinity,
// impossible dates, huge text, injection attempts), numbers out of every range, wrong JSON types, and malformed
// variants of a valid sample (one field changed, removed, or an unknown field added).
import fc from 'fast-check';

/** Strings that look like money, dates or ids but are not, or are too big, or are hostile. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  'NaN',
  'Infinity',
  '-Infinity',
  '+Inf',
  '-1',
  '-0',
  '-0.01',
  '1e309',
  '1e-400',
  '1E3',
  '0x10',
  '0b11',
  '1,000.00',
  '1.000,00',
  '1.2.3',
  '.5',
  '5.',
  '٣٤',
  '１２',
  '9'.repeat(400),
  `0.${'1'.repeat(80)}`,
  '99999999999999999999999999999999.99',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '-002026-10-01',
  '2026-10-31T25:00:00Z',
  '2026-10-31T10:00:00+99:00',
  '2026-10-31T10:00:00 Mars/Olympus',
  '2026-1',
  '99999-12',
  '1970-01-01T00:00:00Z',
  '275760-09-13',
  '\u0000',
  '\uD800',
  'a\u0000b',
  '💥'.repeat(20),
  "'; DROP TABLE clients; --",
  '../../../etc/passwd',
  '/dev/zero',
  '/proc/self/mem',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'x'.repeat(100_001),
] as const;

export const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1.5,
  1e-9,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  999_999_999,
] as const;

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.stringMatching(/^-?\d{1,25}(\.\d{1,25})?(e[+-]?\d{1,4})?$/) },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

/** Any value, including ones only structured clone (Electron IPC) can carry: NaN, -0, null prototypes, sparse arrays. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({ maxDepth: 3, maxKeys: 5, withNullPrototype: true, withSparseArray: true });

/** A value of a different JSON type than `v`. */
export function wrongType(v: unknown): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.constant(null), fc.boolean()];
  if (typeof v !== 'string') options.push(nastyString, fc.constant('1'));
  if (typeof v !== 'number') options.push(nastyNumber, fc.constant(1));
  if (!Array.isArray(v)) options.push(fc.array(anyValue, { maxLength: 3 }), fc.constant([]));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) options.push(fc.dictionary(fc.string({ maxLength: 5 }), anyValue, { maxKeys: 3 }), fc.constant({}));
  return fc.oneof(...options);
}

type Path = Array<string | number>;

/** Every path into a sample (objects and arrays, depth-limited), the root excluded. */
export function pathsOf(value: unknown, depth = 4, prefix: Path = []): Path[] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, depth - 1, [...prefix, k])]);
}

export function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);
}

/** A deep copy of `root` with the value at `path` replaced (`remove`: deleted). */
export function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    parent[key] = value;
  }
  return copy;
}

export interface BadInput {
  /** what was done to the sample, for the failure report */
  how: string;
  input: unknown;
  /** the contract must refuse it whatever the data (the input is not an object, or has an unknown top-level field) */
  mustRefuse: boolean;
}

const EXTRA_KEYS = fc.oneof(
  fc.constantFrom('constructor', 'toString', 'hasOwnProperty', '__proto__', 'zz_extra', ' id', 'ID'),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => `zz_${s}`),
);

/** Malformed variants of a valid sample input. */
export function badInputs(sample: Record<string, unknown>): fc.Arbitrary<BadInput> {
  const paths = pathsOf(sample);
  const notAnObject = fc
    .oneof(nastyString, nastyNumber, fc.boolean(), fc.array(anyValue, { maxLength: 3 }), fc.constant([sample]))
    .map((input) => ({ how: 'not an object', input, mustRefuse: true }));
  const garbage = anyValue.map((input) => ({ how: 'arbitrary value', input, mustRefuse: false }));
  const json = fc.jsonValue({ maxDepth: 3 }).map((input) => ({ how: 'arbitrary JSON', input, mustRefuse: false }));
  const extra = fc.tuple(EXTRA_KEYS, anyValue).map(([key, value]) => {
    // JSON.parse makes "__proto__" an own property, as the bridge and the CLI would receive it
    const input = JSON.parse(JSON.stringify({ ...sample, [key]: null })) as Record<string, unknown>;
    Object.defineProperty(input, key, { value, enumerable: true, configurable: true, writable: true });
    return { how: `unknown field ${JSON.stringify(key)}`, input, mustRefuse: true };
  });
  if (paths.length === 0) return fc.oneof(notAnObject, garbage, json, extra);
  const field = fc.constantFrom(...paths).chain((path) => {
    const current = getAt(sample, path);
    const at = path.join('.');
    return fc.oneof(
      wrongType(current).map((v) => ({ how: `${at} of the wrong type`, input: setAt(sample, path, v), mustRefuse: false })),
      nastyString.map((v) => ({ how: `${at} = nasty string`, input: setAt(sample, path, v), mustRefuse: false })),
      nastyNumber.map((v) => ({ how: `${at} = nasty number`, input: setAt(sample, path, v), mustRefuse: false })),
      fc.constant({ how: `${at} removed`, input: setAt(sample, path, undefined, true), mustRefuse: false }),
      fc.constant({ how: `${at} = undefined`, input: setAt(sample, path, undefined), mustRefuse: false }),
      anyValue.map((v) => ({ how: `${at} = arbitrary value`, input: setAt(sample, path, v), mustRefuse: false })),
    );
  });
  return fc.oneof(
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: garbage },
    { weight: 1, arbitrary: json },
    { weight: 1, arbitrary: extra },
    { weight: 6, arbitrary: field },
  );
}

/**
 * Why an error message is not one a user can act on, or null when it is fine: empty, a stack trace, a JS
 * error name, "[object Object]", an SQLite code, or a wall of text (echoing a huge input back).
 */
export function messageProblem(message: unknown): string | null {
  if (typeof message !== 'string') return `the message is ${typeof message}, not text`;
  if (message.trim().length < 3) return 'the message is empty';
  if (message.length > 1_000) return `the message is ${message.length} characters long`;
  if (message.includes('[object Object]')) return 'the message contains [object Object]';
  if (/SQLITE_[A-Z]|SqliteError|sqlite3_/.test(message)) return 'the message leaks an SQLite error';
  if (/\n\s+at\s|\bat .+:\d+:\d+\)/.test(message)) return 'the message contains a stack trace';
  if (/\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|Cannot read propert|is not a function|is not iterable|undefined is not/.test(message)) {
    return 'the message is a JavaScript error';
  }
  return null;
}
