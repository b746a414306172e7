// The workbook: every worksheet on one page, printed with a cover and a
// table of contents, each worksheet starting at the top of a new page.

import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { discoverWorksheets, norm, printToPdf, screenOnlyFound, startSuite, waitForSaved } from './helpers.mjs';

let suite;
let outDir;
before(async () => {
  suite = await startSuite();
  outDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-workbook-pdf-'));
});
after(async () => {
  await suite?.teardown();
  if (outDir && !process.env.TRELLIS_KEEP_PDF) await fsp.rm(outDir, { recursive: true, force: true });
  else if (outDir) console.log(`PDFs kept in ${outDir}`);
});

/** The non-empty lines of a page of pdftotext output, whitespace collapsed. */
function lines(pageText) {
  return pageText
    .split('\n')
    .map(norm)
    .filter((l) => l !== '');
}

const same = (a, b) => norm(a).toLowerCase() === norm(b).toLowerCase();

test('the workbook holds every worksheet in step order, with unique ids', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  try {
    const listed = await discoverWorksheets(page, suite.origin);
    await page.goto(suite.url('/workbook/'));
    const dom = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return {
        dups: [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))],
        sheets: [...document.querySelectorAll('section.workbook-sheet')].map((s) => ({
          id: s.id,
          slug: s.querySelector('[data-worksheet]')?.getAttribute('data-worksheet'),
          title: s.querySelector('.workbook-sheet-title')?.textContent.trim(),
        })),
        brokenRefs: [
          ...[...document.querySelectorAll('label[for]')].map((l) => l.htmlFor),
          ...[...document.querySelectorAll('[aria-describedby]')].flatMap((e) => e.getAttribute('aria-describedby').split(/\s+/)),
          ...[...document.querySelectorAll('[aria-labelledby]')].flatMap((e) => e.getAttribute('aria-labelledby').split(/\s+/)),
          ...[...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href').slice(1))),
        ].filter((id) => id && !document.getElementById(id)),
        radioNames: (() => {
          // A radio group must not reach across two worksheets.
          const byName = {};
          for (const r of document.querySelectorAll('input[type=radio]')) {
            const sheet = r.closest('[data-worksheet]')?.getAttribute('data-worksheet');
            (byName[r.name] ||= new Set()).add(sheet);
          }
          return Object.entries(byName).filter(([, s]) => s.size > 1).map(([n]) => n);
        })(),
      };
    });
    assert.deepEqual(dom.dups, [], `duplicate ids in the workbook: ${dom.dups.join(', ')}`);
    assert.deepEqual(dom.brokenRefs, [], `references to ids that do not exist: ${dom.brokenRefs.join(', ')}`);
    assert.deepEqual(dom.radioNames, [], `radio groups shared between worksheets: ${dom.radioNames.join(', ')}`);
    assert.deepEqual(
      dom.sheets.map((s) => s.slug),
      listed.map((s) => s.slug),
      'the workbook has the worksheets of /worksheets/, in the same (step) order',
    );
    for (const s of dom.sheets) {
      assert.equal(s.id, `sheet-${s.slug}`);
      assert.equal(s.title, listed.find((l) => l.slug === s.slug).title, `the title of ${s.slug}`);
    }

    // "Print workbook" is linked from the home page and every worksheet page.
    for (const p of ['/', ...listed.map((s) => s.path)]) {
      await page.goto(suite.url(p));
      const link = page.locator('main a[href="/workbook/"]', { hasText: /Print (the )?workbook/ });
      assert.ok((await link.count()) >= 1, `${p} links to the workbook with "Print workbook"`);
      assert.ok(await link.first().isVisible(), `the workbook link on ${p} is visible`);
    }
  } finally {
    await context.close();
  }
});

test('the printed workbook starts each worksheet at the top of a new page, on A4 and Letter', async () => {
  const context = await suite.newContext();
  const page = await context.newPage();
  try {
    // An answer typed on a worksheet's own page is printed in the workbook.
    await page.goto(suite.url('/worksheets/weekly-check-in/'));
    const typed = 'Typed on the single page, printed in the workbook.';
    await page.fill('#ws-weekly-check-in-need-a', typed);
    await waitForSaved(page);

    await page.goto(suite.url('/workbook/'));
    assert.equal(
      await page.inputValue('[data-worksheet="weekly-check-in"] [data-ws-field="need-a"]'),
      typed,
      'the workbook shares saved answers with the worksheet pages',
    );
    const sheets = await page.$$eval('section.workbook-sheet', (ss) =>
      ss.map((s) => ({
        slug: s.querySelector('[data-worksheet]').getAttribute('data-worksheet'),
        kicker: s.querySelector('.workbook-sheet-header .kicker')?.textContent ?? '',
        title: s.querySelector('.workbook-sheet-title').textContent,
      })),
    );
    assert.ok(sheets.length >= 7, `the workbook has every worksheet (found ${sheets.length})`);

    const summary = [];
    for (const format of ['A4', 'Letter']) {
      const pdf = await printToPdf(page, path.join(outDir, `workbook-${format}.pdf`), format);
      const where = `workbook (${format}, ${pdf.file})`;
      const all = norm(pdf.text);
      const pages = Array.from({ length: pdf.pages }, (_, i) => lines(pdf.pageText(i + 1)));

      for (const s of sheets) assert.ok(all.includes(norm(s.title)), `${where}: the title "${s.title}" is printed`);
      const screenOnly = screenOnlyFound(pdf.text, 'Workbook');
      assert.deepEqual(screenOnly, [], `${where}: screen-only text is printed: ${screenOnly.join('; ')}`);
      assert.ok(all.includes(typed), `${where}: the answer typed on the worksheet page is printed`);

      // Page 1: the cover and the contents, listing every worksheet.
      const cover = pages[0].join(' ');
      assert.match(cover, /Workbook/, `${where}: page 1 is the cover`);
      for (const s of sheets) assert.ok(cover.includes(norm(s.title)), `${where}: the contents on page 1 list "${s.title}"`);

      // A worksheet starts where its kicker ("Step 3: Communicate") is
      // directly followed by its title.
      const starts = new Map();
      pages.forEach((ls, p) => {
        const here = [];
        for (const s of sheets) {
          for (let i = 1; i < ls.length; i++) {
            if (same(ls[i], s.title) && same(ls[i - 1], s.kicker)) here.push({ slug: s.slug, line: i });
          }
        }
        assert.ok(
          here.length <= 1,
          `${where}: page ${p + 1} holds the start of ${here.length} worksheets (${here.map((h) => h.slug).join(', ')}):\n${ls.join('\n')}`,
        );
        for (const h of here) {
          assert.ok(!starts.has(h.slug), `${where}: "${h.slug}" starts twice (pages ${starts.get(h.slug)?.page} and ${p + 1})`);
          starts.set(h.slug, { page: p + 1, line: h.line });
        }
      });
      let prev = 1;
      for (const s of sheets) {
        const st = starts.get(s.slug);
        assert.ok(st, `${where}: no page starts with worksheet "${s.title}" (kicker "${norm(s.kicker)}")`);
        assert.ok(
          st.line <= 2,
          `${where}: "${s.title}" starts on page ${st.page} but not at the top (line ${st.line + 1}):\n${pages[st.page - 1].slice(0, 6).join('\n')}`,
        );
        assert.ok(st.page > prev, `${where}: "${s.title}" (page ${st.page}) does not come after the previous worksheet (page ${prev})`);
        prev = st.page;
      }
      // Each worksheet fits on one or two pages here too.
      const startPages = sheets.map((s) => starts.get(s.slug).page);
      const spans = startPages.map((p, i) => (i + 1 < startPages.length ? startPages[i + 1] : pdf.pages + 1) - p);
      sheets.forEach((s, i) => assert.ok(spans[i] <= 2, `${where}: "${s.title}" runs over ${spans[i]} pages`));
      summary.push(`${format}: ${pdf.pages} pages; worksheets start on pages ${startPages.join(', ')}`);
    }
    console.log(`\nWorkbook PDF: ${summary.join(' | ')}\n`);
  } finally {
    await context.close();
  }
});
