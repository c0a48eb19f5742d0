// Runs in tests. The real PDF tools (qpdf, poppler-utils) over a PDF written to a temp folder.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PdfFile {
  path: string;
  /** `qpdf --check` output; throws when qpdf reports errors or warnings */
  check(): string;
  pages(): number;
  /** pdfinfo's "Key: value" lines */
  info(): Record<string, string>;
  /**
   * pdftotext (-layout unless raw) of the whole document or one page. No-break spaces come out as they went in;
   * `spaces` turns them into plain spaces, as on paper.
   */
  text(o?: { page?: number; raw?: boolean }): string;
  /** pdfimages -list rows: [type, width, height, color, enc] */
  images(): string[][];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-pdf-'));
let seq = 0;

export function pdfFile(bytes: Uint8Array, name = `doc-${++seq}`): PdfFile {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return {
    path: file,
    check() {
      const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`qpdf --check ${file} exited ${r.status}:\n${r.stdout}${r.stderr}`);
      return r.stdout;
    },
    pages() {
      return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
    },
    info() {
      const out: Record<string, string> = {};
      for (const line of run('pdfinfo', [file]).split('\n')) {
        const m = /^([A-Za-z ]+):\s+(.*)$/.exec(line);
        if (m) out[m[1]!] = m[2]!;
      }
      return out;
    },
    text(o = {}) {
      const args = [o.raw ? '-raw' : '-layout'];
      if (o.page) args.push('-f', String(o.page), '-l', String(o.page));
      return run('pdftotext', [...args, file, '-']);
    },
    images() {
      return run('pdfimages', ['-list', file])
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => {
          const c = l.trim().split(/\s+/);
          return [c[2]!, c[3]!, c[4]!, c[5]!, c[8]!];
        });
    },
  };
}

/** Removes the temp folder (afterAll). */
export function removePdfFiles(): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** No-break, narrow no-break and thin spaces (Intl puts them in amounts and ranges) as plain spaces. */
export const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');

/** Whitespace runs collapsed: for text that wraps across lines. */
export const flat = (s: string) => plainSpaces(s).replace(/\s+/g, ' ');
