// Runs in main. The document fonts (DejaVu Sans, regular and bold, from resources/fonts): read and parsed once
// per process, embedded as subsets into each PDF.
//
// Why not plain `doc.embedFont(bytes, { subset: true })` with fontkit: that parses the font again for every
// document, shapes every string with the font's GSUB/GPOS tables (~25 ms to load them, ~0.2 ms a string,
// and pdf-lib then ignores the glyph positions anyway) and subsets through fontkit's table encoders (~5 ms a
// font plus a timer tick). Here one parsed font is shared, and pdf-lib is handed a view of it whose `layout`
// maps characters straight through the cmap (the same glyphs minus ligatures, which also keeps "fi"
// extractable as two letters) and whose `createSubset` is the byte-copying subsetter of ttf-subset.ts.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { resourcePath } from '../../resources';
import { TtfSource, TtfSubset } from './ttf-subset';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FkFont = ReturnType<typeof fontkit.create>;
type FkGlyph = ReturnType<FkFont['glyphForCodePoint']>;

export type FaceName = 'regular' | 'bold';

const FILES: Record<FaceName, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };
/** Subset tags are fixed (not random) so the same invoice gives the same bytes. */
const SUBSET_NAMES: Record<FaceName, string> = { regular: 'MBOOKA+DejaVuSans', bold: 'MBOOKB+DejaVuSans-Bold' };

/** One parsed font: the file bytes (the key pdf-lib hands back to `create`), the cmap-only view, a glyph cache. */
class Face {
  private readonly glyphs = new Map<number, FkGlyph>();
  /** what pdf-lib sees: the real font with a cmap-only `layout` */
  readonly view: FkFont;

  constructor(
    readonly name: FaceName,
    readonly bytes: Uint8Array,
    private readonly font: FkFont,
  ) {
    // Create every mapped glyph through the cmap first, so each carries its code point (pdf-lib builds the
    // ToUnicode map from glyph.codePoints). Otherwise a glyph first met as a component of an accented letter
    // while subsetting is cached without one, and a later document could not extract that letter as text.
    for (const cp of font.characterSet) this.glyphs.set(cp, font.glyphForCodePoint(cp));
    const layout = (text: string) => ({ glyphs: Array.from(text, (ch) => this.glyph(ch.codePointAt(0)!)) });
    const source = new TtfSource(bytes);
    const createSubset = () => new TtfSubset(source);
    this.view = new Proxy(font, {
      get(target, prop) {
        if (prop === 'layout') return layout;
        if (prop === 'createSubset') return createSubset;
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private glyph(cp: number): FkGlyph {
    return this.glyphs.get(cp) ?? this.glyphs.get(0x3f)!; // '?': callers clean text with `printable` first
  }

  has(cp: number): boolean {
    return this.glyphs.has(cp);
  }

  /** Advance of the text in 1/1000 em: what pdf-lib writes in the widths array, so exact for alignment. */
  width(text: string): number {
    let w = 0;
    for (const ch of text) w += this.glyph(ch.codePointAt(0)!).advanceWidth;
    return (w * 1000) / this.font.unitsPerEm;
  }
}

const faces = new Map<FaceName, Face>();

function face(name: FaceName): Face {
  let f = faces.get(name);
  if (!f) {
    const bytes = new Uint8Array(fs.readFileSync(resourcePath('fonts', FILES[name])));
    f = new Face(name, bytes, fontkit.create(bytes));
    faces.set(name, f);
  }
  return f;
}

/** The fontkit pdf-lib is given: `create` returns the already parsed font for bytes this module read. */
const sharedFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    for (const f of faces.values()) if (f.bytes === bytes) return f.view as unknown as ReturnType<Fontkit['create']>;
    throw new Error('Only the bundled invoice fonts can be embedded through this fontkit.');
  },
};

/** A font embedded in one document, with the measuring and cleaning the layout needs. */
export interface DocFont {
  readonly pdf: PDFFont;
  /** width of `text` at `size` points */
  width(text: string, size: number): number;
  /** `text` made drawable: NFC, control characters out, characters the font lacks by their compatibility form or "?" */
  printable(text: string): string;
}

const printableCache = new Map<string, string>();

function makePrintable(f: Face, text: string): string {
  const key = `${f.name}\u0000${text}`;
  let out = printableCache.get(key);
  if (out !== undefined) return out;
  out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x09) out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else if (f.has(cp)) out += ch;
    else {
      const compat = ch.normalize('NFKC');
      out += compat !== ch && Array.from(compat).every((c) => f.has(c.codePointAt(0)!)) ? compat : '?';
    }
  }
  if (printableCache.size > 20_000) printableCache.clear();
  printableCache.set(key, out);
  return out;
}

/** Embeds the regular and bold faces into `doc` as subsets (only the glyphs used end up in the file). */
export async function embedFonts(doc: PDFDocument): Promise<Record<FaceName, DocFont>> {
  doc.registerFontkit(sharedFontkit);
  const embed = async (name: FaceName): Promise<DocFont> => {
    const f = face(name);
    const pdf = await doc.embedFont(f.bytes, { subset: true, customName: SUBSET_NAMES[name] });
    return { pdf, width: (text, size) => (f.width(text) * size) / 1000, printable: (text) => makePrintable(f, text) };
  };
  return { regular: await embed('regular'), bold: await embed('bold') };
}
