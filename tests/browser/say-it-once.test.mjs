// "Say it once": the bundled guide's pages do not repeat themselves, and a
// worksheet's first field is on the first screen of a phone.

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

/** How often each same-site link target appears in the page's main column. */
async function linkCounts(page) {
  return page.evaluate(() => {
    const counts = {};
    for (const a of document.querySelectorAll('main a[href]')) {
      if (a.closest('.breadcrumbs')) continue;
      const url = new URL(a.href);
      if (url.origin !== location.origin) continue;
      const key = url.pathname;
      counts[key] = (counts[key] || 0) + 1;
    }
    return counts;
  });
}

describe('say it once', () => {
  test('on a phone (390×844) every worksheet shows its first field on the first screen', async () => {
    const context = await suite.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/worksheets/'));
      const sheets = await page.$$eval('.page-card-title a', (as) => as.map((a) => new URL(a.href).pathname));
      assert.ok(sheets.length >= 7, `the worksheets index lists the worksheets (${sheets.length})`);
      const report = [];
      for (const p of sheets) {
        await page.goto(suite.url(p));
        // The toolbar appears once worksheet.js ran; measure after that.
        await page.waitForSelector('[data-ws-toolbar]:not([hidden])');
        const box = await page.evaluate(() => {
          const field = document.querySelector('.worksheet input, .worksheet textarea, .worksheet select');
          const r = field.getBoundingClientRect();
          return { top: Math.round(r.top + window.scrollY), bottom: Math.round(r.bottom + window.scrollY) };
        });
        report.push({ p, ...box });
      }
      console.log(report.map((r) => `${r.p}: first field ${r.top}–${r.bottom} px`).join('\n'));
      // Its top and at least 44 px of it (one line to type in) are visible.
      const below = report.filter((r) => r.top + 44 > 844);
      assert.deepEqual(below, [], 'every first field starts on the first screen');
    } finally {
      await context.close();
    }
  });

  test('a step page links its worksheet once', async () => {
    const page = await suite.persistent.newPage();
    try {
      for (let n = 1; n <= 7; n++) {
        await page.goto(suite.url('/steps/'));
        const href = await page.$eval(`.page-card:nth-child(${n}) .page-card-title a`, (a) => new URL(a.href).pathname);
        await page.goto(suite.url(href));
        const sheet = await page.$eval('.worksheet-callout a', (a) => new URL(a.href).pathname);
        const counts = await linkCounts(page);
        // The template's callout links it once; the author's own text may
        // name it once more where it explains the step.
        const fromTemplate = await page.$$eval(
          `main a[href]:not(.content a)`,
          (as, target) => as.filter((a) => new URL(a.href).pathname === target).length,
          sheet,
        );
        assert.equal(fromTemplate, 1, `${href}: the template links ${sheet} ${fromTemplate} times`);
        assert.ok(counts[sheet] <= 2, `${href}: ${sheet} is linked ${counts[sheet]} times`);
      }
    } finally {
      await page.close();
    }
  });

  test('the home page lists each step and framing page once', async () => {
    const page = await suite.persistent.newPage();
    try {
      await page.goto(suite.url('/'));
      const steps = await page.$$eval('.step-card-title a', (as) => as.map((a) => new URL(a.href).pathname));
      assert.equal(steps.length, 7);
      // The template links each step from its card, and the first one from
      // the "Start" button too; the author's text may mention steps freely.
      const fromTemplate = await page.$$eval('main a[href]:not(.content a)', (as) =>
        as.map((a) => new URL(a.href).pathname),
      );
      for (const s of steps) {
        const n = fromTemplate.filter((p) => p === s).length;
        assert.ok(n >= 1 && n <= (s === steps[0] ? 2 : 1), `${s} is linked ${n} times by the home page's template`);
      }
      const lists = await page.$$eval('main ol, main ul', (ls) =>
        ls.map((l) => [...l.querySelectorAll(':scope > li a[href]')].map((a) => new URL(a.href).pathname).join(' ')),
      );
      // No list of links repeats the steps or the framing pages.
      const stepLists = lists.filter((l) => steps.filter((s) => l.includes(s)).length >= 3);
      assert.equal(stepLists.length, 1, `one list of the steps, not ${stepLists.length}: ${stepLists.join(' | ')}`);
      // The framing pages the text links are not listed again below it.
      const counts = await linkCounts(page);
      for (const p of ['/what-breaks-trust/', '/can-trust-be-rebuilt/']) {
        assert.equal(counts[p], 1, `${p} is linked ${counts[p]} times on the home page`);
      }
      const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent.trim()));
      assert.equal(new Set(headings).size, headings.length, `a heading appears twice: ${headings.join(' | ')}`);
    } finally {
      await page.close();
    }
  });

  test('the steps and worksheets pages list their pages once, as cards', async () => {
    const page = await suite.persistent.newPage();
    try {
      for (const p of ['/steps/', '/worksheets/']) {
        await page.goto(suite.url(p));
        const cards = await page.$$eval('.page-card-title a', (as) => as.map((a) => new URL(a.href).pathname));
        assert.equal(cards.length, 7, `${p} has seven cards`);
        const inText = await page.$$eval('.content a[href]', (as) => as.map((a) => new URL(a.href).pathname));
        const twice = cards.filter((c) => inText.includes(c));
        assert.deepEqual(twice, [], `${p}: the text lists pages its cards show`);
      }
      // A worksheet card says which step it goes with and what there is to fill in.
      await page.goto(suite.url('/worksheets/'));
      const meta = await page.$eval('.page-card .page-card-meta', (m) => m.textContent.replace(/\s+/g, ' ').trim());
      assert.match(meta, /^Step 1: Commit as a team · \d+ things to fill in$/);
    } finally {
      await page.close();
    }
  });
});
