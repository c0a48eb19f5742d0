// Runs anywhere. The small JSON-path subset the generic REST connector is configured with:
//   data.items   $.data.items   calls[0].id   $.calls[*]   items[*].cost.amount   meta["next-cursor"]
// i.e. an optional "$" root, dot-separated names, [n] indexes, [*] wildcards over arrays (and object values),
// and ["quoted names"] for keys with dots or dashes. Matches carry their holder and key so money can be read
// from the JSON source text (json-text.ts).

export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface PathMatch {
  value: unknown;
  /** the object or array holding the value; undefined for the root */
  holder: unknown;
  key: string | number | undefined;
}

export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

export class JsonPath {
  private constructor(
    readonly text: string,
    readonly segments: readonly PathSegment[],
  ) {}

  /** Parses a path; throws JsonPathError with a message naming the problem and its position. */
  static parse(text: string): JsonPath {
    const src = text.trim();
    const segments: PathSegment[] = [];
    let i = 0;
    const fail = (what: string): never => {
      throw new JsonPathError(`The path "${text}" is not valid: ${what} at character ${i + 1}. Use names separated by dots, [0] for an index, [*] for every item.`);
    };
    if (src.startsWith('$')) i = 1;
    let expectName = i === 0; // a leading name needs no dot
    while (i < src.length) {
      const ch = src[i]!;
      if (ch === '.') {
        i++;
        if (i >= src.length || src[i] === '.' || src[i] === '[') fail('a name is missing after "."');
        expectName = true;
        continue;
      }
      if (ch === '[') {
        const close = src.indexOf(']', i);
        if (close < 0) fail('"[" is not closed');
        const inner = src.slice(i + 1, close).trim();
        if (inner === '*') segments.push({ kind: 'wildcard' });
        else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
        else if (/^"[^"]*"$/.test(inner) || /^'[^']*'$/.test(inner)) segments.push({ kind: 'key', key: inner.slice(1, -1) });
        else fail(`"[${inner}]" is neither an index, [*] nor a quoted name`);
        i = close + 1;
        expectName = false;
        continue;
      }
      if (!expectName) fail(`"." or "[" expected before "${ch}"`);
      let j = i;
      while (j < src.length && src[j] !== '.' && src[j] !== '[') j++;
      const name = src.slice(i, j);
      if (name === '*') segments.push({ kind: 'wildcard' });
      else if (/\s/.test(name)) fail(`the name "${name}" has spaces (quote it: ["${name}"])`);
      else segments.push({ kind: 'key', key: name });
      i = j;
      expectName = false;
    }
    return new JsonPath(text, segments);
  }

  get hasWildcard(): boolean {
    return this.segments.some((s) => s.kind === 'wildcard');
  }

  select(root: unknown): PathMatch[] {
    let current: PathMatch[] = [{ value: root, holder: undefined, key: undefined }];
    for (const seg of this.segments) current = current.flatMap((m) => step(m.value, seg));
    return current;
  }

  first(root: unknown): PathMatch | undefined {
    return this.select(root)[0];
  }

  /** Why the path matches nothing in root, in words a user can act on. */
  explainMiss(root: unknown): string {
    let current: unknown[] = [root];
    let walked = '$';
    for (const seg of this.segments) {
      const next = current.flatMap((v) => step(v, seg).map((m) => m.value));
      if (next.length === 0) {
        const sample = current[0];
        const at = walked === '$' ? 'the top level' : `"${walked.replace(/^\$\.?/, '')}"`;
        if (seg.kind === 'key') {
          if (isObject(sample)) return `there is no "${seg.key}" in ${at} (it has: ${describeKeys(sample)})`;
          return `${at} is ${kindOf(sample)}, so it has no "${seg.key}"`;
        }
        if (seg.kind === 'index') {
          if (Array.isArray(sample)) return `${at} has ${sample.length} item${sample.length === 1 ? '' : 's'}, so there is no [${seg.index}]`;
          return `${at} is ${kindOf(sample)}, not a list`;
        }
        return `${at} is ${kindOf(sample)}, not a list or an object with items`;
      }
      walked += seg.kind === 'key' ? `.${seg.key}` : seg.kind === 'index' ? `[${seg.index}]` : '[*]';
      current = next;
    }
    return 'it matches only missing values';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function step(value: unknown, seg: PathSegment): PathMatch[] {
  if (seg.kind === 'key') {
    return isObject(value) && Object.hasOwn(value, seg.key) && value[seg.key] !== undefined ? [{ value: value[seg.key], holder: value, key: seg.key }] : [];
  }
  if (seg.kind === 'index') {
    return Array.isArray(value) && seg.index < value.length ? [{ value: value[seg.index], holder: value, key: seg.index }] : [];
  }
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, holder: value, key: i }));
  if (isObject(value)) return Object.entries(value).map(([k, v]) => ({ value: v, holder: value, key: k }));
  return [];
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40)})`;
}

function describeKeys(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return 'nothing';
  return keys.length > 12 ? `${keys.slice(0, 12).join(', ')}, …` : keys.join(', ');
}
