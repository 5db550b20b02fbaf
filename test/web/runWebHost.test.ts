// `npm run web` as a person runs it: a clear line when the app is not built, the link when it is,
// and a clean stop.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWebHost } from '../../src/web/runWebHost';
import { call } from '../support/sandboxClient';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'enlight-runweb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

function io(rendererDir: string, signal?: AbortSignal) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const printed = new Promise<string>((resolve) => {
    stdout.on('data', () => {
      const url = /running at (\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
  });
  return { io: { stdout, stderr, env: {}, signal, rendererDir }, out: () => out, err: () => err, printed };
}

describe('npm run web', () => {
  it('says in one line to run npm run build when the app is not built', async () => {
    const t = io(join(dir, 'missing'));
    expect(await runWebHost(['--data-dir', join(dir, 'data')], t.io)).toBe(1);
    expect(t.err().trim().split('\n')).toHaveLength(1);
    expect(t.err()).toMatch(/npm run build/);
  });

  it('prints the link, serves the app behind it, and stops cleanly when told to', async () => {
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Enlight Admin</title>');
    const controller = new AbortController();
    const t = io(rendererDir, controller.signal);
    const running = runWebHost(['--data-dir', join(dir, 'data'), '--port', '0'], t.io);
    const url = await t.printed;
    expect(t.out()).toMatch(/^Enlight Admin is running at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n$/);

    const first = await call(url, 'GET', url);
    expect(first.status).toBe(303);
    const page = await call(url, 'GET', '/', { headers: { Cookie: String(first.headers['set-cookie']).split(';')[0] ?? '' } });
    expect(page.text).toContain('<title>Enlight Admin</title>');

    controller.abort();
    expect(await running).toBe(0);
    await expect(call(url, 'GET', '/')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a port that is not a port', async () => {
    const t = io(dir);
    expect(await runWebHost(['--port', 'eighty'], t.io)).toBe(2);
    expect(t.err()).toMatch(/--port must be a whole number/);
  });
});
