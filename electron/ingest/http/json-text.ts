// Runs in main. JSON parsing that keeps the exact source text of every number, so money read from a
// provider never passes through a binary float ("0.1234567890123456789" stays exactly that).
//
// The parsed tree is plain JSON (numbers are still numbers, so ordinary code can read it); the source
// text of a number is looked up by the object or array that holds it and its key. Node 22 and
// Electron (V8 >= 11.4) hand revivers the source text; elsewhere we fall back to the shortest repr.

export interface ParsedJson {
  value: unknown;
  /** The source text of the number at holder[key], or undefined when holder[key] is not a number. */
  numberText(holder: unknown, key: string | number): string | undefined;
}

interface ReviverContext {
  source?: string;
}

export function parseJsonText(text: string): ParsedJson {
  const sources = new WeakMap<object, Map<string, string>>();
  const value: unknown = JSON.parse(text, function (this: unknown, key: string, v: unknown, context?: ReviverContext) {
    if (typeof v === 'number' && context?.source !== undefined && typeof this === 'object' && this !== null) {
      let keys = sources.get(this);
      if (!keys) {
        keys = new Map();
        sources.set(this, keys);
      }
      keys.set(key, context.source);
    }
    return v;
  } as (key: string, value: unknown) => unknown);
  return {
    value,
    numberText(holder, key) {
      if (typeof holder !== 'object' || holder === null) return undefined;
      const v = (holder as Record<string, unknown>)[String(key)];
      if (typeof v !== 'number') return undefined;
      return sources.get(holder)?.get(String(key)) ?? String(v);
    },
  };
}
