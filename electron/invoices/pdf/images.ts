// Runs in main. The agency logo as an image XObject. Decoding a PNG and deflating its pixels costs more than
// the rest of a one-page invoice, and every invoice of a batch carries the same logo: so each logo (by content
// hash) is embedded once into a scratch context and its finished objects are copied into each document.
import { createHash } from 'node:crypto';
import { JpegEmbedder, PDFImage, PDFObjectCopier, PngEmbedder, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib';
import { createScratchContext } from './document';

export interface LogoInput {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
}

interface Prepared {
  context: PDFContext;
  ref: PDFRef;
  embedder: PngEmbedder | JpegEmbedder;
}

const MAX_CACHED = 8;
const prepared = new Map<string, Prepared>();

async function prepare(logo: LogoInput): Promise<Prepared> {
  const key = `${logo.mime}:${createHash('sha256').update(logo.bytes).digest('hex')}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const embedder = logo.mime === 'image/png' ? await PngEmbedder.for(logo.bytes) : await JpegEmbedder.for(logo.bytes);
  const context = createScratchContext();
  const ref = context.nextRef();
  await embedder.embedIntoContext(context, ref);
  const entry = { context, ref, embedder };
  if (prepared.size >= MAX_CACHED) prepared.delete(prepared.keys().next().value!);
  prepared.set(key, entry);
  return entry;
}

/** Adds the logo (PNG with its alpha channel, or JPEG) to `doc`; draw it with page.drawImage. */
export async function embedLogo(doc: PDFDocument, logo: LogoInput): Promise<PDFImage> {
  const p = await prepare(logo);
  const copy = PDFObjectCopier.for(p.context, doc.context).copy(p.context.lookup(p.ref)!);
  return PDFImage.of(doc.context.register(copy), doc, p.embedder);
}
