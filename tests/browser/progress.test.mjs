// Progress through the steps, on the bundled guide: a step marked done on
// its page shows as done in the navigation and on the home page, which
// then offers to continue with the next step; it survives a reload, is kept
// in the format the answers export carries, and can be reset.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { norm, startSuite } from './helpers.mjs';

const KEY = 'trellis:progress:v1';

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

/** The steps in the navigation: [{key, done, url}]. */
function navSteps(page) {
  return page.$$eval('.nav-steps [data-step]', (items) =>
    items.map((li) => ({
      key: li.dataset.step,
      done: li.classList.contains('is-done'),
      said: li.textContent.replace(/\s+/g, ' ').trim(),
      url: li.querySelector('a').getAttribute('href'),
    })),
  );
}

describe('progress through the steps', () => {
  test('marking steps done shows everywhere, continues where the reader left off, and resets', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    try {
      await page.goto(suite.url('/'));
      const start = page.locator('[data-progress-continue]');
      assert.match(norm(await start.textContent()), /^Start with step 1/);
      assert.equal(await page.isVisible('[data-progress-reset]'), false);
      const steps = await navSteps(page);
      assert.equal(steps.length, 7);
      assert.ok(steps.every((s) => !s.done));

      // Steps 1 and 2, each on its own page.
      for (const s of steps.slice(0, 2)) {
        await page.goto(suite.url(s.url));
        const toggle = page.locator('[data-progress-toggle]');
        assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
        await toggle.click();
        assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
        assert.match(await page.textContent('[data-progress-note]'), /Marked as done/);
      }
      await page.reload();
      assert.equal(await page.getAttribute('[data-progress-toggle]', 'aria-pressed'), 'true');
      const marked = await navSteps(page);
      assert.deepEqual(marked.map((s) => s.done), [true, true, false, false, false, false, false]);
      // Screen readers hear it too.
      assert.match(marked[0].said, /done$/);

      // Kept as the answers export carries it: step slug → when.
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert.equal(stored.format, 'trellis-progress');
      assert.deepEqual(Object.keys(stored.done).sort(), [steps[0].key, steps[1].key].sort());
      assert.ok(Object.values(stored.done).every((d) => !Number.isNaN(Date.parse(d))));

      // The home page continues with step 3 and marks the cards.
      await page.goto(suite.url('/'));
      assert.match(norm(await start.textContent()), /^Continue with step 3: /);
      assert.equal(await start.getAttribute('href'), steps[2].url);
      const cards = await page.$$eval('.step-card', (els) => els.map((e) => e.classList.contains('is-done')));
      assert.deepEqual(cards, [true, true, false, false, false, false, false]);

      // Unmarking one step on its page: the home page goes back to it.
      await page.goto(suite.url(steps[0].url));
      await page.click('[data-progress-toggle]');
      assert.equal(await page.getAttribute('[data-progress-toggle]', 'aria-pressed'), 'false');
      await page.goto(suite.url('/'));
      assert.match(norm(await start.textContent()), /^Continue with step 1: /);

      // Reset: everything forgotten, answers untouched.
      await page.evaluate(() => localStorage.setItem('trellis:worksheet:v1:owning-it', JSON.stringify({
        format: 'trellis-worksheet', version: 1, slug: 'owning-it', saved_at: new Date().toISOString(), fields: { x: 'kept' },
      })));
      await page.click('[data-progress-reset]');
      assert.match(await page.textContent('[data-progress-reset-status]'), /reset/);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
      assert.notEqual(await page.evaluate(() => localStorage.getItem('trellis:worksheet:v1:owning-it')), null);
      assert.match(norm(await start.textContent()), /^Start with step 1/);
      assert.equal(await page.isVisible('[data-progress-reset]'), false);
      assert.ok((await navSteps(page)).every((s) => !s.done));
    } finally {
      await context.close();
    }
  });

  test('another tab marking a step updates this one', async () => {
    const context = await suite.newContext();
    const home = await context.newPage();
    const other = await context.newPage();
    try {
      await home.goto(suite.url('/'));
      const steps = await navSteps(home);
      await other.goto(suite.url(steps[0].url));
      await other.click('[data-progress-toggle]');
      await home.waitForFunction(() => document.querySelector('.nav-steps [data-step]').classList.contains('is-done'));
      assert.match(norm(await home.textContent('[data-progress-continue]')), /^Continue with step 2: /);
    } finally {
      await context.close();
    }
  });
});
