// Which URLs count as the app itself: the base of the navigation and IPC rules.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isSameOrigin } from '../../../src/main/electron/appOrigin';

describe('the app origin', () => {
  it.each([
    'app://enlight/',
    'app://enlight/index.html',
    'app://enlight/students?sort=name#top',
    'APP://ENLIGHT/index.html',
    'app://Enlight/assets/index.js',
  ])('includes %s', (url) => {
    expect(isSameOrigin(url, APP_ORIGIN)).toBe(true);
  });

  it.each([
    ['a user name dressing up another host', 'app://enlight@evil.com/'],
    ['a user name and password', 'app://enlight:pw@enlight/'],
    ['a lookalike host', 'app://enlight.evil.com/'],
    ['a prefix lookalike', 'app://enlightx/'],
    ['a trailing dot', 'app://enlight./'],
    ['a port', 'app://enlight:8080/'],
    ['a lookalike scheme', 'apps://enlight/'],
    ['a lookalike scheme with the name in the host', 'https://app.enlight/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['punycode lookalike', 'app://xn--enlight-7ya/'],
    ['not a URL', 'enlight'],
    ['empty', ''],
  ])('excludes %s', (_what, url) => {
    expect(isSameOrigin(url, APP_ORIGIN)).toBe(false);
  });

  it('excludes a frame that has no URL', () => {
    expect(isSameOrigin(undefined, APP_ORIGIN)).toBe(false);
    expect(isSameOrigin(null, APP_ORIGIN)).toBe(false);
  });

  describe('with the dev server as the origin', () => {
    const dev = 'http://localhost:5173';
    it('includes its pages and nothing on another port, scheme or host', () => {
      expect(isSameOrigin('http://localhost:5173/src/main.tsx', dev)).toBe(true);
      expect(isSameOrigin('http://LOCALHOST:5173/', dev)).toBe(true);
      expect(isSameOrigin('http://localhost:5174/', dev)).toBe(false);
      expect(isSameOrigin('https://localhost:5173/', dev)).toBe(false);
      expect(isSameOrigin('http://127.0.0.1:5173/', dev)).toBe(false);
      expect(isSameOrigin('http://localhost:5173@evil.com/', dev)).toBe(false);
      expect(isSameOrigin('http://localhost./', dev)).toBe(false);
    });
  });
});
