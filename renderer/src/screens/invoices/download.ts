// Runs in the renderer. Files that come back from commands as base64 (PDFs, exports) turned into Blobs
// and object URLs, and images read from disk turned into base64 (the logo).

/** Base64 -> bytes (no size limit beyond memory; atob handles the alphabet check). */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function base64ToBlob(b64: string, mime: string): Blob {
  return new Blob([base64ToBytes(b64)], { type: mime });
}

/** "data:image/png;base64,AAAA" -> { mime: "image/png", base64: "AAAA" }; null for anything else. */
export function dataUrlParts(dataUrl: string): { mime: string; base64: string } | null {
  const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/i.exec(dataUrl);
  return m ? { mime: m[1]!.toLowerCase(), base64: m[2]! } : null;
}

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const LOGO_MAX_BYTES = 1024 * 1024;

/** Why a chosen file cannot be the logo, or null. */
export function logoProblem(file: { type: string; size: number; name: string }): string | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return `“${file.name}” is not a PNG or JPEG image.`;
  if (file.size > LOGO_MAX_BYTES) return `“${file.name}” is larger than 1 MB: save a smaller image.`;
  return null;
}

/** Reads a file as base64 (without the data: prefix). */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => {
      const parts = typeof reader.result === 'string' ? dataUrlParts(reader.result) : null;
      if (parts) resolve(parts.base64);
      else reject(new Error('The file could not be read.'));
    };
    reader.readAsDataURL(file);
  });
}

/** Saves a Blob under `fileName` through a temporary a[download]; the URL is revoked once the click is handled. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
