// Answers that stay safe, in headless Chromium: the browser is asked to keep
// them and the page says whether it will; export, clear and import give
// everything back (progress too); damaged or foreign files change nothing;
// imported text stays text; the passphrase lock encrypts, opens only with
// the passphrase and closes again after a while; an encrypted export opens
// only with its passphrase; "Leave this site" replaces the page in history;
// a partner's answers fill the other column and print beside one's own.

import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fieldValues, norm, printToPdf, startSuite, statusText, storageEntries, waitForSaved } from './helpers.mjs';

const PREFIX = 'trellis:worksheet:v1:';

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

/** A new isolated context and a page on `url`, confirm() answered yes. */
async function openPage(url, { init } = {}) {
  const context = await suite.newContext();
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.confirms = [];
  page.on('dialog', async (d) => {
    page.confirms.push(d.message());
    if (page.confirmAnswer === false) await d.dismiss();
    else await d.accept();
  });
  if (url) await page.goto(suite.url(url));
  return { context, page };
}

async function waitForStatus(page, re, timeout = 8000) {
  await page
    .waitForFunction(
      (src) => [...document.querySelectorAll('[role="status"]')].some((s) => new RegExp(src).test(s.textContent)),
      re.source,
      { timeout },
    )
    .catch(async () => {
      throw new Error(`no status line matched ${re}; it says: "${await statusText(page)}"`);
    });
}

async function clearStatus(page) {
  await page.evaluate(() => document.querySelectorAll('[role="status"]').forEach((s) => { s.textContent = ''; }));
}

/** Click an action and catch the file it downloads: [path, text]. */
async function exportVia(page, selector = '[data-ws-toolbar] [data-ws-action="export"]') {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await download.path();
  return [file, await fsp.readFile(file, 'utf8'), download.suggestedFilename()];
}

/** Choose `file` (a path or {name, buffer}) with the button `selector`. */
async function chooseFile(page, selector, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(selector)]);
  await chooser.setFiles(file);
}

const asFile = (content) => ({
  name: 'answers.json',
  mimeType: 'application/json',
  buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
});

const WEEK = 'Week of 3 March';
const HELD_BACK = 'I was afraid to say it:\n  I still check your phone sometimes.';

async function fillCheckIn(page) {
  await page.fill('#ws-weekly-check-in-week', WEEK);
  await page.fill('#ws-weekly-check-in-held-back-a', HELD_BACK);
  await page.check('#ws-weekly-check-in-feeling-a-7');
  await waitForSaved(page);
}

describe('keeping answers', () => {
  test('the browser is asked to keep the answers at the first save, and the page says whether it will', async () => {
    for (const granted of [true, false]) {
      const { context, page } = await openPage('/worksheets/weekly-check-in/', {
        init: `window.__persistCalls = 0;
          navigator.storage.persisted = () => Promise.resolve(window.__granted === true);
          navigator.storage.persist = () => { window.__persistCalls++; window.__granted = ${granted}; return Promise.resolve(${granted}); };`,
      });
      try {
        assert.ok(await page.locator('[data-ws-kept]').isHidden(), 'nothing is said before anything is kept');
        assert.equal(await page.evaluate(() => window.__persistCalls), 0, 'not asked before the first save');
        await fillCheckIn(page);
        await page.waitForFunction(() => !document.querySelector('[data-ws-kept]').hidden);
        assert.equal(await page.evaluate(() => window.__persistCalls), 1, 'asked once');
        const kept = norm(await page.textContent('[data-ws-kept]'));
        const reminder = page.locator('[data-ws-unexported]');
        if (granted) {
          assert.match(kept, /agreed to keep your answers/);
          assert.ok(await reminder.isHidden());
        } else {
          assert.match(kept, /may delete answers.*Export a copy/);
          assert.ok(await reminder.isVisible(), 'a reminder to export when answers changed since the last export');
          await exportVia(page, '[data-ws-unexported] [data-ws-action="export"]');
          await page.waitForFunction(() => document.querySelector('[data-ws-unexported]').hidden);
        }
      } finally {
        await context.close();
      }
    }
  });
});

describe('export, clear and import', () => {
  test('one file holds every worksheet and the progress; clear, import, and everything is back', async () => {
    const { context, page } = await openPage('/worksheets/weekly-check-in/');
    try {
      await fillCheckIn(page);
      const checkIn = await fieldValues(page);
      await page.goto(suite.url('/worksheets/owning-it/'));
      await page.fill('#ws-owning-it-what-i-did', 'I hid the messages.');
      await waitForSaved(page);
      const owning = await fieldValues(page);
      // Progress through the steps, as the step pages keep it.
      await page.evaluate(() => localStorage.setItem('trellis:progress:v1', JSON.stringify({
        format: 'trellis-progress', version: 1, done: { 'commit-as-a-team': '2026-03-02T09:00:00.000Z' },
      })));
      const before = await storageEntries(page);

      const [file, text, name] = await exportVia(page);
      assert.match(name, /^answers-\d{4}-\d\d-\d\d\.json$/);
      const exported = JSON.parse(text);
      assert.equal(exported.format, 'trellis-answers');
      assert.equal(exported.version, 2);
      assert.deepEqual(Object.keys(exported.worksheets).sort(), ['owning-it', 'weekly-check-in']);
      assert.deepEqual(exported.progress, { 'commit-as-a-team': '2026-03-02T09:00:00.000Z' });

      // Clear everything, from the workbook, after a confirmation.
      await page.goto(suite.url('/workbook/'));
      await page.click('[data-ws-action="clear-all"]');
      await waitForStatus(page, /Everything trellis kept on this device has been cleared/);
      assert.equal(page.confirms.length, 1, 'clearing everything asks first');
      assert.deepEqual(Object.keys(await storageEntries(page)).filter((k) => k.startsWith('trellis:')), []);

      // Import: a preview first, then the answers and progress are back.
      await chooseFile(page, '[data-ws-panel] [data-ws-action="import"]', file);
      const dialog = page.locator('dialog.ws-dialog');
      await dialog.waitFor();
      const preview = norm(await dialog.textContent());
      assert.match(preview, /Weekly check-in: 3 answers, not on this device yet/);
      assert.match(preview, /Owning it: 1 answer, not on this device yet/);
      await dialog.getByRole('button', { name: /Add to what is here/ }).click();
      await waitForStatus(page, /Imported 4 answers in 2 worksheets/);
      const after = await storageEntries(page);
      for (const key of [PREFIX + 'weekly-check-in', PREFIX + 'owning-it', 'trellis:progress:v1']) {
        assert.ok(after[key], `${key} is back`);
      }
      assert.deepEqual(JSON.parse(after[PREFIX + 'owning-it']).fields, JSON.parse(before[PREFIX + 'owning-it']).fields);
      assert.deepEqual(JSON.parse(after['trellis:progress:v1']), JSON.parse(before['trellis:progress:v1']));
      await page.goto(suite.url('/worksheets/weekly-check-in/'));
      assert.deepEqual(await fieldValues(page), checkIn);
      await page.goto(suite.url('/worksheets/owning-it/'));
      assert.deepEqual(await fieldValues(page), owning);

      // Replacing everything, or cancelling, from the worksheet page.
      const other = { ...exported, worksheets: { 'owning-it': { saved_at: new Date().toISOString(), fields: { 'what-i-did': 'Another text.' } } }, progress: {} };
      await chooseFile(page, '[data-ws-toolbar] [data-ws-action="import"]', asFile(other));
      await dialog.waitFor();
      assert.match(norm(await dialog.textContent()), /Owning it: 1 answer, newer than on this device/);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await waitForStatus(page, /Import cancelled/);
      assert.deepEqual(await fieldValues(page), owning, 'a cancelled import changes nothing');
      await chooseFile(page, '[data-ws-toolbar] [data-ws-action="import"]', asFile(other));
      await dialog.getByRole('button', { name: /Replace everything/ }).click();
      await waitForStatus(page, /Imported 1 answer in 1 worksheet/);
      assert.equal((await fieldValues(page))['what-i-did'], 'Another text.');
      const replaced = await storageEntries(page);
      assert.equal(replaced[PREFIX + 'weekly-check-in'], undefined, 'replace removes what the file does not hold');
      assert.equal(replaced['trellis:progress:v1'], undefined);
    } finally {
      await context.close();
    }
  });

  test('a damaged or foreign file is refused with a clear reason and changes nothing', async () => {
    const { context, page } = await openPage('/worksheets/weekly-check-in/');
    try {
      await fillCheckIn(page);
      const values = await fieldValues(page);
      const stored = await storageEntries(page);
      const good = { format: 'trellis-answers', version: 2, exported_at: new Date().toISOString(), guide: 'x', worksheets: { 'weekly-check-in': { saved_at: new Date().toISOString(), fields: { week: 'Imported' } } }, progress: {} };
      const text = JSON.stringify(good);
      const cases = [
        ['cut off half way', text.slice(0, text.length / 2), /damaged: it is not a complete trellis answers file/],
        ['not JSON', 'hello', /damaged: it is not a complete/],
        ['another format', { ...good, format: 'something-else' }, /not a trellis answers file/],
        ['a spreadsheet export', [{ week: 1 }], /not a trellis answers file/],
        ['a newer version', { ...good, version: 3 }, /newer version of trellis/],
        ['a worksheet that is not an object', { ...good, worksheets: { 'weekly-check-in': 'x' } }, /damaged: parts of it/],
        ['nothing in it', { ...good, worksheets: {} }, /holds no answers/],
      ];
      for (const [what, content, re] of cases) {
        await clearStatus(page);
        await chooseFile(page, '[data-ws-toolbar] [data-ws-action="import"]', asFile(content));
        await waitForStatus(page, re).catch((e) => { throw new Error(`${what}: ${e.message}`); });
        assert.equal(await page.locator('dialog.ws-dialog').count(), 0, `${what}: no preview`);
        assert.deepEqual(await fieldValues(page), values, `${what}: the fields are unchanged`);
        assert.deepEqual(await storageEntries(page), stored, `${what}: storage is unchanged`);
      }
    } finally {
      await context.close();
    }
  });

  test('imported text is put in as text, never as HTML', async () => {
    const { context, page } = await openPage('/worksheets/weekly-check-in/');
    try {
      const evil = '<img src=x onerror="window.__pwned = 1">';
      const evilB = '</textarea><script>window.__pwned = 2</script><b id="injected">bold</b>';
      const file = { format: 'trellis-answers', version: 2, exported_at: new Date().toISOString(), guide: '<b>x</b>', worksheets: { 'weekly-check-in': { saved_at: new Date().toISOString(), fields: { 'appreciated-a': evil, 'need-b': evilB, 'not-a-field': 'skip me', 'feeling-a': 5 } } }, progress: {} };
      await chooseFile(page, '[data-ws-toolbar] [data-ws-action="import"]', asFile(file));
      await page.locator('dialog.ws-dialog').getByRole('button', { name: /Add to what is here/ }).click();
      await waitForStatus(page, /Imported/);
      const state = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        injected: !!document.getElementById('injected'),
        markup: document.querySelectorAll('[data-worksheet] img, [data-worksheet] script, [data-worksheet] svg').length,
        a: document.querySelector('#ws-weekly-check-in-appreciated-a').value,
        aPrint: document.querySelector('#ws-weekly-check-in-appreciated-a').parentElement.querySelector('.ws-print').textContent,
      }));
      assert.deepEqual(state, { pwned: null, injected: false, markup: 0, a: evil, aPrint: evil });
      const stored = JSON.parse((await storageEntries(page))[PREFIX + 'weekly-check-in']);
      assert.ok(!('feeling-a' in stored.fields), 'a value of the wrong type is not stored');
    } finally {
      await context.close();
    }
  });
});

describe('the passphrase lock', () => {
  test('encrypts the answers, opens only with the passphrase, and closes again after a while', async () => {
    const { context, page } = await openPage('/worksheets/owning-it/', { init: 'window.__TRELLIS_LOCK_AFTER_MS__ = 4000;' });
    try {
      const secret = 'I hid the messages from you for a year.';
      await page.fill('#ws-owning-it-what-i-did', secret);
      await waitForSaved(page);
      // The shared-device warning on a worksheet written alone.
      assert.match(norm(await page.textContent('.ws-private')), /This worksheet is for you alone/);

      await page.goto(suite.url('/workbook/'));
      await page.fill('#trellis-lock-new', 'correct horse battery');
      await page.fill('#trellis-lock-again', 'correct horse battery');
      await page.click('[data-ws-lock-setup] button[type="submit"]');
      await waitForStatus(page, /now locked with your passphrase/);
      const raw = await storageEntries(page);
      const all = JSON.stringify(raw);
      assert.ok(!all.includes('hid the messages'), 'no answer text is stored in the clear');
      const box = JSON.parse(raw[PREFIX + 'owning-it']);
      assert.equal(box.format, 'trellis-encrypted');
      const vault = JSON.parse(raw['trellis:vault:v1']);
      assert.equal(vault.kdf.name, 'PBKDF2');
      assert.equal(vault.kdf.hash, 'SHA-256');
      assert.ok(vault.kdf.iterations >= 600000);

      // A new write gets a new IV.
      await page.goto(suite.url('/worksheets/owning-it/'));
      assert.equal(await page.inputValue('#ws-owning-it-what-i-did'), secret, 'still open in this tab');
      await page.fill('#ws-owning-it-what-i-did', secret + ' ');
      await page.waitForFunction((iv) => JSON.parse(localStorage.getItem('trellis:worksheet:v1:owning-it')).iv !== iv, box.iv);

      // Lock now: the answers leave the screen.
      await page.click('[data-ws-toolbar] [data-ws-action="lock-now"]');
      await page.locator('[data-ws-unlock]').first().waitFor();
      assert.equal(await page.inputValue('#ws-owning-it-what-i-did'), '');
      assert.ok(await page.isDisabled('#ws-owning-it-what-i-did'));
      // The wrong passphrase is refused; the right one opens.
      await page.fill('[data-ws-unlock] input[type="password"]', 'wrong passphrase');
      await page.click('[data-ws-unlock] button[type="submit"]');
      await page.waitForFunction(() => /does not open these answers/.test(document.querySelector('[data-ws-unlock-status]').textContent));
      assert.equal(await page.inputValue('#ws-owning-it-what-i-did'), '');
      await page.fill('[data-ws-unlock] input[type="password"]', 'correct horse battery');
      await page.click('[data-ws-unlock] button[type="submit"]');
      await waitForStatus(page, /Unlocked/);
      assert.equal(await page.inputValue('#ws-owning-it-what-i-did'), secret + ' ');

      // Left alone, it locks itself.
      await page.locator('[data-ws-unlock]').first().waitFor({ timeout: 10000 });
      assert.equal(await page.inputValue('#ws-owning-it-what-i-did'), '', 'locked again after the timeout');
      // And stays locked on the next page load.
      await page.reload();
      await page.locator('[data-ws-unlock]').first().waitFor();
      assert.equal(await page.inputValue('#ws-owning-it-what-i-did'), '');
    } finally {
      await context.close();
    }
  });

  test('an export made while locked opens only with the passphrase', async () => {
    const { context, page } = await openPage('/workbook/');
    try {
      await page.fill('#ws-owning-it-what-i-did', 'Locked answer.');
      await waitForSaved(page);
      await page.fill('#trellis-lock-new', 'a long passphrase');
      await page.fill('#trellis-lock-again', 'a long passphrase');
      await page.click('[data-ws-lock-setup] button[type="submit"]');
      await waitForStatus(page, /now locked/);
      const [file, text] = await exportVia(page, '[data-ws-panel] [data-ws-action="export"]');
      const sealed = JSON.parse(text);
      assert.equal(sealed.format, 'trellis-answers-encrypted');
      assert.ok(!text.includes('Locked answer'));

      // Another device (a fresh context): the wrong passphrase changes nothing.
      const other = await openPage('/workbook/');
      try {
        const p2 = other.page;
        await chooseFile(p2, '[data-ws-panel] [data-ws-action="import"]', file);
        const ask = p2.locator('dialog.ws-dialog');
        await ask.locator('input[type="password"]').fill('not it');
        await ask.getByRole('button', { name: 'Open' }).click();
        await waitForStatus(p2, /passphrase does not open the file/);
        assert.deepEqual(Object.keys(await storageEntries(p2)).filter((k) => k.startsWith('trellis:worksheet')), []);
        await chooseFile(p2, '[data-ws-panel] [data-ws-action="import"]', file);
        await ask.locator('input[type="password"]').fill('a long passphrase');
        await ask.getByRole('button', { name: 'Open' }).click();
        await ask.getByRole('button', { name: /Add to what is here/ }).click();
        await waitForStatus(p2, /Imported 1 answer/);
        assert.equal(await p2.inputValue('#ws-owning-it-what-i-did'), 'Locked answer.');
      } finally {
        await other.context.close();
      }
    } finally {
      await context.close();
    }
  });
});

describe('leaving quickly', () => {
  const NEUTRAL = 'https://www.wikipedia.org/';

  async function neutralPage(context) {
    // No network here: the neutral site is answered by the test.
    await context.route(`${NEUTRAL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Wikipedia</title><p>Neutral page</p>' }));
  }

  test('the button and three taps of Shift leave, and Back does not come back', async () => {
    for (const how of ['button', 'shift']) {
      const context = await suite.newContext();
      await neutralPage(context);
      const page = await context.newPage();
      try {
        await page.goto(suite.url('/worksheets/owning-it/'));
        const link = page.locator('[data-quick-exit]');
        assert.equal(await link.getAttribute('href'), NEUTRAL);
        assert.ok(await link.isVisible());
        if (how === 'button') {
          await link.click();
        } else {
          // Typing capitals (Shift held with a letter) is not leaving.
          await page.focus('#ws-owning-it-what-i-did');
          for (let i = 0; i < 3; i++) {
            await page.keyboard.down('Shift');
            await page.keyboard.press('KeyA');
            await page.keyboard.up('Shift');
          }
          await page.waitForTimeout(200);
          assert.match(page.url(), /owning-it/, 'typing capitals did not leave');
          for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
        }
        await page.waitForURL(NEUTRAL);
        await page.goBack().catch(() => {});
        assert.doesNotMatch(page.url(), /owning-it/, `${how}: Back returned to the guide`);
      } finally {
        await context.close();
      }
    }
  });

  test('without JavaScript the control is a plain link to the neutral site', async () => {
    const context = await suite.newContext({ javaScriptEnabled: false });
    await neutralPage(context);
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/safety/'));
      await page.click('[data-quick-exit]');
      await page.waitForURL(NEUTRAL);
      // The safety page says how it works.
      await page.goto(suite.url('/safety/'));
      assert.match(norm(await page.textContent('main')), /Leave this site.*Shift key three times/);
    } finally {
      await context.close();
    }
  });
});

describe('partners together', () => {
  test("a partner's export fills the other column, on screen and in print", async () => {
    // Partner B's device: they wrote in their own column.
    const b = await openPage('/worksheets/weekly-check-in/');
    let file;
    try {
      await b.page.fill('#ws-weekly-check-in-need-b', 'An evening walk together.');
      await b.page.fill('#ws-weekly-check-in-appreciated-b', 'You cooked on Tuesday.');
      await waitForSaved(b.page);
      [file] = await exportVia(b.page);
      // Keep the file past the context.
      const kept = path.join(suite.site.tmp, 'partner-b.json');
      await fsp.copyFile(file, kept);
      file = kept;
    } finally {
      await b.context.close();
    }
    const a = await openPage('/worksheets/weekly-check-in/');
    try {
      await a.page.fill('#ws-weekly-check-in-need-a', 'Time to talk on Sundays.');
      await waitForSaved(a.page);
      await chooseFile(a.page, '[data-ws-action="import-partner"]', file);
      await waitForStatus(a.page, /partner's 2 answers are in the “Partner B” column/);
      assert.equal(a.page.confirms.length, 1, 'asked first');
      const values = await fieldValues(a.page);
      assert.equal(values['need-a'], 'Time to talk on Sundays.', 'my column is kept');
      assert.equal(values['need-b'], 'An evening walk together.');
      assert.equal(values['appreciated-b'], 'You cooked on Tuesday.');
      const pdf = await printToPdf(a.page, path.join(suite.site.tmp, 'partners.pdf'), 'A4');
      const text = norm(pdf.text);
      for (const words of ['Time to talk on Sundays.', 'An evening walk together.', 'You cooked on Tuesday.', 'Partner A', 'Partner B']) {
        assert.ok(text.includes(words), `the PDF shows "${words}"`);
      }
    } finally {
      await a.context.close();
    }
  });
});
