// On a phone (360 px wide, the narrowest common screen): a 0–10 scale keeps
// its eleven numbers on one line, each at least 24 px wide and 44 px tall,
// inside its box, with its two end labels below at either end; a wrapped
// breadcrumb never starts a line with its separator.

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

describe('on a phone', () => {
  test('a 0–10 scale stays on one line with its labels placed at its ends', async () => {
    const context = await suite.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    try {
      for (const sheet of ['/worksheets/weekly-check-in/', '/worksheets/trust-journal/']) {
        await page.goto(suite.url(sheet));
        const scales = await page.$$eval('.ws-scale-options', (all) =>
          all.map((box) => {
            const b = box.getBoundingClientRect();
            const opts = [...box.querySelectorAll('.ws-scale-number')].map((n) => n.getBoundingClientRect());
            const low = box.querySelector('.ws-scale-low')?.getBoundingClientRect();
            const high = box.querySelector('.ws-scale-high')?.getBoundingClientRect();
            return {
              n: opts.length,
              rows: new Set(opts.map((r) => Math.round(r.top))).size,
              narrowest: Math.min(...opts.map((r) => r.width)),
              lowest: Math.min(...opts.map((r) => r.height)),
              inside: opts.every((r) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5),
              overlap: opts.some((r, i) => i > 0 && r.left < opts[i - 1].right - 0.5),
              labelsBelow: !low || !high || (low.top >= opts[0].bottom && Math.abs(low.top - high.top) < 2),
              labelsAtEnds: !low || !high || (low.left <= b.left + 1 && high.right >= b.right - 1),
            };
          }),
        );
        assert.ok(scales.some((s) => s.n === 11), `${sheet} has a 0–10 scale`);
        for (const s of scales) {
          assert.deepEqual(
            { rows: s.rows, inside: s.inside, overlap: s.overlap, labelsBelow: s.labelsBelow, labelsAtEnds: s.labelsAtEnds },
            { rows: 1, inside: true, overlap: false, labelsBelow: true, labelsAtEnds: true },
            `${sheet}: ${JSON.stringify(s)}`,
          );
          assert.ok(s.narrowest >= 24 && s.lowest >= 44, `${sheet}: ${JSON.stringify(s)}`);
        }
      }
    } finally {
      await context.close();
    }
  });

  test('a wrapped breadcrumb never starts a line with "/"', async () => {
    const context = await suite.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/steps/set-boundaries/'));
      const lines = await page.$$eval('.breadcrumbs li', (items) => {
        // The first thing drawn on each line of the breadcrumb.
        const starts = new Map();
        for (const li of items) {
          const top = Math.round(li.getBoundingClientRect().top);
          if (!starts.has(top)) starts.set(top, li);
        }
        return [...starts.values()].map((li) => getComputedStyle(li, '::before').content);
      });
      assert.ok(lines.every((c) => c === 'none' || c === 'normal'), JSON.stringify(lines));
    } finally {
      await context.close();
    }
  });
});
