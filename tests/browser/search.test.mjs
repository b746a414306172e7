// Search, in the bundled guide and in a guide in Russian, Arabic and
// Japanese: "/" opens it, results show the page, the heading and a snippet
// with the match marked, arrows and Enter open one at its heading, Escape
// closes; answers typed into worksheets are never found.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, startSuite, waitForSaved } from './helpers.mjs';

let suite;
let scripts;
let guide;
before(async () => {
  suite = await startSuite();
  // The fixture uses the plain test theme; build a copy with the default one.
  guide = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-search-'));
  await fsp.cp(path.join(REPO_ROOT, 'tests/fixtures/valid/many-scripts'), guide, { recursive: true });
  await fsp.rm(path.join(guide, 'expected'), { recursive: true, force: true });
  const config = path.join(guide, 'guide.toml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^theme = .*$/m, ''));
  scripts = await startSuite(guide);
});
after(async () => {
  await suite?.teardown();
  await scripts?.teardown();
  if (guide) await fsp.rm(guide, { recursive: true, force: true });
});

/** Type `query` into the open search; the results as shown, and how long
 *  after the last keystroke they were there. */
async function query(page, text) {
  await page.fill('#trellis-search-input', '');
  const started = Date.now();
  await page.fill('#trellis-search-input', text);
  await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent !== '');
  const ms = Date.now() - started;
  const results = await page.$$eval('#trellis-search-results [role=option]', (items) =>
    items.map((li) => ({
      href: li.dataset.url,
      title: li.querySelector('.search-result-title').textContent,
      heading: li.querySelector('.search-result-heading')?.textContent ?? '',
      snippet: li.querySelector('.search-result-snippet').textContent,
      marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
  return { results, ms, status: await page.textContent('[data-search-status]') };
}

describe('search', () => {
  test('"/" opens it; a word finds its page and heading, marked; arrows and Enter open it', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/'));
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'trellis-search-input');
      assert.equal(await page.evaluate(() => document.querySelector('[data-search]').open), true);

      const { results, ms, status } = await query(page, 'breach');
      console.log(`search "breach": ${results.length} results, shown ${ms} ms after typing`);
      assert.ok(results.length >= 2, status);
      const boundaries = results.find((r) => r.href === '/steps/set-boundaries/#agree-on-what-counts-as-a-breach');
      assert.ok(boundaries, JSON.stringify(results, null, 1));
      assert.equal(boundaries.title, 'Set boundaries');
      assert.equal(boundaries.heading, 'Agree on what counts as a breach');
      assert.ok(results[0].marked.length > 0 || /breach/i.test(results[0].heading + results[0].title));
      assert.ok(results.flatMap((r) => r.marked).every((m) => m.toLowerCase() === 'breach'), JSON.stringify(results));
      assert.match(status, /results?\. Use the arrow keys/);

      // Time from a keystroke to results on screen, measured in the page
      // (typing and rendering run synchronously in the input event).
      const timing = await page.evaluate(() => {
        const input = document.getElementById('trellis-search-input');
        const times = [];
        for (const q of ['b', 'br', 'breach', 'trust', 'partner', 'boundar', 'listen', 'safe']) {
          for (let i = 0; i < 5; i++) {
            const t0 = performance.now();
            input.value = q;
            input.dispatchEvent(new Event('input'));
            times.push(performance.now() - t0);
          }
        }
        times.sort((a, b) => a - b);
        return { median: times[times.length >> 1], max: times[times.length - 1], n: times.length };
      });
      console.log(`search, keystroke to results in the page: median ${timing.median.toFixed(2)} ms, max ${timing.max.toFixed(2)} ms over ${timing.n} queries`);

      // Every word must be found; case and accents do not matter.
      const two = await query(page, 'AGREE breach');
      assert.ok(two.results.length >= 1 && two.results.length <= results.length);
      const none = await query(page, 'breach xylophone');
      assert.deepEqual(none.results, []);
      assert.match(none.status, /Nothing found for “breach xylophone”/);

      // Keyboard: down to the boundaries result, Enter opens it there.
      await query(page, 'breach');
      const index = (await query(page, 'breach')).results.findIndex((r) => r.href === boundaries.href);
      for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
      assert.equal(
        await page.evaluate(() => document.getElementById('trellis-search-input').getAttribute('aria-activedescendant')),
        `trellis-search-result-${index}`,
      );
      await Promise.all([page.waitForURL(/set-boundaries\/#agree-on-what-counts-as-a-breach$/), page.keyboard.press('Enter')]);

      // Escape closes; the page keeps working.
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.querySelector('[data-search]').open), true);
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.querySelector('[data-search]').open), false);
    } finally {
      await context.close();
    }
  });

  test('answers typed into a worksheet are never found, and the index holds none', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/worksheets/weekly-check-in/'));
      await page.locator('[data-worksheet] textarea').first().fill('Quokkaflamingo is my private word');
      await waitForSaved(page);
      await page.keyboard.press('Escape');
      await page.click('[data-search-open]');
      const { results } = await query(page, 'quokkaflamingo');
      assert.deepEqual(results, []);
      // The prompts of the worksheet are found.
      const prompt = (await page.locator('[data-worksheet] .ws-prompt').first().textContent()).trim().split(/\s+/).slice(0, 3).join(' ');
      const found = await query(page, prompt);
      assert.ok(found.results.some((r) => r.href.startsWith('/worksheets/weekly-check-in/')), prompt);
      const index = fs.readFileSync(path.join(suite.site.out, 'search-index.js'));
      assert.doesNotMatch(index.toString(), /Quokkaflamingo/);
      const gz = zlib.gzipSync(index, { level: 9 }).length;
      console.log(`search index of the bundled guide: ${index.length} bytes, ${gz} gzipped`);
      assert.ok(gz < 20 * 1024, `${gz} bytes gzipped`);
    } finally {
      await context.close();
    }
  });

  test('Cyrillic, Arabic and Japanese words are found', async () => {
    const context = await scripts.newContext();
    const page = await context.newPage();
    try {
      await page.goto(scripts.url('/'));
      await page.keyboard.press('/');
      const ru = await query(page, 'обиды');
      assert.ok(ru.results.some((r) => r.href === '/steps/nachalo/#%D1%87%D0%B5%D0%B3%D0%BE-%D0%B8%D0%B7%D0%B1%D0%B5%D0%B3%D0%B0%D1%82%D1%8C'), JSON.stringify(ru.results));
      assert.deepEqual([...new Set(ru.results.flatMap((r) => r.marked))], ['обиды']);
      // Case does not matter in Cyrillic either.
      assert.ok((await query(page, 'ДОВЕРИЕ')).results.length > 0);
      // Japanese has no spaces: a word inside a sentence is found.
      const ja = await query(page, '落ち着いて');
      assert.ok(ja.results.some((r) => r.href.startsWith('/steps/hanashiai/')), JSON.stringify(ja.results));
      const ar = await query(page, 'الثقة');
      assert.ok(ar.results.length > 0, ar.status);
    } finally {
      await context.close();
    }
  });
});
