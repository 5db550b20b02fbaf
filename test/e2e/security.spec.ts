// Browser mode is reachable by anything on this computer, so the web host must answer only its own
// page: the printed token, its loopback name, its own origin. And the page must not run script it
// did not ship, so an injected one does nothing.
import { request as httpRequest } from 'node:http';
import { expect, test } from './support/test';

interface Answer {
  status: number;
  body: string;
}

/** A raw request, so Host and Origin are exactly what the test says (browsers and fetch won't allow that). */
function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const appStateCall = JSON.stringify({ name: 'app.state', input: {} });

test('the web host answers only its own page: token, loopback Host and own Origin required', async ({ host }) => {
  const ownHost = `127.0.0.1:${host.port}`;
  const json = { 'Content-Type': 'application/json' };
  const withToken = { ...json, Host: ownHost, Authorization: `Bearer ${host.token}` };

  // The same call, correctly made, is answered: the refusals below are about what they change.
  const allowed = await send(host.port, { method: 'POST', path: '/bridge', headers: withToken, body: appStateCall });
  expect(allowed.status).toBe(200);
  expect(JSON.parse(allowed.body)).toMatchObject({ ok: true, value: { current: null } });

  const refusals: [string, Parameters<typeof send>[1]][] = [
    ['no token, page', { path: '/', headers: { Host: ownHost } }],
    ['no token, call', { method: 'POST', path: '/bridge', headers: { ...json, Host: ownHost }, body: appStateCall }],
    ['another token', { method: 'POST', path: '/bridge', headers: { ...withToken, Authorization: 'Bearer not-the-token' }, body: appStateCall }],
    ['a foreign Host (DNS rebinding)', { method: 'POST', path: '/bridge', headers: { ...withToken, Host: `attacker.example:${host.port}` }, body: appStateCall }],
    ['a foreign Origin', { method: 'POST', path: '/bridge', headers: { ...withToken, Origin: 'http://attacker.example' }, body: appStateCall }],
    ['a foreign Origin, with the token in the link', { path: `/?token=${host.token}`, headers: { Host: ownHost, Origin: 'http://attacker.example' } }],
  ];
  for (const [what, options] of refusals) {
    const answer = await send(host.port, options);
    expect([401, 403], `${what}: ${answer.status} ${answer.body}`).toContain(answer.status);
    // A refusal says why, and gives nothing of the app away.
    expect(JSON.parse(answer.body), what).toMatchObject({ ok: false, error: { message: expect.any(String) } });
    expect(answer.body, what).not.toContain('accounts');
  }
});

test('the browser refuses script the page did not ship: injected elements, inline handlers and eval', async ({ page, host }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { __violations: violations });
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
  });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Enlight Admin' })).toBeVisible();
  const violationsOf = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  // The app itself needs nothing the policy forbids.
  expect(await violationsOf()).toEqual([]);

  const outcome = await page.evaluate(async () => {
    const ran: Record<string, boolean> = {};
    Object.assign(window, { __ran: ran });
    const script = document.createElement('script');
    script.textContent = 'window.__ran.inlineScript = true;';
    document.body.append(script);

    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__ran.inlineHandler = true;');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    await new Promise((resolve) => img.addEventListener('error', resolve, { once: true }));

    let evalRan: boolean;
    try {
      evalRan = (0, eval)('true') === true;
    } catch {
      evalRan = false;
    }
    return { ...ran, evalRan };
  });
  expect(outcome).toEqual({ evalRan: false });
  await expect.poll(violationsOf).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src']));
});
