// Which links the app hands to the user's browser: https and nothing else.
import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../../src/main/electron/externalUrl';

describe('links opened in the browser', () => {
  it.each([
    ['https://enlight.io', 'https://enlight.io/'],
    ['https://help.enlight.io/article?id=4#api', 'https://help.enlight.io/article?id=4#api'],
    ['HTTPS://Enlight.IO/Docs', 'https://enlight.io/Docs'],
    ['https://enlight.io:8443/x', 'https://enlight.io:8443/x'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['https://xn--bcher-kva.example/', 'https://xn--bcher-kva.example/'],
  ])('opens %s (as %s)', (url, opened) => {
    expect(checkExternalUrl(url)).toBe(opened);
  });

  it.each([
    ['plain http', 'http://enlight.io'],
    ['javascript:', 'javascript:alert(1)'],
    ['mixed-case javascript:', 'JaVaScRiPt:alert(1)'],
    ['javascript: behind a space', ' javascript:alert(1)'],
    ['a tab in the scheme', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['a Windows path', 'C:\\Windows\\System32\\calc.exe'],
    ['a UNC share', '\\\\attacker\\share\\x.exe'],
    ['the app itself', 'app://enlight/'],
    ['a user name', 'https://enlight.io@evil.com/'],
    ['a user name and password', 'https://user:pass@enlight.io/'],
    ['a custom scheme that starts a program', 'ms-msdt:/id PCWDiagnostic'],
    ['smb:', 'smb://attacker/share'],
    ['a relative path', '/students'],
    ['no host', 'https:///path'],
    ['leading space', ' https://enlight.io'],
    ['a newline', 'https://enlight.io/\n'],
    ['too long', `https://enlight.io/${'a'.repeat(2100)}`],
    ['not a string', 42],
  ])('refuses %s', (_what, url) => {
    expect(checkExternalUrl(url)).toBeNull();
  });
});

describe('links the URL parser would forgive', () => {
  it.each(['https:enlight.io', 'https:/enlight.io', 'https:\\\\enlight.io', 'https:///enlight.io', 'https://enlight.io/a b'])('are refused: %s', (url) => {
    expect(checkExternalUrl(url)).toBeNull();
  });
});
