// Worksheets on paper: each worksheet printed to PDF on A4 and US Letter
// fits on at most two pages, shows its title and every prompt, and none of
// the screen-only parts; a long typed answer prints in full.

import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  discoverWorksheets,
  norm,
  printToPdf,
  promptKey,
  screenOnlyFound,
  startSuite,
  waitForSaved,
  worksheetSources,
} from './helpers.mjs';

const FORMATS = ['A4', 'Letter'];

let suite;
let outDir;
before(async () => {
  suite = await startSuite();
  outDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-pdf-'));
});
after(async () => {
  await suite?.teardown();
  if (outDir && !process.env.TRELLIS_KEEP_PDF) await fsp.rm(outDir, { recursive: true, force: true });
  else if (outDir) console.log(`PDFs kept in ${outDir}`);
});

describe('printing each worksheet', () => {
  test('every worksheet prints on at most two pages of A4 and of Letter, with every prompt and no navigation', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      const sheets = await discoverWorksheets(page, suite.origin);
      const sources = worksheetSources();
      assert.equal(
        sheets.length,
        sources.length,
        `/worksheets/ lists ${sheets.length} worksheets (${sheets.map((s) => s.slug)}), content/worksheets/ has ${sources.length} (${sources})`,
      );
      assert.ok(sheets.length >= 7, 'the guide has its seven worksheets');

      const counts = [];
      const problems = [];
      for (const sheet of sheets) {
        await page.goto(suite.url(sheet.path));
        const dom = await page.evaluate(() => {
          const text = (el) => (el ? el.textContent : '');
          return {
            title: text(document.querySelector('main h1')),
            guide: text(document.querySelector('.site-title')),
            prompts: [...document.querySelectorAll('[data-worksheet] .ws-prompt, [data-worksheet] li.ws-task > label')].map(text),
            partnerLabels: [...document.querySelectorAll('[data-worksheet] .ws-partner > label, [data-worksheet] .ws-signer-name')].map(text),
          };
        });
        assert.ok(dom.prompts.length > 0, `${sheet.slug}: prompts found in the DOM`);
        assert.equal(norm(dom.title), norm(sheet.title), `${sheet.slug}: the page's h1 is its title`);

        const row = { worksheet: sheet.slug };
        for (const format of FORMATS) {
          const pdf = await printToPdf(page, path.join(outDir, `${sheet.slug}-${format}.pdf`), format);
          row[format] = pdf.pages;
          const where = `${sheet.slug} (${format}, ${pdf.file})`;
          const all = norm(pdf.text);
          if (pdf.pages > 2) problems.push(`${where}: ${pdf.pages} pages, more than 2`);
          const first = norm(pdf.pageText(1));
          if (!first.includes(norm(dom.title))) problems.push(`${where}: the title "${norm(dom.title)}" is not on page 1`);
          if (!first.includes(norm(dom.guide))) problems.push(`${where}: the guide's title "${norm(dom.guide)}" is not on page 1`);
          // The @page margin box prints "1 / 2"; pdftotext may drop the small spaces.
          if (!new RegExp(`(^|\\s)1 ?/ ?${pdf.pages}(\\s|$)`).test(first)) {
            problems.push(`${where}: no page number "1 / ${pdf.pages}" on page 1`);
          }
          for (const prompt of dom.prompts) {
            const key = promptKey(prompt);
            if (!key) problems.push(`${where}: an empty prompt in the DOM`);
            else if (!all.includes(key)) problems.push(`${where}: prompt "${key}" is missing from the PDF text`);
          }
          for (const label of new Set(dom.partnerLabels.map(norm))) {
            if (!all.includes(label)) problems.push(`${where}: partner label "${label}" is missing`);
          }
          for (const nav of screenOnlyFound(pdf.text, dom.title)) {
            problems.push(`${where}: screen-only text is printed: ${nav.startsWith('a ') ? nav : `"${nav}"`}`);
          }
        }
        counts.push(row);
      }

      console.log('\nWorksheet PDF page counts (printBackground: false)');
      console.log(`${'worksheet'.padEnd(20)} ${'A4'.padStart(3)} ${'Letter'.padStart(6)}`);
      for (const r of counts) console.log(`${r.worksheet.padEnd(20)} ${String(r.A4).padStart(3)} ${String(r.Letter).padStart(6)}`);
      console.log('');

      assert.deepEqual(problems, [], '\n' + problems.join('\n'));
    } finally {
      await context.close();
    }
  });
});

describe('printing typed answers', () => {
  test('a long multi-line answer prints in full, typed or restored, on A4 and Letter', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/worksheets/our-boundaries/'));
      const answer = page.locator('[data-worksheet] .ws-answer textarea').first();
      const column = page.locator('[data-worksheet] .ws-partner textarea').first();
      assert.equal(await answer.count(), 1, 'our-boundaries has an answer box');
      assert.equal(await column.count(), 1, 'our-boundaries has a partner column');

      const lines = Array.from({ length: 15 }, (_, i) => {
        const n = String(i + 1).padStart(2, '0');
        return i === 14
          ? `Line ${n}: the very last line is long enough to wrap more than once on paper, ` +
            'because a filled answer must print its whole text and never a clipped text box: ' +
            'every word typed on screen has to reach the page, down to these final words. THE END.'
          : `Line ${n}: what I did, and how it hurt you, in my own words.`;
      });
      const text = lines.join('\n');
      const colLines = Array.from({ length: 8 }, (_, i) => `Col ${i + 1}: what I need most.`);
      await answer.fill(text);
      await column.fill(colLines.join('\n'));
      await waitForSaved(page);

      const check = async (when) => {
        for (const format of FORMATS) {
          const pdf = await printToPdf(page, path.join(outDir, `long-answer-${when}-${format}.pdf`), format);
          const all = norm(pdf.text);
          const missing = [...lines, ...colLines].filter((l) => !all.includes(norm(l)));
          assert.deepEqual(missing, [], `${when}, ${format} (${pdf.file}): lines of the typed answer missing from the PDF`);
          assert.ok(all.includes(norm(lines[14])), `${when}, ${format}: the last line is printed`);
        }
      };
      await check('typed');
      // Restored from this device after a reload, it prints the same way.
      await page.reload();
      assert.equal(await answer.inputValue(), text, 'the answer was restored');
      await check('restored');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript, typed text still prints, and empty fields print as ruled lines', async () => {
    const context = await suite.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/worksheets/trust-journal/'));
      const lines = ['First line typed without scripts', 'a second line', 'the LAST line typed without scripts'];
      await page.locator('textarea.ws-input').first().fill(lines.join('\n'));
      const pdf = await printToPdf(page, path.join(outDir, 'no-js.pdf'), 'A4');
      const text = norm(pdf.text);
      for (const l of lines) assert.ok(text.includes(l), `"${l}" is missing from the no-JS print:\n${pdf.text}`);
      // An empty answer still gets its ruled lines: the second text area's
      // box is hidden in print and its .ws-lines shown.
      const ruled = await page.evaluate(() => {
        const areas = document.querySelectorAll('textarea.ws-input');
        const empty = areas[1];
        return empty ? empty.parentElement.querySelector('.ws-lines')?.children.length ?? 0 : 0;
      });
      assert.ok(ruled > 0, 'the second answer has no ruled lines in the HTML');
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => {
        const areas = document.querySelectorAll('textarea.ws-input');
        const lines = (a) => getComputedStyle(a.parentElement.querySelector('.ws-lines')).display;
        return { filledBox: getComputedStyle(areas[0]).display, filledLines: lines(areas[0]), emptyBox: getComputedStyle(areas[1]).display, emptyLines: lines(areas[1]) };
      });
      assert.deepEqual(shown, { filledBox: 'block', filledLines: 'none', emptyBox: 'none', emptyLines: 'block' });
    } finally {
      await context.close();
    }
  });
});
