// Worksheets on screen: answers saved on this device and restored, kept in
// sync across tabs; the page without JavaScript; labels and groups for
// assistive technology. (Export, import, the lock: answers.test.mjs.)

import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  discoverWorksheets,
  fieldValues,
  startSuite,
  statusText,
  storageEntries,
  waitForSaved,
} from './helpers.mjs';

const PREFIX = 'trellis:worksheet:v1:';

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

/** A new isolated context and a page on `path`, with dialogs recorded. */
async function openPage(path, opts = {}) {
  const context = await suite.newContext(opts);
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    // Accept by default; a test can switch this off.
    if (page.dialogAnswer === false) await d.dismiss();
    else await d.accept();
  });
  page.dialogs = dialogs;
  if (path) await page.goto(suite.url(path));
  return { context, page };
}

/** Empty the status line so the next message can be waited for. */
async function resetStatus(page) {
  await page.evaluate(() => {
    document.querySelector('[role="status"]').textContent = '';
  });
}

async function waitForStatus(page, re, timeout = 5000) {
  await page
    .waitForFunction(
      (src) => new RegExp(src).test(document.querySelector('[role="status"]').textContent),
      re.source,
      { timeout },
    )
    .catch(async () => {
      throw new Error(`status line never matched ${re}; it says: "${await statusText(page)}"`);
    });
  return statusText(page);
}

function sheetKeys(entries) {
  return Object.keys(entries).filter((k) => k.startsWith(PREFIX)).sort();
}

const WEEK = 'Week of 3 March';
const APPRECIATED = 'You made tea before I woke up.\nAnd you listened on Sunday.';
const HELD_BACK = 'I was afraid to say it:\n  I still check your phone sometimes.\n\nI want to stop.';

describe('saving on this device', () => {
  test('typed answers and a scale choice are saved and come back after a reload', async () => {
    const { context, page } = await openPage('/worksheets/weekly-check-in/');
    try {
      assert.equal(await statusText(page), '', 'the status line starts empty on a fresh device');
      // Two toolbars: printing at the top, saving and moving answers after the worksheet.
      const bars = page.locator('[data-ws-toolbar]');
      assert.equal(await bars.count(), 2, 'a toolbar above the worksheet and one after it');
      for (const bar of await bars.all()) {
        assert.ok(await bar.isVisible(), 'with JavaScript the worksheet toolbars are shown');
      }

      await page.fill('#ws-weekly-check-in-week', WEEK);
      await page.fill('#ws-weekly-check-in-appreciated-a', APPRECIATED);
      await page.fill('#ws-weekly-check-in-held-back-b', HELD_BACK);
      // Pick a scale value by clicking its number, as a reader would.
      await page.locator('label.ws-scale-option', { has: page.locator('#ws-weekly-check-in-feeling-a-7') }).click();
      assert.ok(await page.isChecked('#ws-weekly-check-in-feeling-a-7'), 'clicking 7 checks the radio');

      await waitForSaved(page);
      assert.match(await statusText(page), /^Saved on this device/);

      const entries = await storageEntries(page);
      assert.deepEqual(
        sheetKeys(entries),
        [PREFIX + 'weekly-check-in'],
        `exactly one worksheet key in localStorage, got ${JSON.stringify(Object.keys(entries))}`,
      );
      const record = JSON.parse(entries[PREFIX + 'weekly-check-in']);
      assert.deepEqual(Object.keys(record).sort(), ['fields', 'format', 'saved_at', 'version', 'worksheet']);
      assert.equal(record.format, 'trellis-worksheet');
      assert.equal(record.version, 1);
      assert.equal(record.worksheet, 'weekly-check-in');
      assert.ok(
        !Number.isNaN(Date.parse(record.saved_at)) && /^\d{4}-\d\d-\d\dT/.test(record.saved_at),
        `saved_at is an ISO date: ${record.saved_at}`,
      );
      assert.deepEqual(record.fields, {
        week: WEEK,
        'appreciated-a': APPRECIATED,
        'held-back-b': HELD_BACK,
        'feeling-a': '7',
      });

      await page.reload();
      await waitForStatus(page, /filled in/);
      const v = await fieldValues(page);
      assert.equal(v.week, WEEK);
      assert.equal(v['appreciated-a'], APPRECIATED);
      assert.equal(v['held-back-b'], HELD_BACK, 'line breaks and indentation survive');
      assert.equal(v['feeling-a'], '7');
      assert.equal(v['feeling-b'], null, 'an untouched scale stays unpicked');
      assert.equal(v['need-a'], '');
      // The print copy is filled in from the restored answers.
      const print = await page
        .locator('#ws-weekly-check-in-held-back-b')
        .locator('xpath=following-sibling::div[contains(@class,"ws-print")][1]')
        .textContent();
      assert.equal(print, HELD_BACK, 'the restored answer is copied into .ws-print');

      // Emptying every field removes the key again.
      await page.fill('#ws-weekly-check-in-week', '');
      await page.fill('#ws-weekly-check-in-appreciated-a', '');
      await page.fill('#ws-weekly-check-in-held-back-b', '');
      await page.evaluate(() => {
        const r = document.querySelector('#ws-weekly-check-in-feeling-a-7');
        r.checked = false;
        r.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await resetStatus(page);
      await waitForSaved(page);
      assert.deepEqual(sheetKeys(await storageEntries(page)), [], 'a worksheet back to blank is removed from storage');
    } finally {
      await context.close();
    }
  });

  test('checkboxes and an answer box on the reconnection plan are saved and restored', async () => {
    const { context, page } = await openPage('/worksheets/reconnection-plan/');
    try {
      const boxes = page.locator('[data-worksheet] input.ws-check[type=checkbox]');
      const count = await boxes.count();
      assert.ok(count >= 2, `the reconnection plan has a task list (found ${count} checkboxes)`);
      const first = await boxes.nth(0).getAttribute('data-ws-field');
      const second = await boxes.nth(1).getAttribute('data-ws-field');
      // Tick the first by clicking its label text, the second directly.
      await page.locator(`label[for="${await boxes.nth(0).getAttribute('id')}"]`).click();
      await boxes.nth(1).check();
      const plan = 'Saturday: a walk by the river.\nSam books the table.';
      await page.fill('#ws-reconnection-plan-date-plan', plan);
      await page.fill('#ws-reconnection-plan-date-when', 'Saturday 10am');
      await waitForSaved(page);

      const entries = await storageEntries(page);
      assert.deepEqual(sheetKeys(entries), [PREFIX + 'reconnection-plan']);
      const record = JSON.parse(entries[PREFIX + 'reconnection-plan']);
      assert.equal(record.format, 'trellis-worksheet');
      assert.equal(record.version, 1);
      assert.equal(record.worksheet, 'reconnection-plan');
      assert.equal(record.fields[first], true, `ticked box ${first} is stored as true`);
      assert.equal(record.fields[second], true, `ticked box ${second} is stored as true`);
      assert.equal(record.fields['date-plan'], plan);

      await page.reload();
      await waitForStatus(page, /filled in/);
      const v = await fieldValues(page);
      assert.equal(v[first], true, `${first} is ticked again after reload`);
      assert.equal(v[second], true, `${second} is ticked again after reload`);
      const others = Object.entries(v).filter(([k, val]) => typeof val === 'boolean' && k !== first && k !== second && val);
      assert.deepEqual(others, [], 'no other box became ticked');
      assert.equal(v['date-plan'], plan);
      assert.equal(v['date-when'], 'Saturday 10am');
      assert.equal(v['date-where'], '');
    } finally {
      await context.close();
    }
  });

  test('a second tab of the same worksheet follows what is typed in the first', async () => {
    const context = await suite.newContext();
    try {
      const a = await context.newPage();
      const b = await context.newPage();
      await a.goto(suite.url('/worksheets/weekly-check-in/'));
      await b.goto(suite.url('/worksheets/weekly-check-in/'));

      await a.locator('#ws-weekly-check-in-need-a').pressSequentially('More time on Sundays', { delay: 5 });
      await a.check('#ws-weekly-check-in-feeling-b-4');
      await waitForSaved(a);

      await b
        .waitForFunction(
          () =>
            document.querySelector('#ws-weekly-check-in-need-a').value === 'More time on Sundays' &&
            document.querySelector('#ws-weekly-check-in-feeling-b-4').checked,
          null,
          { timeout: 5000 },
        )
        .catch(async () => {
          throw new Error(`the other tab did not follow: ${JSON.stringify(await fieldValues(b))}`);
        });
      assert.match(await statusText(b), /updated from another tab/i);
      const print = await b.$eval('#ws-weekly-check-in-need-a', (el) => el.parentElement.querySelector('.ws-print').textContent);
      assert.equal(print, 'More time on Sundays', 'the other tab updates the print copy too');

      // And back the other way: the second tab types, the first follows.
      await b.fill('#ws-weekly-check-in-need-b', 'A walk after dinner');
      await a.waitForFunction(
        () => document.querySelector('#ws-weekly-check-in-need-b').value === 'A walk after dinner',
        null,
        { timeout: 5000 },
      );
      assert.equal(await a.inputValue('#ws-weekly-check-in-need-a'), 'More time on Sundays');
    } finally {
      await context.close();
    }
  });

  // Regression: a tab's unsaved typing was dropped when another tab saved
  // during its 300 ms wait.
  test('two tabs typing at nearly the same time both keep their words', async () => {
    const context = await suite.newContext();
    try {
      const a = await context.newPage();
      const b = await context.newPage();
      await a.goto(suite.url('/worksheets/weekly-check-in/'));
      await b.goto(suite.url('/worksheets/weekly-check-in/'));
      // B types while A's save is still waiting, so A's save reaches B
      // before B's own does.
      await a.fill('#ws-weekly-check-in-need-a', 'from A');
      await a.waitForTimeout(100);
      await b.fill('#ws-weekly-check-in-need-b', 'from B');
      await a.waitForTimeout(1200);
      const stored = await a.evaluate(() => JSON.parse(localStorage.getItem('trellis:worksheet:v1:weekly-check-in')).fields);
      assert.equal(stored['need-a'], 'from A', `A's answer was lost: ${JSON.stringify(stored)}`);
      assert.equal(stored['need-b'], 'from B', `B's answer was lost: ${JSON.stringify(stored)}`);
      assert.equal(await a.inputValue('#ws-weekly-check-in-need-b'), 'from B');
      assert.equal(await b.inputValue('#ws-weekly-check-in-need-a'), 'from A');
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  test('the fields are there and usable, and the toolbar stays hidden', async () => {
    const { context, page } = await openPage('/worksheets/weekly-check-in/', { javaScriptEnabled: false });
    try {
      const fields = page.locator('[data-worksheet] [data-ws-field]');
      const n = await fields.count();
      assert.ok(n >= 20, `the worksheet's fields are in the HTML (found ${n})`);
      for (let i = 0; i < n; i++) {
        const f = fields.nth(i);
        const id = await f.getAttribute('id');
        const type = await f.getAttribute('type');
        // Scale radios sit transparently over their number; the number is what shows.
        const shown = type === 'radio' ? page.locator(`label:has(#${id}) .ws-scale-number`) : f;
        assert.ok(await shown.isVisible(), `field #${id} is visible without JavaScript`);
        assert.ok(await f.isEnabled(), `field #${id} is enabled without JavaScript`);
      }
      await page.fill('#ws-weekly-check-in-need-a', 'typed without scripts');
      assert.equal(await page.inputValue('#ws-weekly-check-in-need-a'), 'typed without scripts');
      await page.check('#ws-weekly-check-in-feeling-a-6');
      assert.ok(await page.isChecked('#ws-weekly-check-in-feeling-a-6'));

      assert.equal(await page.locator('[data-ws-toolbar]').count(), 2, 'the toolbars are in the HTML');
      for (const bar of await page.locator('[data-ws-toolbar]').all()) {
        assert.ok(await bar.isHidden(), 'the toolbars stay hidden without JavaScript');
      }
      for (const action of ['print', 'export', 'import', 'clear']) {
        assert.ok(await page.locator(`[data-ws-toolbar] [data-ws-action="${action}"]`).first().isHidden(), `the ${action} button is hidden`);
      }
      assert.ok(await page.locator('.ws-noscript').isVisible(), 'a note says answers are not saved without JavaScript');
    } finally {
      await context.close();
    }
  });
});

describe('accessibility basics', () => {
  test('every field on every worksheet has a visible label, and scales are fieldsets with a legend', async () => {
    const context = await suite.newContext();
    try {
      const page = await context.newPage();
      const sheets = await discoverWorksheets(page, suite.origin);
      assert.equal(sheets.length, 7, `seven worksheets listed on /worksheets/: ${sheets.map((s) => s.slug)}`);
      const problems = [];
      for (const sheet of sheets) {
        await page.goto(suite.url(sheet.path));
        const found = await page.evaluate(() => {
          const out = [];
          const visible = (el) => {
            const r = el.getBoundingClientRect();
            const cs = getComputedStyle(el);
            return r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && el.checkVisibility();
          };
          const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();
          const controls = document.querySelectorAll('main input, main textarea, main select');
          let counted = 0;
          for (const el of controls) {
            if (el.type === 'hidden' || el.closest('[hidden]')) continue;
            counted++;
            const name = `#${el.id || '(no id)'} (${el.tagName.toLowerCase()}${el.type ? ' ' + el.type : ''})`;
            let labelText = '';
            let labelVisible = false;
            const by = el.getAttribute('aria-labelledby');
            if (by) {
              const parts = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
              labelText = parts.map(text).join(' ').trim();
              labelVisible = parts.some(visible);
            } else if (el.labels && el.labels.length) {
              labelText = [...el.labels].map(text).join(' ').trim();
              labelVisible = [...el.labels].some(visible);
            }
            if (!labelText) out.push(`${name} has no label (label[for], an enclosing label or aria-labelledby)`);
            else if (!labelVisible) out.push(`${name}: its label "${labelText}" is not visible`);
            const ph = el.getAttribute('placeholder');
            if (ph && (!labelText || labelText === ph.trim())) out.push(`${name} uses its placeholder "${ph}" as its only label`);
            const desc = el.getAttribute('aria-describedby');
            if (desc) {
              for (const id of desc.split(/\s+/)) {
                const d = document.getElementById(id);
                if (!d || !text(d)) out.push(`${name}: aria-describedby="${id}" points to nothing or to an empty element`);
              }
            }
            if (el.type === 'radio') {
              const fs = el.closest('fieldset');
              const legend = fs && fs.querySelector(':scope > legend');
              if (!legend || !text(legend)) out.push(`${name}: a scale option outside a fieldset with a non-empty legend`);
              const same = document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`);
              for (const r of same) if (r.closest('fieldset') !== fs) out.push(`${name}: its radio group spans several fieldsets`);
            }
          }
          for (const fs of document.querySelectorAll('fieldset.ws-scale, fieldset.ws-partners, fieldset.ws-signature')) {
            const legend = fs.querySelector(':scope > legend');
            if (!legend || !text(legend)) out.push(`a ${fs.className} fieldset without a legend`);
          }
          for (const hint of document.querySelectorAll('.ws-scale .ws-hint')) {
            if (!document.querySelector(`[aria-describedby~="${CSS.escape(hint.id)}"]`)) out.push(`hint "${text(hint)}" is tied to no field`);
          }
          const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
          const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
          if (dup.length) out.push(`duplicate ids: ${[...new Set(dup)].join(', ')}`);
          return { out, counted };
        });
        if (found.counted === 0) problems.push(`${sheet.slug}: no fields found at all`);
        for (const p of found.out) problems.push(`${sheet.slug}: ${p}`);
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });
  for (const colorScheme of ['light', 'dark']) {
    test(`field borders have at least 3:1 contrast with what is around them (${colorScheme} scheme)`, async () => {
      const context = await suite.newContext({ colorScheme });
      try {
        const page = await context.newPage();
        await page.goto(suite.url('/worksheets/weekly-check-in/'));
        const low = await page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 1;
          const ctx = canvas.getContext('2d', { willReadFrequently: true });
          // Any CSS colour to [r, g, b, a] (0-255, a 0-1), through the canvas.
          const rgba = (css) => {
            ctx.clearRect(0, 0, 1, 1);
            ctx.fillStyle = '#000';
            ctx.fillStyle = css;
            ctx.fillRect(0, 0, 1, 1);
            const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
            return [r, g, b, a / 255];
          };
          const over = (top, under) => {
            const a = top[3];
            return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
          };
          const canvasColor = (() => {
            const probe = document.createElement('div');
            probe.style.background = 'Canvas';
            document.body.append(probe);
            const c = rgba(getComputedStyle(probe).backgroundColor);
            probe.remove();
            return c;
          })();
          // The colour behind an element, compositing its ancestors' backgrounds.
          const behind = (el) => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = rgba(getComputedStyle(e).backgroundColor);
              if (c[3] > 0) layers.push(c);
              if (c[3] >= 1) break;
            }
            let acc = canvasColor;
            for (const c of layers.reverse()) acc = over(c, acc);
            return acc;
          };
          const lum = ([r, g, b]) => {
            const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const ratio = (a, b) => {
            const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
            return (x + 0.05) / (y + 0.05);
          };
          const out = [];
          const els = document.querySelectorAll(
            '[data-worksheet] textarea.ws-input, [data-worksheet] input.ws-input[type=text], [data-worksheet] .ws-scale-number',
          );
          for (const el of els) {
            const cs = getComputedStyle(el);
            if (parseFloat(cs.borderTopWidth) === 0) {
              out.push(`${el.id || el.className}: no border at all`);
              continue;
            }
            const bg = behind(el.parentElement);
            const border = over(rgba(cs.borderTopColor), bg);
            const r = ratio(border, bg);
            if (r < 3) out.push(`${el.id || el.className + ' ' + el.textContent}: border ${cs.borderTopColor} on ${bg.slice(0, 3)} is ${r.toFixed(2)}:1`);
          }
          return { out, count: els.length, scheme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light' };
        });
        assert.equal(low.scheme, colorScheme, 'the colour scheme is emulated');
        assert.ok(low.count > 20, `fields checked: ${low.count}`);
        assert.deepEqual(low.out, [], low.out.join('\n'));
      } finally {
        await context.close();
      }
    });
  }
});
