// Search on a large site: the index is split (a manifest, chunks of words,
// a file per page's text) and a query loads only what it needs. Found: a
// word on one page of hundreds, a title, Cyrillic and Japanese words, the
// beginning of a word being typed; every query loads well under 300 KB.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateGuide, startSuite } from './helpers.mjs';

const PAGES = 600;
let guide;
let suite;

before(async () => {
  guide = await generateGuide(PAGES);
  suite = await startSuite(guide);
});
after(async () => {
  await suite?.teardown();
  if (guide) await fsp.rm(guide, { recursive: true, force: true });
});

/** Open search on a fresh page, type `text`; the results and the bytes of index loaded. */
async function query(context, text) {
  const page = await context.newPage();
  try {
    await page.goto(suite.url('/steps/communicate/'));
    await page.keyboard.press('/');
    await page.fill('#trellis-search-input', text);
    await page.waitForFunction(() => /\S/.test(document.querySelector('[data-search-status]').textContent) && !/Loading/i.test(document.querySelector('[data-search-status]').textContent));
    const results = await page.$$eval('#trellis-search-results [role=option]', (items) =>
      items.map((li) => ({
        href: li.dataset.url,
        title: li.querySelector('.search-result-title').textContent,
        marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );
    const bytes = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/search(-index\.js|\/)/.test(e.name))
        .reduce((sum, e) => sum + e.encodedBodySize, 0),
    );
    return { results, bytes };
  } finally {
    await page.close();
  }
}

describe('search on a large site', () => {
  test('the index is split into a manifest, chunks of words and a file per page', async () => {
    const manifest = fs.readFileSync(path.join(suite.site.out, 'search-index.js'), 'utf8');
    assert.match(manifest, /^window\.__TRELLIS_SEARCH__=\{"v":2,"dir":"search\/","chunks":\[/);
    assert.ok(manifest.length < 16 * 1024, `the manifest is small (${manifest.length} bytes)`);
    const files = fs.readdirSync(path.join(suite.site.out, 'search'));
    assert.ok(files.filter((f) => /^p\d+\.js$/.test(f)).length >= PAGES, 'a file per page');
    assert.ok(files.filter((f) => /^w\d+\.js$/.test(f)).length > 5, 'several chunks of words');
  });

  test('words, titles, other scripts and the beginning of a word are found, loading under 300 KB each', async () => {
    const context = await suite.newContext({ viewport: { width: 1280, height: 900 } });
    const sizes = [];
    try {
      const one = await query(context, 'zq437x');
      assert.equal(one.results.length, 1, 'a word on one page finds that page');
      assert.match(one.results[0].href, /page-00437\/(#.*)?$/);
      assert.deepEqual(one.results[0].marked.map((m) => m.toLowerCase()), ['zq437x']);
      sizes.push(['zq437x', one.bytes]);

      const title = await query(context, 'Reading 512');
      assert.match(title.results[0].href, /page-00512\//, 'the page titled so comes first');
      sizes.push(['Reading 512', title.bytes]);

      const ru = await query(context, 'доверие');
      assert.ok(ru.results.length >= 5, `Cyrillic found (${ru.results.length})`);
      assert.ok(ru.results.every((r) => /page-\d+(07|57)\//.test(r.href)), 'only the pages with the word');
      assert.ok(ru.results[0].marked.includes('Доверие'));
      sizes.push(['доверие', ru.bytes]);

      const ja = await query(context, '信頼');
      assert.ok(ja.results.length >= 5, `Japanese found (${ja.results.length})`);
      assert.ok(ja.results.every((r) => /page-\d+(09|59)\//.test(r.href)), 'only the pages with the word');
      sizes.push(['信頼', ja.bytes]);

      const typing = await query(context, 'zq43');
      assert.ok(typing.results.length >= 1, 'the beginning of a word finds it');
      assert.ok(typing.results.every((r) => r.marked.some((m) => m.toLowerCase() === 'zq43')), 'marked where words begin so');
      sizes.push(['zq43', typing.bytes]);

      // Words on every page: the most common cost the most to load.
      for (const q of ['listen', 'trust', 'reading', 'the']) {
        const common = await query(context, q);
        assert.ok(common.results.length >= 10, `"${q}", on every page, finds pages (${common.results.length})`);
        sizes.push([q, common.bytes]);
      }

      const none = await query(context, 'zq437x xylophone');
      assert.deepEqual(none.results, []);
      sizes.push(['zq437x xylophone', none.bytes]);
    } finally {
      await context.close();
    }
    console.log(sizes.map(([q, b]) => `"${q}": ${(b / 1024).toFixed(1)} KB`).join(', '));
    for (const [q, b] of sizes) assert.ok(b < 300 * 1024, `"${q}" loaded ${b} bytes`);
  });
});
