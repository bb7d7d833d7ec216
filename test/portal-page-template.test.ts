// The welcome and login pages are rendered once with slots and filled in per request: what comes out must be
// exactly what rendering the page with the real values gives, for any value, and a value must never be able to
// pull another value (the CHAP answer, the nonce) into itself by carrying marker text.
import fc from 'fast-check';
import { jsx } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { compileTemplate, slot } from '../captive-portal/page-template.js';

const page = (action: string, dst: string, nonce: string) =>
  jsx(
    'form',
    { id: 'login', action },
    jsx('input', { type: 'hidden', name: 'dst', value: dst }),
    jsx('style', { nonce }, 'p{}'),
  ).toString();

describe('page templates', () => {
  it('fills slots exactly as the JSX renderer renders the same values', async () => {
    const template = compileTemplate(await page(slot('action'), slot('dst'), slot('nonce')));
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.base64String(), async (action, dst, nonce) => {
        expect(template({ action, dst, nonce })).toBe(await page(action, dst, nonce));
      }),
    );
    const tricky = `http://x/?a="1"&b='<b>'`;
    expect(template({ action: tricky, dst: tricky, nonce: 'n0nce+/=' })).toBe(
      await page(tricky, tricky, 'n0nce+/='),
    );
  });

  it('does not fill a slot marker that arrives inside a value', async () => {
    const template = compileTemplate(await page(slot('action'), slot('dst'), slot('nonce')));
    const out = template({ action: 'http://10.5.50.1/login', dst: slot('nonce'), nonce: 'SECRETNONCE' });
    expect(out.split('SECRETNONCE')).toHaveLength(2);
    expect(out).toContain(`value="${slot('nonce')}"`);
  });

  it('refuses to render a page with a slot left empty', async () => {
    const template = compileTemplate(await page(slot('action'), slot('dst'), slot('nonce')));
    expect(() => template({ action: 'a', dst: 'b' })).toThrow(/nonce/);
  });
});
