// Screenshots of every page type, on a phone (390×844) and a desktop
// (1280×900), light and dark, written to tests/browser/screenshots/ (ignored
// by git) for people to look at after a run. Each is taken after the page's
// scripts ran and fonts loaded; the test fails if a page does not render or
// a picture comes out empty.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSuite } from './helpers.mjs';

const OUT = path.join(import.meta.dirname, 'screenshots');
const PAGES = {
  home: '/',
  step: '/steps/communicate/',
  worksheet: '/worksheets/weekly-check-in/',
  steps: '/steps/',
  worksheets: '/worksheets/',
  workbook: '/workbook/',
  safety: '/safety/',
  'not-found': '/404.html',
};
const SIZES = { phone: [390, 844], desktop: [1280, 900] };

let suite;
before(async () => {
  suite = await startSuite();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
});
after(async () => {
  await suite?.teardown();
});

test('screenshots of every page type: phone and desktop, light and dark', async () => {
  const written = [];
  for (const [size, [width, height]] of Object.entries(SIZES)) {
    for (const scheme of ['light', 'dark']) {
      const context = await suite.newContext({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      try {
        for (const [name, p] of Object.entries(PAGES)) {
          const response = await page.goto(suite.url(p));
          assert.ok(response && response.status() < 500, `${p} answered`);
          await page.evaluate(() => document.fonts.ready);
          const file = path.join(OUT, `${name}-${size}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: false });
          const full = path.join(OUT, `${name}-${size}-${scheme}-full.png`);
          await page.screenshot({ path: full, fullPage: true });
          written.push(file, full);
        }
        // Search open with results, on the step page.
        await page.goto(suite.url('/steps/communicate/'));
        await page.keyboard.press('/');
        await page.fill('#trellis-search-input', 'listen');
        await page.waitForSelector('#trellis-search-results [role=option]');
        const file = path.join(OUT, `search-${size}-${scheme}.png`);
        await page.screenshot({ path: file });
        written.push(file);
      } finally {
        await context.close();
      }
    }
  }
  for (const file of written) {
    // A PNG of a real page is well over a few kilobytes; a blank one is tiny.
    assert.ok(fs.statSync(file).size > 4000, `${path.basename(file)} is not blank`);
  }
});
