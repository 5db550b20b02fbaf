// The built renderer as served by app:// and by the web host: its files, and nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticFile } from '../../src/main/staticFiles';

let parent: string;
let root: string;
beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'enlight-static-'));
  root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(join(parent, 'secret.txt'), 'not for the page');
});
afterAll(() => rmSync(parent, { recursive: true, force: true, maxRetries: 5 }));

describe('serving the renderer', () => {
  it('answers / and the app’s own routes with index.html', () => {
    expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticFile(root, '/students/42')).toBe(join(root, 'index.html'));
  });

  it('serves its files, percent-encoded names too', () => {
    expect(resolveStaticFile(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticFile(root, '/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('answers a missing asset with nothing, not the page', () => {
    expect(resolveStaticFile(root, '/assets/missing.js')).toBeUndefined();
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/index.html%00.png',
    '/%zz',
    'secret.txt',
    '//etc/passwd',
  ])('never serves anything outside the folder: %s', (path) => {
    const file = resolveStaticFile(root, path);
    expect(file === undefined || file.startsWith(root)).toBe(true);
    expect(file).not.toBe(join(parent, 'secret.txt'));
  });

  it('names the content types a browser needs to run the page', () => {
    expect(contentTypeFor('index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
