// `trellis build --pdf`: every worksheet and the workbook as PDF in A4 and
// US Letter, beside their pages, linked only when built; and the print
// layout those PDFs (and a reader's own "Print") share: groups kept on one
// page, a running title on continuation pages, the trust journal on one
// page, filled answers keeping their ruled lines, every worksheet on at
// most two pages, blank and filled.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  buildSite,
  discoverWorksheets,
  norm,
  printToPdf,
  promptKey,
  readPdf,
  run,
  screenOnlyFound,
  startSuite,
  waitForSaved,
  worksheetSources,
} from './helpers.mjs';

const PAPERS = [
  { name: 'a4', format: 'A4', size: /^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)$/m },
  { name: 'letter', format: 'Letter', size: /^Page size:\s+612 x 792 pts \(letter\)$/m },
];

let suite; // the guide built with --pdf, served
let plain; // the same guide built without it
let outDir;
before(async () => {
  suite = await startSuite(undefined, ['--pdf']);
  plain = await buildSite();
  outDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-pdf-'));
});
after(async () => {
  await suite?.teardown();
  if (plain) await fsp.rm(plain.tmp, { recursive: true, force: true });
  if (outDir && !process.env.TRELLIS_KEEP_PDF) await fsp.rm(outDir, { recursive: true, force: true });
  else if (outDir) console.log(`PDFs kept in ${outDir}`);
});

/** The built HTML of `urlPath` (`/worksheets/owning-it/`) in a build's output. */
function html(out, urlPath) {
  return fs.readFileSync(path.join(out, urlPath, 'index.html'), 'utf8');
}

/** The page (1-based) of a PDF whose text holds `needle`, or 0. */
function pageWith(pdf, needle) {
  for (let n = 1; n <= pdf.pages; n++) if (norm(pdf.pageText(n)).includes(norm(needle))) return n;
  return 0;
}

/** Every worksheet page and the workbook: [{slug, path, title, prompts}]. */
async function sheetsWithPrompts(page) {
  const sheets = await discoverWorksheets(page, suite.origin);
  const out = [];
  for (const sheet of [...sheets, { slug: 'workbook', path: '/workbook/', title: 'Workbook' }]) {
    await page.goto(suite.url(sheet.path));
    const dom = await page.evaluate(() => ({
      title: document.title,
      lang: document.documentElement.lang,
      prompts: [...document.querySelectorAll('[data-worksheet] .ws-prompt, [data-worksheet] li.ws-task > label')].map(
        (el) => el.textContent,
      ),
      pdfLinks: [...document.querySelectorAll('.pdf-links a')].map((a) => a.getAttribute('href')),
    }));
    out.push({ ...sheet, ...dom });
  }
  return out;
}

describe('trellis build --pdf', () => {
  test('every worksheet and the workbook has an A4 and a Letter PDF beside it, linked from its page', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      const sheets = await sheetsWithPrompts(page);
      assert.equal(sheets.length, worksheetSources().length + 1, 'every worksheet and the workbook');
      const problems = [];
      const rows = [];
      for (const sheet of sheets) {
        const row = { sheet: sheet.slug };
        const expected = PAPERS.map((p) => `${sheet.path}${sheet.slug}-${p.name}.pdf`);
        assert.deepEqual(sheet.pdfLinks, expected, `${sheet.slug}: the page links its two PDFs`);
        for (const [i, paper] of PAPERS.entries()) {
          const file = path.join(suite.site.out, expected[i]);
          const where = `${sheet.slug} (${paper.name})`;
          if (!fs.existsSync(file)) {
            problems.push(`${where}: ${expected[i]} was not built`);
            continue;
          }
          const info = run('pdfinfo', [file]);
          const pdf = readPdf(file);
          row[paper.name] = pdf.pages;
          if (!paper.size.test(info)) problems.push(`${where}: not ${paper.format}: ${info.match(/^Page size:.*$/m)}`);
          if (sheet.slug !== 'workbook' && pdf.pages > 2) problems.push(`${where}: ${pdf.pages} pages, more than 2`);
          if (!/^Tagged:\s+yes$/m.test(info)) problems.push(`${where}: not a tagged PDF`);
          const title = info.match(/^Title:\s+(.*)$/m)?.[1];
          if (norm(title ?? '') !== norm(sheet.title)) problems.push(`${where}: title "${title}", page's <title> is "${sheet.title}"`);
          const raw = fs.readFileSync(file, 'latin1');
          if (!raw.includes(`/Lang (${sheet.lang})`)) problems.push(`${where}: no /Lang (${sheet.lang})`);
          if (!raw.includes('/Outlines')) problems.push(`${where}: no outline`);
          if (/\/(CreationDate|ModDate) \(D:/.test(raw)) problems.push(`${where}: carries the time it was printed`);
          const all = norm(pdf.text);
          for (const prompt of sheet.prompts) {
            const key = promptKey(prompt);
            if (!all.includes(key)) problems.push(`${where}: prompt "${key}" is missing`);
          }
          for (const chrome of screenOnlyFound(pdf.text, sheet.title.split(' · ')[0])) problems.push(`${where}: site chrome printed: ${chrome}`);
          if (all.includes('Download PDF')) problems.push(`${where}: the PDF links are printed`);
        }
        rows.push(row);
      }
      console.log('\nPDF page counts (trellis build --pdf)');
      for (const r of rows) console.log(`${r.sheet.padEnd(20)} A4 ${String(r.a4).padStart(2)}  Letter ${String(r.letter).padStart(2)}`);
      assert.deepEqual(problems, [], '\n' + problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('without --pdf no PDF is built and no page links one', () => {
    const files = (out) => fs.readdirSync(out, { recursive: true }).map(String);
    const linking = (out) =>
      files(out).filter((f) => f.endsWith('.html') && /\.pdf"|pdf-links/.test(fs.readFileSync(path.join(out, f), 'utf8')));
    assert.deepEqual(files(plain.out).filter((f) => f.endsWith('.pdf')), [], 'a build without --pdf writes no PDF');
    assert.deepEqual(linking(plain.out), [], 'pages link PDFs without --pdf');
    // With --pdf, the same check finds every worksheet page and the workbook.
    assert.equal(linking(suite.site.out).length, worksheetSources().length + 1, `pages linking PDFs: ${linking(suite.site.out)}`);
  });

  test('two builds give the same PDFs, byte for byte', async () => {
    const again = await buildSite(undefined, ['--pdf']);
    try {
      const list = fs
        .readdirSync(suite.site.out, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => path.join(suite.site.out, f))
        .sort();
      assert.ok(list.length >= 16, `found ${list.length} PDFs`);
      const differ = list.filter((f) => {
        const other = path.join(again.out, path.relative(suite.site.out, f));
        return !fs.existsSync(other) || !fs.readFileSync(f).equals(fs.readFileSync(other));
      });
      assert.deepEqual(differ, [], 'PDFs that differ between two builds');
      // Chromium's temporary profile is gone once the build is done.
      const profiles = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('trellis-pdf-profile-'));
      assert.deepEqual(profiles, [], 'Chromium profiles left in the temporary folder');
    } finally {
      await fsp.rm(again.tmp, { recursive: true, force: true });
    }
  });
});

describe('print layout, in the built PDFs', () => {
  const pdfOf = (slug, paper) => readPdf(path.join(suite.site.out, 'worksheets', slug, `${slug}-${paper}.pdf`));

  test('the signatures of "Our commitment" print on the page of the agreement they sign', () => {
    for (const { name } of PAPERS) {
      const pdf = pdfOf('our-commitment', name);
      const agreement = pageWith(pdf, 'We agree to start rebuilding trust');
      assert.ok(agreement > 0, `${name}: the agreement is printed`);
      const text = norm(pdf.pageText(agreement));
      const after = text.slice(text.indexOf('We agree to start rebuilding trust'));
      for (const word of ['Signatures', 'Name', 'Signature', 'Date']) {
        assert.ok(after.includes(word), `${name}: "${word}" is not on page ${agreement} after the agreement:\n${text}`);
      }
    }
  });

  test('a date\'s When, Where and What in "Reconnection plan" print on one page', () => {
    for (const { name } of PAPERS) {
      const pdf = pdfOf('reconnection-plan', name);
      const heading = pageWith(pdf, 'Our next date');
      assert.ok(heading > 0, `${name}: "Our next date" is printed`);
      const lines = pdf.pageText(heading).split('\n').map(norm);
      for (const prompt of ['When', 'Where', 'What we’ll do, and who will arrange what']) {
        assert.ok(lines.includes(norm(prompt)), `${name}: "${prompt}" is not on page ${heading} with "Our next date"`);
      }
      assert.ok(norm(pdf.text).includes('Our own ideas'), `${name}: room for the couple's own ideas`);
    }
  });

  test('the trust journal prints on one page', () => {
    for (const { name } of PAPERS) {
      assert.equal(pdfOf('trust-journal', name).pages, 1, `trust journal, ${name}`);
    }
  });

  test('pages after the first carry the worksheet\'s and the guide\'s titles; in the workbook, each worksheet\'s', () => {
    const guide = 'Rebuilding Trust';
    let continued = 0;
    for (const slug of worksheetSources().map((f) => f.replace(/\.md$/, ''))) {
      for (const { name } of PAPERS) {
        const pdf = pdfOf(slug, name);
        const title = norm(html(suite.site.out, `/worksheets/${slug}/`).match(/<h1[^>]*>([^<]*)<\/h1>/)[1]);
        for (let n = 2; n <= pdf.pages; n++) {
          continued++;
          const top = pdf.pageText(n).split('\n').map(norm).find((l) => l);
          assert.equal(top, `${title} · ${guide}`, `${slug} (${name}) page ${n} starts with its running title`);
        }
        assert.ok(!norm(pdf.pageText(1)).includes(`${title} · ${guide}`), `${slug} (${name}): no running title on page 1`);
      }
    }
    assert.ok(continued > 0, 'some worksheet has a second page');
    for (const { name } of PAPERS) {
      const pdf = readPdf(path.join(suite.site.out, 'workbook', `workbook-${name}.pdf`));
      for (let n = 2; n <= pdf.pages; n++) {
        const top = pdf.pageText(n).split('\n').map(norm).find((l) => l);
        assert.match(top, / · Workbook · Rebuilding Trust$/, `workbook (${name}) page ${n}`);
        // The running title names the worksheet printed on that page.
        const sheet = top.replace(/ · Workbook · Rebuilding Trust$/, '');
        assert.ok(norm(pdf.text).includes(sheet), `workbook (${name}) page ${n}: "${sheet}" is a worksheet`);
      }
    }
  });

  test('no worksheet leaves a single block alone on its last page of the workbook', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    let prompts;
    try {
      await page.goto(suite.url('/workbook/'));
      prompts = await page.$$eval('[data-worksheet] .ws-prompt, [data-worksheet] li.ws-task > label', (els) =>
        els.map((el) => el.textContent),
      );
    } finally {
      await context.close();
    }
    const keys = [...new Set(prompts.map(promptKey))];
    assert.ok(keys.length > 20, `the workbook's prompts (${keys.length})`);
    const problems = [];
    for (const { name } of PAPERS) {
      const pdf = readPdf(path.join(suite.site.out, 'workbook', `workbook-${name}.pdf`));
      for (let n = 2; n <= pdf.pages; n++) {
        const text = norm(pdf.pageText(n));
        // A worksheet's first page starts with its kicker ("STEP 3: …").
        if (/(^| )(STEP \d+:|WORKSHEET) /.test(text)) continue;
        const on = keys.filter((k) => text.includes(k));
        if (on.length < 2) problems.push(`workbook (${name}) page ${n} holds one block alone: ${on}`);
      }
    }
    assert.deepEqual(problems, [], '\n' + problems.join('\n'));
  });
});

describe('printing filled worksheets', () => {
  test('filled with typical answers, every worksheet prints on at most two pages, and a filled answer keeps its ruled lines', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      const sheets = await discoverWorksheets(page, suite.origin);
      const counts = [];
      const problems = [];
      for (const sheet of sheets) {
        await page.goto(suite.url(sheet.path));
        const fields = page.locator('[data-worksheet] textarea.ws-input, [data-worksheet] input.ws-input[type="text"]');
        const n = await fields.count();
        for (let i = 0; i < n; i++) {
          const field = fields.nth(i);
          const multi = (await field.evaluate((el) => el.tagName)) === 'TEXTAREA';
          await field.fill(
            multi
              ? `A typical answer, a sentence or two long: what I felt, and why it matters to me now (${i + 1}).\nAnd one more thought.`
              : `Saturday ${i + 1}`,
          );
        }
        for (const scale of await page.locator('[data-worksheet] fieldset.ws-scale').all()) {
          await scale.locator('label.ws-scale-option').nth(1).click();
        }
        for (const box of await page.locator('[data-worksheet] .ws-task input.ws-check').all()) await box.check();
        if (n) await waitForSaved(page);

        // In print, a filled answer shows its text and still all its lines.
        await page.emulateMedia({ media: 'print' });
        const lineCheck = await page.evaluate(() =>
          [...document.querySelectorAll('[data-worksheet] .ws-answer.is-filled, [data-worksheet] .ws-partner.is-filled')].map((box) => {
            const lines = box.querySelector('.ws-lines');
            const print = box.querySelector('.ws-print');
            const want = Number(getComputedStyle(lines).getPropertyValue('--ws-lines')) || 0;
            const shown = [...lines.querySelectorAll('.ws-line')].filter((l) => l.getBoundingClientRect().height > 0).length;
            return { id: box.querySelector('[data-ws-field]')?.dataset.wsField, want, shown, text: print.getBoundingClientRect().height > 0 };
          }),
        );
        await page.emulateMedia({ media: null });
        if (n && !lineCheck.length) problems.push(`${sheet.slug}: no filled answer found`);
        for (const b of lineCheck) {
          if (!b.text) problems.push(`${sheet.slug}: the text of ${b.id} is not printed`);
          if (b.shown < b.want) problems.push(`${sheet.slug}: ${b.id} prints ${b.shown} of its ${b.want} ruled lines`);
        }

        const row = { worksheet: sheet.slug };
        for (const { format } of PAPERS) {
          const pdf = await printToPdf(page, path.join(outDir, `filled-${sheet.slug}-${format}.pdf`), format);
          row[format] = pdf.pages;
          if (pdf.pages > 2) problems.push(`${sheet.slug} filled (${format}): ${pdf.pages} pages, more than 2`);
          if (n && !norm(pdf.text).includes('A typical answer') && !norm(pdf.text).includes('Saturday 1')) {
            problems.push(`${sheet.slug} filled (${format}): the answers are not printed`);
          }
        }
        counts.push(row);
      }
      console.log('\nFilled worksheet PDF page counts');
      for (const r of counts) console.log(`${r.worksheet.padEnd(20)} A4 ${r.A4}  Letter ${r.Letter}`);
      assert.deepEqual(problems, [], '\n' + problems.join('\n'));
    } finally {
      await context.close();
    }
  });
});
