// Sharing and the browser tab, on the bundled guide: every page has a
// favicon and asks for nothing that is missing, and carries a canonical
// URL and Open Graph / Twitter card tags made from its title and summary.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSuite } from './helpers.mjs';

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

const PAGES = ['/', '/steps/communicate/', '/worksheets/weekly-check-in/', '/worksheets/', '/workbook/', '/safety/'];

describe('sharing and the tab', () => {
  test('no page asks for a file that is missing, the favicon included', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const missing = [];
    page.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${new URL(r.url()).pathname} (from ${page.url()})`);
    });
    try {
      for (const p of PAGES) {
        await page.goto(suite.url(p), { waitUntil: 'networkidle' });
      }
      assert.deepEqual(missing, []);
      const icon = await page.getAttribute('link[rel=icon]', 'href');
      const reply = await page.request.get(suite.url(icon));
      assert.equal(reply.status(), 200);
      assert.match(reply.headers()['content-type'], /image\/svg\+xml/);
    } finally {
      await context.close();
    }
  });

  test('each page describes itself for link previews', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      for (const p of PAGES) {
        await page.goto(suite.url(p));
        const meta = await page.evaluate(() => {
          const get = (sel) => document.querySelector(sel)?.getAttribute('content') ?? null;
          return {
            canonical: document.querySelector('link[rel=canonical]')?.href,
            title: get('meta[property="og:title"]'),
            description: get('meta[property="og:description"]'),
            url: get('meta[property="og:url"]'),
            type: get('meta[property="og:type"]'),
            site: get('meta[property="og:site_name"]'),
            card: get('meta[name="twitter:card"]'),
            h1: document.querySelector('h1')?.textContent.trim(),
            summary: get('meta[name="description"]'),
          };
        });
        assert.equal(meta.url, meta.canonical, p);
        assert.equal(new URL(meta.url).pathname, p, p);
        assert.equal(meta.site, 'Rebuilding Trust', p);
        assert.equal(meta.type, p === '/' ? 'website' : 'article', p);
        assert.equal(meta.card, 'summary', p);
        assert.equal(meta.description, meta.summary, p);
        assert.ok(meta.description.length > 20, p);
        if (p !== '/') assert.equal(meta.title, meta.h1, p);
      }
    } finally {
      await context.close();
    }
  });
});
