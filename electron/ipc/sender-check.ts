// Runs in main; imports nothing from electron so it is tested under plain Node.
// Decides whether an IPC message comes from the app's own page. Everything else is refused:
// file:// pages, other web origins, lookalike hosts, frames that are gone (null senderFrame).

/** A frame URL check: true only for a page of the app's own origin. */
export type SenderCheck = (frameUrl: string | null | undefined) => boolean;

/**
 * The comparable origin of a URL: `scheme://host[:port]`, or null when the URL cannot carry a
 * trusted origin (unparseable, credentials in it, no host). Node's WHATWG URL reports the origin
 * of a custom scheme such as `app://meterbook` as "null", so the origin is built by hand here.
 *
 * @example
 * originOf('app://meterbook/index.html#/clients') // 'app://meterbook'
 * originOf('http://localhost:5173/')               // 'http://localhost:5173'
 * originOf('file:///tmp/index.html')               // null
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/**
 * Builds the sender check for one app origin: `app://meterbook` in production, the
 * electron-vite dev server origin (e.g. `http://localhost:5173`) in development.
 *
 * @example
 * const trusted = createSenderCheck('app://meterbook');
 * trusted('app://meterbook/index.html'); // true
 * trusted('file:///index.html');         // false
 */
export function createSenderCheck(appOrigin: string): SenderCheck {
  const expected = originOf(appOrigin);
  if (expected === null) throw new Error(`createSenderCheck: "${appOrigin}" is not an origin like app://meterbook.`);
  return (frameUrl) => typeof frameUrl === 'string' && frameUrl !== '' && originOf(frameUrl) === expected;
}
