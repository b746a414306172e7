// Accessibility, checked by axe-core (npm, run inside the page): every page
// type of the bundled guide, with search open and showing results too, in
// light and dark, on a phone (390×844) and on desktops (1280×900, and
// 1280×720 where the sidebar scrolls), has no WCAG 2.0/2.1/2.2 A or AA
// violation.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSuite } from './helpers.mjs';

const AXE = fs.readFileSync(path.join(import.meta.dirname, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGES = ['/', '/steps/communicate/', '/worksheets/weekly-check-in/', '/worksheets/', '/steps/', '/workbook/', '/404.html', '/safety/'];
const SIZES = [[390, 844], [1280, 900], [1280, 720]];

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

async function violations(page, where) {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, TAGS);
  return found.map((v) => `${where}: ${v}`);
}

describe('accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark']) {
    test(`every page type, ${scheme}, phone and desktop: no WCAG A/AA violation`, async () => {
      const problems = [];
      for (const [width, height] of SIZES) {
        const context = await suite.newContext({ viewport: { width, height }, colorScheme: scheme });
        const page = await context.newPage();
        try {
          for (const p of PAGES) {
            await page.goto(suite.url(p));
            problems.push(...(await violations(page, `${scheme} ${width}×${height} ${p}`)));
          }
          // Search open, with results.
          await page.goto(suite.url('/steps/communicate/'));
          await page.keyboard.press('/');
          await page.fill('#trellis-search-input', 'trust');
          await page.waitForSelector('#trellis-search-results [role=option]');
          await page.keyboard.press('ArrowDown');
          problems.push(...(await violations(page, `${scheme} ${width}×${height} search`)));
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
