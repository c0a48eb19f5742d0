// Runs in main (browser-mode bridge). Who may talk to the bridge: a request must come from this
// machine's browser to this exact server (Host, Origin and Sec-Fetch-Site checks stop DNS
// rebinding and cross-site requests), and must carry the per-launch token (cookie or header).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'mb_token';
export const TOKEN_QUERY = 'token';

/** A fresh secret for one launch: 32 random bytes, base64url (43 characters, URL-safe). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Compares in constant time, whatever the lengths (both sides are hashed to 32 bytes first). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The Host values and Origins this server answers to, for the port it listens on. */
export function allowedAuthorities(port: number): { hosts: ReadonlySet<string>; origins: ReadonlySet<string> } {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return { hosts, origins: new Set([...hosts].map((h) => `http://${h}`)) };
}

/**
 * Why the request must be refused because of where it comes from, or null when it may proceed.
 * Runs before the token check, so a foreign page cannot even probe whether a token is valid.
 */
export function sourceRefusal(req: IncomingMessage, allowed: ReturnType<typeof allowedAuthorities>): string | null {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !allowed.hosts.has(host)) {
    return 'This Meterbook server only answers to http://127.0.0.1 (or localhost) on its own port.';
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.origins.has(origin.toLowerCase())) {
    return 'Requests from other web sites are not allowed.';
  }
  // "same-site" includes other ports of 127.0.0.1; only our own pages ("same-origin") and
  // addresses the user typed or opened ("none") are accepted.
  const site = header(req, 'sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return 'Requests from other web sites are not allowed.';
  return null;
}

/** The tokens a request presents: every `mb_token` cookie and a Bearer token. */
export function presentedTokens(req: IncomingMessage): string[] {
  const tokens: string[] = [];
  const auth = header(req, 'authorization');
  const bearer = auth !== undefined ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  if (bearer) tokens.push(bearer[1]!);
  for (const part of (header(req, 'cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== TOKEN_COOKIE) continue;
    tokens.push(part.slice(eq + 1).trim());
  }
  return tokens;
}

export function hasValidToken(req: IncomingMessage, token: string): boolean {
  // check every candidate (no early exit) so timing does not reveal which one matched
  return presentedTokens(req).reduce((ok, t) => tokensEqual(t, token) || ok, false);
}

export const tokenCookie = (token: string): string => `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
