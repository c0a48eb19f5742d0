// Runs in main. pdf-lib documents set up for reproducible, fast output: no metadata stamped from the clock
// (the renderer sets every field itself), and streams deflated by Node's zlib instead of pako (several times
// faster): whatever pdf-lib compresses through `context.flateStream` (font files, ToUnicode maps, PNG pixels),
// and, just before saving, the page content streams.
import zlib from 'node:zlib';
import { PDFContentStream, PDFContext, PDFDocument, PDFName, PDFRawStream, typedArrayFor } from 'pdf-lib';

function useZlib(context: PDFContext): PDFContext {
  context.flateStream = (contents, dict = {}) => context.stream(zlib.deflateSync(typedArrayFor(contents)), { ...dict, Filter: 'FlateDecode' });
  return context;
}

export async function createDocument(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  useZlib(doc.context);
  return doc;
}

/** A bare context for objects built once and copied into many documents (see images.ts). */
export function createScratchContext(): PDFContext {
  return useZlib(PDFContext.create());
}

/** Deflates every page content stream now (pdf-lib would use pako while saving). Call after the last drawing. */
export function compressContentStreams(doc: PDFDocument): void {
  const context = doc.context;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    const dict = object.dict.clone(context);
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    context.assign(ref, PDFRawStream.of(dict, zlib.deflateSync(object.getUnencodedContents())));
  }
}
