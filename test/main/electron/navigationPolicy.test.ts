// The window never leaves the app and never opens another window.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src/main/electron/appOrigin';
import { denyNewWindow, isNavigationAllowed } from '../../../src/main/electron/navigationPolicy';

describe('navigation', () => {
  it('is allowed between pages of the app', () => {
    expect(isNavigationAllowed('app://enlight/index.html', APP_ORIGIN)).toBe(true);
    expect(isNavigationAllowed('app://enlight/students/42', APP_ORIGIN)).toBe(true);
  });

  it.each([
    'https://enlight.io',
    'https://app@evil.com',
    'https://enlight@evil.com/app://enlight/',
    'http://127.0.0.1:3000/',
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///C:/Windows/System32/calc.exe',
    'file://enlight/index.html',
    'app://evil/',
    'app://enlight.attacker.com/',
    'app://enlight%2eattacker.com/',
    'blob:app://enlight/0b6a-…',
    'view-source:app://enlight/',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
  ])('is blocked to %s', (url) => {
    expect(isNavigationAllowed(url, APP_ORIGIN)).toBe(false);
  });
});

describe('new windows', () => {
  it('are always denied', () => {
    expect(denyNewWindow()).toEqual({ action: 'deny' });
  });
});
