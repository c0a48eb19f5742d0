import { describe, expect, it } from 'vitest';
import { JsonPath, JsonPathError } from './json-path';

const doc = { data: { items: [{ id: 'a', cost: { amount: 1 } }, { id: 'b', cost: { amount: 2 } }], total: 2 }, meta: { 'next-cursor': 'c2' }, calls: [] };

describe('JSON path subset', () => {
  it.each([
    ['data.items[0].id', ['a']],
    ['$.data.items[1].id', ['b']],
    ['$.data.items[*].cost.amount', [1, 2]],
    ['data.items[*].id', ['a', 'b']],
    ['data.total', [2]],
    ['meta["next-cursor"]', ['c2']],
    ["meta['next-cursor']", ['c2']],
    ['$', [doc]],
    ['calls[*]', []],
  ])('%s selects %j', (path, values) => {
    expect(JsonPath.parse(path).select(doc).map((m) => m.value)).toEqual(values);
  });

  it('gives holder and key for each match, so number source text can be looked up', () => {
    const m = JsonPath.parse('data.items[1].cost.amount').first(doc)!;
    expect(m.holder).toBe(doc.data.items[1]!.cost);
    expect(m.key).toBe('amount');
  });

  it.each([
    ['data.itemz', 'there is no "itemz" in "data" (it has: items, total)'],
    ['data.items[5]', '"data.items" has 2 items, so there is no [5]'],
    ['data.total.value', '"data.total" is a number (2), so it has no "value"'],
    ['results', 'there is no "results" in the top level (it has: data, meta, calls)'],
    ['data.total[*]', '"data.total" is a number (2), not a list or an object with items'],
  ])('explains why %s matches nothing', (path, why) => {
    expect(JsonPath.parse(path).explainMiss(doc)).toBe(why);
  });

  it.each(['data..items', 'data.items[', 'data.items[x]', 'data.', 'data items'])('refuses the malformed path %s', (path) => {
    expect(() => JsonPath.parse(path)).toThrow(JsonPathError);
    expect(() => JsonPath.parse(path)).toThrow(/is not valid: .* at character \d+/);
  });
});
