// Runs in main. Text on a PDF page: styles, word wrapping and aligned drawing, in points.
import { rgb, type PDFPage, type RGB } from 'pdf-lib';
import type { DocFont } from './fonts';

export interface TextStyle {
  font: DocFont;
  size: number;
  color: RGB;
  /** baseline-to-baseline distance */
  leading: number;
}

export type Align = 'left' | 'right' | 'center';

/** "#1f6feb" -> RGB; anything else -> the fallback. */
export function hexColor(hex: string, fallback: RGB): RGB {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? rgb(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255) : fallback;
}

/** `color` mixed with white: tint(c, 0.9) is a pale background of c. */
export function tint(color: RGB, towardsWhite: number): RGB {
  const mix = (v: number) => v + (1 - v) * towardsWhite;
  return rgb(mix(color.red), mix(color.green), mix(color.blue));
}

/** Relative luminance (sRGB, WCAG): below ~0.5 white text reads better on it. */
export function luminance(c: RGB): number {
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(c.red) + 0.7152 * lin(c.green) + 0.0722 * lin(c.blue);
}

/**
 * Breaks text into lines no wider than `maxWidth`: at spaces, at explicit newlines (kept, blank lines too),
 * and inside a word only when the word alone is too wide (URLs, IBANs).
 */
export function wrap(text: string, style: TextStyle, maxWidth: number): string[] {
  const { font, size } = style;
  const fits = (s: string) => font.width(s, size) <= maxWidth;
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = font.printable(paragraph).split(' ').filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      if (fits(word)) {
        line = word;
        continue;
      }
      for (const ch of word) {
        if (line && !fits(line + ch)) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Draws one line of already wrapped (printable) text with its baseline at y, aligned on x. */
export function drawLine(page: PDFPage, text: string, x: number, y: number, style: TextStyle, align: Align = 'left'): void {
  if (!text) return;
  const w = align === 'left' ? 0 : style.font.width(text, style.size);
  const left = align === 'left' ? x : align === 'right' ? x - w : x - w / 2;
  page.drawText(text, { x: left, y, size: style.size, font: style.font.pdf, color: style.color });
}

/** Draws wrapped lines from baseline y down; returns the baseline after the last line. */
export function drawLines(page: PDFPage, lines: string[], x: number, y: number, style: TextStyle, align: Align = 'left'): number {
  for (const line of lines) {
    drawLine(page, line, x, y, style, align);
    y -= style.leading;
  }
  return y;
}

/** One line of text cleaned for the font (no wrapping): labels, numbers, dates. */
export function single(text: string, style: TextStyle): string {
  return style.font.printable(text.replace(/[\r\n\t]+/g, ' '));
}
