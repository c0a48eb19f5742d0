// The Content Security Policy, enforced by a real Chromium on the real app (browser mode serves the same policy as
// the Electron app's app:// responses and renderer/index.html): no remote script, no inline script, no eval, no
// request to any other origin, no framing. Each attempt is made from inside the page, as injected script would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, openApp } from './fixtures';

/**
 * Runs in the page (plain JS: the node-side TypeScript has no DOM types). Code given as a string (eval, new Function,
 * setTimeout with a string) is tried with a string timer: a direct eval() inside page.evaluate would be exempt, since
 * DevTools-evaluated code bypasses 'unsafe-eval'; the timer runs it from the page.
 */
const ATTEMPTS = String.raw`async (url) => {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
  const remote = document.createElement('script');
  remote.src = url;
  document.head.appendChild(remote);
  const inline = document.createElement('script');
  inline.textContent = 'window.__inlineRan = true;';
  document.head.appendChild(inline);
  setTimeout('window.__evalRan = true', 0);
  let fetchBlocked = false;
  try {
    await fetch(url);
  } catch {
    fetchBlocked = true;
  }
  await new Promise((r) => setTimeout(r, 300));
  return { remoteRan: window.__remoteRan === true, inlineRan: window.__inlineRan === true, evalRan: window.__evalRan === true, fetchBlocked, violations };
}`;

test('the page cannot load remote or inline script, eval, reach another origin, or be framed', async ({ page, app }) => {
  // another origin on this machine that would answer if the page were allowed to reach it
  let hits = 0;
  const other = http.createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/javascript', 'access-control-allow-origin': '*' });
    res.end('window.__remoteRan = true;');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/x.js`;
  try {
    const response = await page.goto(app.url);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    await openApp(page, app.url, '#/clients');

    const outcome = (await page.evaluate(`(${ATTEMPTS})(${JSON.stringify(otherUrl)})`)) as {
      remoteRan: boolean;
      inlineRan: boolean;
      evalRan: boolean;
      fetchBlocked: boolean;
      violations: string[];
    };

    expect(outcome).toMatchObject({ remoteRan: false, inlineRan: false, evalRan: false, fetchBlocked: true });
    expect(outcome.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^connect-src/)]));
    expect(outcome.violations.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(3);
    // the browser never even asked the other origin
    expect(hits).toBe(0);
    // the app still works after the attempts
    await expect(page.locator('body[data-app-ready="true"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});
