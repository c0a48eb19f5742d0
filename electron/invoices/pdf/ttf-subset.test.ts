import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../../resources';
import { TtfSource, TtfSubset } from './ttf-subset';

const bytes = new Uint8Array(fs.readFileSync(resourcePath('fonts', 'DejaVuSans.ttf')));
const font = fontkit.create(bytes);

function sfntChecksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('TtfSubset', () => {
  it('makes a valid font of the glyphs used, composites with their components', async () => {
    const subset = new TtfSubset(new TtfSource(bytes));
    const ids = [...'Zoë Łódź €'].map((ch) => subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!)));
    expect(ids[0]).toBe(1); // 0 is .notdef
    const out = await new Promise<Uint8Array>((resolve, reject) => {
      const parts: Uint8Array[] = [];
      subset.encodeStream().on('data', (d) => parts.push(d as Uint8Array)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
    });
    // the whole file sums to the magic number head.checkSumAdjustment aims at
    expect(sfntChecksum(out)).toBe(0xb1b0afba);
    const parsed = fontkit.create(out);
    expect(parsed.numGlyphs).toBeGreaterThan(new Set(ids).size); // ë, Ł, ó, ź pulled in their components
    // same outlines and advances as the source font
    const source = font.glyphForCodePoint('ë'.codePointAt(0)!);
    const copied = parsed.getGlyph(ids[2]!);
    expect(copied.advanceWidth).toBe(source.advanceWidth);
    expect(copied.path.toSVG()).toBe(source.path.toSVG());
    expect(parsed.getGlyph(ids[ids.length - 1]!).path.toSVG()).toBe(font.glyphForCodePoint(0x20ac).path.toSVG());
  });

  it('gives the same bytes for the same glyphs in the same order', () => {
    const make = () => {
      const s = new TtfSubset(new TtfSource(bytes));
      for (const ch of 'Invoice ¥ ₹') s.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!));
      return Buffer.from(s.encode());
    };
    expect(make().equals(make())).toBe(true);
  });
});
