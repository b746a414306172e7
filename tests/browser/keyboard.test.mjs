// Keyboard only, 200% zoom and reduced motion.
//
// Keyboard: on every page type, Tab reaches every visible control, each one
// shows a focus ring and is not hidden under the fixed "Leave this site"
// button; the controls work from the keyboard (the steps menu, search, a
// worksheet's fields and scale, printing, marking a step done, leaving).
// Zoom: at 100%, 200% and 400% (a 1280-pixel screen seen as 1280, 640 and
// 320 CSS pixels) no page scrolls sideways and no two controls overlap
// (the fixed "Leave this site" button included). Motion: with reduced motion asked for, nothing scrolls
// smoothly or moves.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSuite } from './helpers.mjs';

const PAGES = ['/', '/steps/communicate/', '/worksheets/weekly-check-in/', '/worksheets/owning-it/', '/worksheets/', '/steps/', '/workbook/', '/404.html', '/safety/'];

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

/** Every visible, enabled control a keyboard user should reach, as selectors' indexes. */
async function markControls(page) {
  return page.evaluate(() => {
    const sel = 'a[href], button, input, textarea, select, summary, [tabindex]:not([tabindex="-1"])';
    let n = 0;
    const names = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.disabled || el.closest('[inert], dialog:not([open])')) continue;
      const r = el.getBoundingClientRect();
      // Not shown: inside a closed <details>, display: none, visibility: hidden.
      if (r.width === 0 || r.height === 0 || !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      // Radio buttons are one stop per group; the group's first or checked one.
      if (el.type === 'radio') {
        const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
        const stop = group.find((g) => g.checked) || group[0];
        if (el !== stop) continue;
      }
      el.dataset.kbdControl = String(n++);
      names.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 40)}"`);
    }
    return names;
  });
}

/** Tab through the page; returns the controls reached and any problem seen on the way. */
async function tabThrough(page, total) {
  const reached = new Set();
  const problems = [];
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  for (let i = 0; i < total + 40; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A link that wraps is measured on its first line.
      const r = el.getClientRects()[0] || el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // A focus ring: an outline, or a box shadow, on the element itself.
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      // Not hidden under something fixed: the middle of the element hits it.
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height, 40) / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      const covered = hit && !el.contains(hit) && !hit.contains(el) && !(el.labels && [...el.labels].some((l) => l.contains(hit)));
      return {
        id: el.dataset.kbdControl ?? null,
        name: `${el.tagName.toLowerCase()} "${(el.textContent || el.id || '').trim().slice(0, 40)}"`,
        ring,
        covered: covered ? `${hit.tagName.toLowerCase()}.${hit.className}` : '',
      };
    });
    if (!seen) continue;
    if (seen.id !== null) reached.add(seen.id);
    // The radio's visible ring is drawn on its number, not on the hidden input.
    if (!seen.ring && !seen.name.startsWith('input ""')) problems.push(`${seen.name}: no focus ring`);
    if (seen.covered) problems.push(`${seen.name}: covered by ${seen.covered}`);
    if (reached.size === total) break;
  }
  return { reached, problems: [...new Set(problems)] };
}

describe('keyboard only', () => {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    test(`Tab reaches every control on every page type, with a visible, uncovered focus ring (${width}×${height})`, async () => {
      // Reduced motion: focus scrolls the page at once, so positions are final.
      const context = await suite.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const problems = [];
      try {
        for (const p of PAGES) {
          await page.goto(suite.url(p));
          await page.waitForLoadState('load');
          if (p.startsWith('/worksheets/') && p !== '/worksheets/') await page.waitForSelector('[data-ws-toolbar]:not([hidden])');
          const controls = await markControls(page);
          assert.ok(controls.length > 5, `${p} has controls (${controls.length})`);
          const { reached, problems: seen } = await tabThrough(page, controls.length);
          const missed = controls.filter((_, i) => !reached.has(String(i)));
          if (missed.length) problems.push(`${p}: Tab never reaches ${missed.join(', ')}`);
          problems.push(...seen.map((s) => `${p}: ${s}`));
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }

  test('the steps menu, search, a worksheet, printing, marking a step done and leaving all work from the keyboard', async () => {
    const context = await suite.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      // The steps menu on a phone: a disclosure that Enter opens.
      await page.goto(suite.url('/steps/communicate/'));
      await page.focus('.guide-nav-summary');
      await page.keyboard.press('Enter');
      assert.ok(await page.$eval('.guide-nav-details', (d) => d.open), 'Enter opens the steps menu');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.closest('.guide-nav') !== null), true, 'Tab goes into the open menu');

      // Search: "/" opens it, typing finds, arrows choose, Enter goes there.
      await page.evaluate(() => document.activeElement.blur());
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'trellis-search-input', '"/" puts the cursor in search');
      await page.keyboard.type('boundaries');
      await page.waitForSelector('#trellis-search-results [role=option]');
      await page.keyboard.press('ArrowDown');
      const chosen = await page.$eval('[role=option][aria-selected=true]', (o) => o.dataset.url);
      await Promise.all([page.waitForURL((u) => u.href.includes(chosen.split('#')[0])), page.keyboard.press('Enter')]);
      await page.keyboard.press('/');
      await page.keyboard.press('Escape');
      assert.equal(await page.$eval('[data-search]', (d) => d.open), false, 'Escape closes search');

      // A worksheet: type in a field, choose on a scale with the arrow keys, print.
      await page.goto(suite.url('/worksheets/weekly-check-in/'));
      await page.waitForSelector('[data-ws-toolbar]:not([hidden])');
      await page.focus('#ws-weekly-check-in-week');
      await page.keyboard.type('the first week');
      await page.keyboard.press('Tab');
      assert.match(await page.evaluate(() => document.activeElement.id), /feeling-a/, 'Tab moves on to the scale');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const checked = await page.$eval('input[name$="feeling-a"]:checked', (r) => r.value);
      assert.ok(checked !== '', `the arrow keys choose on the scale (${checked})`);
      await page.evaluate(() => {
        window.__printed = 0;
        window.print = () => window.__printed++;
      });
      await page.focus('#trellis-ws-action-print');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => window.__printed), 1, 'Enter on "Print this worksheet" prints');

      // A step marked done with the keyboard.
      await page.goto(suite.url('/steps/communicate/'));
      await page.focus('[data-progress-toggle]');
      await page.keyboard.press('Space');
      assert.equal(await page.$eval('[data-progress-toggle]', (b) => b.getAttribute('aria-pressed')), 'true', 'Space marks the step done');

      // Leaving: the quick exit is the first stop after the skip link.
      await page.goto(suite.url('/'));
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.matches('[data-quick-exit]')), true, 'the second Tab stop is "Leave this site"');
    } finally {
      await context.close();
    }
  });
});

describe('zoom', () => {
  // Page zoom: 200% and 400% of a 1280×900 screen leave 640 and 320 CSS
  // pixels; 100% is the check that the header's fixed button fits too.
  for (const [width, height, zoom] of [[1280, 900, '100%'], [640, 450, '200%'], [320, 256, '400%']]) {
    test(`at ${zoom} (${width}×${height} CSS pixels) no page scrolls sideways and no two controls overlap`, async () => {
      const context = await suite.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const problems = [];
      try {
        for (const p of PAGES) {
          await page.goto(suite.url(p));
          if (p.startsWith('/worksheets/') && p !== '/worksheets/') await page.waitForSelector('[data-ws-toolbar]:not([hidden])');
          const found = await page.evaluate(() => {
            const out = [];
            const doc = document.scrollingElement;
            if (doc.scrollWidth > doc.clientWidth + 1) {
              let worst = null;
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > doc.clientWidth + 1 && (!worst || r.right > worst.right)) worst = { right: Math.round(r.right), name: `${el.tagName.toLowerCase()}.${el.className}` };
              }
              out.push(`${doc.scrollWidth} px wide (${worst?.name} ends at ${worst?.right})`);
            }
            // Controls as the first screen shows them, each line of a wrapped link on its own.
            window.scrollTo(0, 0);
            const els = [...document.querySelectorAll('a[href], button, input:not([type=radio]), textarea, select, summary')].filter((el) =>
              el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }),
            );
            const boxes = els.map((el) => ({ el, rects: [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0) }));
            const name = (el) => `"${(el.textContent || el.id).trim().slice(0, 30)}"`;
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i];
                const b = boxes[j];
                if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
                const hit = a.rects.some((ra) =>
                  b.rects.some((rb) => Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2),
                );
                if (hit) out.push(`${name(a.el)} and ${name(b.el)} overlap`);
              }
            }
            return out;
          });
          problems.push(...found.map((f) => `${p}: ${f}`));
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('motion', () => {
  test('with reduced motion asked for, nothing scrolls smoothly or moves; without, scrolling is smooth', async () => {
    for (const reducedMotion of ['reduce', 'no-preference']) {
      const context = await suite.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion });
      const page = await context.newPage();
      try {
        await page.goto(suite.url('/steps/communicate/'));
        // Open everything that opens: the search dialog, a table of contents link.
        await page.keyboard.press('/');
        await page.keyboard.type('trust');
        await page.waitForSelector('#trellis-search-results [role=option]');
        await page.keyboard.press('Escape');
        const seen = await page.evaluate(() => {
          const moving = [];
          for (const el of document.querySelectorAll('*')) {
            const s = getComputedStyle(el);
            const longest = (v) => Math.max(...v.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
            if (longest(s.transitionDuration) > 0.01 || (s.animationName !== 'none' && longest(s.animationDuration) > 0.01)) {
              moving.push(`${el.tagName.toLowerCase()}.${el.className}`);
            }
          }
          return {
            smooth: getComputedStyle(document.documentElement).scrollBehavior,
            moving,
            animations: document.getAnimations().length,
          };
        });
        if (reducedMotion === 'reduce') {
          assert.equal(seen.smooth, 'auto', 'no smooth scrolling');
          assert.deepEqual(seen.moving, [], 'no transitions or animations');
          assert.equal(seen.animations, 0, 'nothing animates');
        } else {
          // The check can see motion: smooth scrolling is on when not reduced.
          assert.equal(seen.smooth, 'smooth');
        }
      } finally {
        await context.close();
      }
    }
  });
});
