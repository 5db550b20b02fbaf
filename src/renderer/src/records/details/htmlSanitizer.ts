// HTML that came from the server (step content, library item introductions, course copy) made
// safe to put in the page: DOMPurify with HTML only (no SVG or MathML), and nothing that runs or
// submits anything: no scripts, no event handlers, no frames, objects or forms, no styles. Links
// keep only https addresses and never open by themselves: SafeHtml catches the click and hands the
// address to shell.openExternal. The CSP (no inline script) stays behind this as a second wall.
import DOMPurify, { type Config } from 'dompurify';

const SANITIZER_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'script',
    'noscript',
    'style',
    'link',
    'meta',
    'base',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'portal',
    'form',
    'input',
    'button',
    'select',
    'option',
    'textarea',
    'template',
    'dialog',
  ],
  FORBID_ATTR: ['style', 'target', 'action', 'formaction', 'ping', 'srcset', 'autofocus', 'tabindex'],
  ALLOW_DATA_ATTR: false,
  // Only https links and sources; a relative or javascript: address is dropped with its attribute.
  ALLOWED_URI_REGEXP: /^https:\/\//i,
  // Ids and names from the server cannot shadow the page's own globals (DOM clobbering).
  SANITIZE_NAMED_PROPS: true,
} satisfies Config;

export type HtmlSanitizer = (html: string) => string;

/** A sanitizer bound to a window (the page's; a test's in a browser). */
export function createHtmlSanitizer(win: Window & typeof globalThis): HtmlSanitizer {
  const purify = DOMPurify(win);
  purify.addHook('afterSanitizeAttributes', (node) => {
    // A link the page never follows itself; if it ever did, it would tell the target nothing.
    if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
  return (html) => purify.sanitize(html, SANITIZER_CONFIG);
}

let pageSanitizer: HtmlSanitizer | null = null;

/** The server's HTML as safe markup for this page. */
export function sanitizeHtml(html: string): string {
  pageSanitizer ??= createHtmlSanitizer(window);
  return pageSanitizer(html);
}
