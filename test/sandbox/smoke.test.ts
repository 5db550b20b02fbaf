import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox } from '../support/sandboxClient';

describe('sandbox smoke', () => {
  let s: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    s = await openSandbox();
  });
  afterAll(() => s.close());

  it('answers the authenticate check with 200 and an empty body', async () => {
    const res = await s.call('GET', '/api/authenticate');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});
