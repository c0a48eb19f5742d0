// Runs in main; no electron import. The Content Security Policy sent as a response header with
// every app:// response. Its directives equal the <meta> policy in renderer/index.html (a test
// checks), plus those a <meta> policy cannot carry.
export const META_POLICY_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // the PDF preview: an <iframe> showing a Blob URL the page made from `invoices.pdf`; nothing else frames
  "frame-src blob:",
] as const;

/** Only honoured in a header: no site may embed the app's pages. */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"] as const;

export const CONTENT_SECURITY_POLICY = [...META_POLICY_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES].join('; ');
