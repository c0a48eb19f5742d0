// Runs in main. A TrueType subsetter for embedding: the glyphs a document uses (plus the components of
// composite glyphs), copied byte for byte out of the parsed font into a new font file with the tables a PDF
// reader needs (head, hhea, maxp, hmtx, loca, glyf and the hinting programs cvt/fpgm/prep). The same glyphs
// in the same order always give the same bytes.
//
// fontkit's own subsetter does the same through its generic table encoders, at ~5 ms per font and a timer
// tick; this one reads the source tables once per process and then only slices and concatenates (~0.1 ms).

const HINTING_TABLES = ['cvt ', 'fpgm', 'prep'] as const;

/** Composite glyph flags (OpenType spec, 'glyf' table). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** A TrueType (glyf-outline) font, its tables located and its glyph offsets and metrics read once. */
export class TtfSource {
  private readonly tables = new Map<string, Uint8Array>();
  private readonly glyphOffsets: Uint32Array;
  private readonly advances: Uint16Array;
  private readonly bearings: Int16Array;
  readonly numGlyphs: number;

  constructor(private readonly bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sfnt = view.getUint32(0);
    if (sfnt !== 0x00010000 && sfnt !== 0x74727565) throw new Error('Not a TrueType font (glyf outlines expected).');
    const count = view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      this.tables.set(tag, bytes.subarray(view.getUint32(rec + 8), view.getUint32(rec + 8) + view.getUint32(rec + 12)));
    }
    for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) if (!this.tables.has(tag)) throw new Error(`The font has no '${tag}' table.`);
    const t = (tag: string) => {
      const b = this.tables.get(tag)!;
      return new DataView(b.buffer, b.byteOffset, b.byteLength);
    };
    this.numGlyphs = t('maxp').getUint16(4);
    const longLoca = t('head').getInt16(50) === 1;
    const loca = t('loca');
    this.glyphOffsets = new Uint32Array(this.numGlyphs + 1);
    for (let i = 0; i <= this.numGlyphs; i++) this.glyphOffsets[i] = longLoca ? loca.getUint32(i * 4) : loca.getUint16(i * 2) * 2;
    const metrics = t('hhea').getUint16(34);
    const hmtx = t('hmtx');
    this.advances = new Uint16Array(this.numGlyphs);
    this.bearings = new Int16Array(this.numGlyphs);
    for (let i = 0; i < this.numGlyphs; i++) {
      const m = Math.min(i, metrics - 1);
      this.advances[i] = hmtx.getUint16(m * 4);
      this.bearings[i] = i < metrics ? hmtx.getInt16(i * 4 + 2) : hmtx.getInt16(metrics * 4 + (i - metrics) * 2);
    }
  }

  table(tag: string): Uint8Array | undefined {
    return this.tables.get(tag);
  }

  glyph(id: number): Uint8Array {
    const glyf = this.tables.get('glyf')!;
    return glyf.subarray(this.glyphOffsets[id]!, this.glyphOffsets[id + 1]!);
  }

  metrics(id: number): { advance: number; bearing: number } {
    return { advance: this.advances[id]!, bearing: this.bearings[id]! };
  }
}

/** The part of a Node stream pdf-lib listens to while serializing a font subset. */
export interface SubsetStream {
  on(event: 'data' | 'end' | 'error', fn: (arg?: unknown) => void): SubsetStream;
}

/**
 * The subset pdf-lib fills while drawing: `includeGlyph` hands out new glyph ids in order of first use
 * (0 is .notdef), `encodeStream` produces the font file. Shaped like fontkit's Subset, which pdf-lib expects.
 */
export class TtfSubset {
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();
  /** pdf-lib asks whether the subset is CFF (it is not) */
  readonly cff = undefined;

  constructor(private readonly source: TtfSource) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let sub = this.mapping.get(id);
    if (sub === undefined) {
      sub = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, sub);
    }
    return sub;
  }

  /** fontkit's stream interface, minimally: 'data' once with the whole file, then 'end' (on a microtask). */
  encodeStream(): SubsetStream {
    const handlers: Record<string, Array<(arg?: unknown) => void>> = { data: [], end: [], error: [] };
    const stream: SubsetStream = {
      on(event, fn) {
        handlers[event]!.push(fn);
        return stream;
      },
    };
    queueMicrotask(() => {
      let bytes: Uint8Array;
      try {
        bytes = this.encode();
      } catch (err) {
        for (const fn of handlers.error!) fn(err);
        return;
      }
      for (const fn of handlers.data!) fn(bytes);
      for (const fn of handlers.end!) fn();
    });
    return stream;
  }

  encode(): Uint8Array {
    const src = this.source;
    // glyph data in subset order; composites get their component ids rewritten (components join the subset)
    const glyphData: Uint8Array[] = [];
    for (let i = 0; i < this.glyphs.length; i++) {
      let data = src.glyph(this.glyphs[i]!);
      if (data.length >= 10 && new DataView(data.buffer, data.byteOffset, data.byteLength).getInt16(0) < 0) {
        data = data.slice();
        const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
        let pos = 10;
        for (;;) {
          const flags = view.getUint16(pos);
          view.setUint16(pos + 2, this.includeGlyph(view.getUint16(pos + 2)));
          pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) pos += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
          if (!(flags & MORE_COMPONENTS)) break;
        }
      }
      glyphData.push(data);
    }
    const n = this.glyphs.length;

    let glyfLength = 0;
    for (const g of glyphData) glyfLength += (g.length + 3) & ~3;
    const glyf = new Uint8Array(glyfLength);
    const loca = new Uint8Array((n + 1) * 4);
    const locaView = new DataView(loca.buffer);
    const hmtx = new Uint8Array(n * 4);
    const hmtxView = new DataView(hmtx.buffer);
    let offset = 0;
    glyphData.forEach((g, i) => {
      locaView.setUint32(i * 4, offset);
      glyf.set(g, offset);
      offset += (g.length + 3) & ~3;
      const m = src.metrics(this.glyphs[i]!);
      hmtxView.setUint16(i * 4, m.advance);
      hmtxView.setInt16(i * 4 + 2, m.bearing);
    });
    locaView.setUint32(n * 4, offset);

    const head = src.table('head')!.slice();
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // long loca offsets
    const hhea = src.table('hhea')!.slice();
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = src.table('maxp')!.slice();
    new DataView(maxp.buffer).setUint16(4, n);

    const tables: Array<[string, Uint8Array]> = [
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
    ];
    for (const tag of HINTING_TABLES) {
      const t = src.table(tag);
      if (t) tables.push([tag, t]);
    }
    tables.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const font = writeSfnt(tables);
    // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA
    const headAt = tableOffset(font, 'head');
    new DataView(font.buffer).setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0);
    return font;
  }
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const whole = bytes.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (bytes[i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

function writeSfnt(tables: Array<[string, Uint8Array]>): Uint8Array {
  const count = tables.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  let size = 12 + count * 16;
  for (const [, data] of tables) size += (data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * 16 - searchRange);
  let offset = 12 + count * 16;
  tables.forEach(([tag, data], i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    view.setUint32(rec + 4, checksum(data));
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, data.length);
    out.set(data, offset);
    offset += (data.length + 3) & ~3;
  });
  return out;
}

function tableOffset(font: Uint8Array, tag: string): number {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    if (String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!) === tag) return view.getUint32(rec + 8);
  }
  throw new Error(`No '${tag}' table.`);
}
