import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import { isAllowedNavigation, safeExternalUrl, windowOpenDecision } from './navigation';

describe('isAllowedNavigation', () => {
  it('allows the app origin only', () => {
    expect(isAllowedNavigation('app://meterbook/index.html#/clients', APP_ORIGIN)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://meterbook/',
      'file:///etc/passwd',
      'app://meterbook.evil.example/',
      'app://evil@meterbook/',
      'javascript:alert(1)',
      'data:text/html,hi',
      'about:blank',
      '',
    ]) {
      expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('in development allows the dev server origin, not the production scheme', () => {
    expect(isAllowedNavigation('http://localhost:5173/#/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('app://meterbook/index.html', 'http://localhost:5173')).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it('always denies a new Electron window', () => {
    for (const url of ['https://stripe.com/docs', 'app://meterbook/index.html', 'file:///x', 'about:blank']) {
      expect(windowOpenDecision(url).action).toBe('deny');
    }
  });

  it('hands only https links to the system browser', () => {
    expect(windowOpenDecision('https://dashboard.stripe.com/invoices?x=1').openExternal).toBe('https://dashboard.stripe.com/invoices?x=1');
    for (const url of [
      'http://example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'app://meterbook/index.html',
      'https://user:pass@example.com/',
      'mailto:a@b.example',
      'not a url',
    ]) {
      expect(windowOpenDecision(url).openExternal, url).toBeNull();
    }
  });

  it('safeExternalUrl normalises the URL it returns', () => {
    expect(safeExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
  });
});
