// Runs under Node (vitest). The demo PRNG: reproducible, independent streams, sane distributions.
import { describe, expect, it } from 'vitest';
import { Rng, hashLabel } from './prng';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('repeats the same sequence for the same seed, and only then', () => {
    expect(draw(new Rng(42), 50)).toEqual(draw(new Rng(42), 50));
    expect(draw(new Rng(42), 50)).not.toEqual(draw(new Rng(43), 50));
    // pinned: a change of algorithm would silently change every demo workspace (mulberry32(42) starts 0.6011037519...)
    expect(draw(new Rng(42), 3)).toEqual([2581720956, 1925393290, 3661312704]);
    expect(hashLabel(42, 'usage/agentclara/harbor')).toBe(3669806836);
    expect(Rng.derive(7, 'ids', 'harbor').base62(10)).toBe('kTpo17n7zC');
  });

  it('derives independent streams per label', () => {
    expect(hashLabel(7, 'usage/agentclara/harbor')).not.toBe(hashLabel(7, 'usage/agentclara/veda'));
    expect(hashLabel(7, 'x')).not.toBe(hashLabel(8, 'x'));
    expect(draw(Rng.derive(7, 'a', 'b'), 10)).toEqual(draw(Rng.derive(7, 'a', 'b'), 10));
    expect(draw(Rng.derive(7, 'a'), 10)).not.toEqual(draw(Rng.derive(7, 'b'), 10));
  });

  it('draws within bounds', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 10_000 }, () => rng.next());
    expect(xs.filter((x) => !(x >= 0 && x < 1))).toEqual([]);
    const ks = new Set(Array.from({ length: 1_000 }, () => rng.int(3, 5)));
    expect([...ks].sort()).toEqual([3, 4, 5]);
  });

  it('has Poisson counts with the right mean, small and large', () => {
    const rng = new Rng(9);
    for (const mean of [0.5, 4, 80]) {
      const n = 20_000;
      let total = 0;
      for (let i = 0; i < n; i++) total += rng.poisson(mean);
      expect(Math.abs(total / n - mean)).toBeLessThan(mean * 0.05 + 0.02);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it('makes ids of the right shape', () => {
    const rng = new Rng(5);
    expect(rng.base62(16)).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(rng.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
