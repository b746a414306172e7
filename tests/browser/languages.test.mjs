// One guide in English, Spanish and Arabic (tests/fixtures/valid/languages):
// the language switcher, <html lang dir>, every word the theme adds in the
// page's language, plural forms, a right-to-left layout that mirrors,
// printing an Arabic worksheet, and answers shared between translations.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, norm, printToPdf, startSuite, waitForSaved } from './helpers.mjs';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/valid/languages');

let suite;
let outDir;
before(async () => {
  // Root-relative links, whatever port the test server gets.
  suite = await startSuite(FIXTURE, ['--base-url', 'https://example.org/']);
  outDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-languages-'));
});
after(async () => {
  await suite?.teardown();
  if (outDir) await fsp.rm(outDir, { recursive: true, force: true });
});

/**
 * The English theme's messages that are whole phrases (no variables), from
 * the built-in tables: none may show on a Spanish or Arabic page.
 */
function englishPhrases() {
  const dir = path.join(REPO_ROOT, 'themes/default/messages/en');
  const phrases = [];
  for (const file of ['theme.ftl', 'js.ftl']) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = line.match(/^([a-z][a-z0-9-]*) = (.+)$/);
      if (!m || m[1].startsWith('trellis-') || m[1] === 'language-name') continue;
      const text = m[2].trim();
      // Phrases of two words or more, without variables or markup.
      if (text.includes('{') || !text.includes(' ')) continue;
      phrases.push(text);
    }
  }
  return phrases;
}

/** The page's visible text outside the author's own content. */
async function themeText(page) {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    for (const el of clone.querySelectorAll('.content, [data-worksheet] .ws-prompt, script')) el.remove();
    return clone.innerText + ' ' + [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join(' ');
  });
}

describe('a guide in three languages', () => {
  test('each language is at its own root with lang, dir and its own title', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      for (const [root, lang, dir, title] of [
        ['/', 'en', 'ltr', 'Talking again'],
        ['/es/', 'es', 'ltr', 'Volver a hablar'],
        ['/ar/', 'ar', 'rtl', 'العودة إلى الحديث'],
      ]) {
        await page.goto(suite.url(root));
        const html = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          site: document.querySelector('.site-title').textContent,
          computed: getComputedStyle(document.body).direction,
        }));
        assert.deepEqual(html, { lang, dir, site: title, computed: dir }, root);
      }
    } finally {
      await context.close();
    }
  });

  test('the switcher links the same page in every language, and hreflang says so', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/es/steps/listen/'));
      const switcher = await page.$$eval('.language-switcher a', (links) =>
        links.map((a) => ({ lang: a.getAttribute('hreflang'), href: a.getAttribute('href'), current: a.getAttribute('aria-current') })),
      );
      assert.deepEqual(switcher, [
        { lang: 'en', href: '/steps/listen/', current: null },
        { lang: 'es', href: '/es/steps/listen/', current: 'true' },
        { lang: 'ar', href: '/ar/steps/listen/', current: null },
      ]);
      const alternates = await page.$$eval('link[rel=alternate][hreflang]', (links) =>
        links.map((l) => `${l.hreflang} ${new URL(l.href).pathname}`),
      );
      assert.deepEqual(alternates.sort(), [
        'ar /ar/steps/listen/',
        'en /steps/listen/',
        'es /es/steps/listen/',
        'x-default /steps/listen/',
      ]);
      await page.click('.language-switcher a[hreflang=ar]');
      await page.waitForURL(/\/ar\/steps\/listen\/$/);
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      // Links inside a language stay in it.
      const inContent = await page.$$eval('.content a', (links) => links.map((a) => a.getAttribute('href')));
      assert.deepEqual(inContent, ['/ar/worksheets/talking/']);
    } finally {
      await context.close();
    }
  });

  test('no English the theme adds is left on Spanish or Arabic pages', async () => {
    const phrases = englishPhrases();
    assert.ok(phrases.length > 60, `only ${phrases.length} English phrases found`);
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      const found = [];
      for (const lang of ['es', 'ar']) {
        for (const p of ['', 'steps/listen/', 'worksheets/talking/', 'workbook/', 'safety/', 'worksheets/']) {
          await page.goto(suite.url(`/${lang}/${p}`));
          const text = norm(await themeText(page));
          for (const phrase of phrases) {
            if (text.includes(norm(phrase))) found.push(`/${lang}/${p}: ${phrase}`);
          }
        }
      }
      assert.deepEqual(found, []);
    } finally {
      await context.close();
    }
  });

  test('plural forms and digits follow the language in the browser', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      const forms = {};
      for (const lang of ['en', 'es', 'ar']) {
        await page.goto(suite.url(`/${lang === 'en' ? '' : lang + '/'}worksheets/talking/`));
        forms[lang] = await page.evaluate(() =>
          [1, 2, 5].map((n) => window.__TRELLIS_WORKSHEETS__.msg('js-stored-locked', { count: n })),
        );
      }
      // English and Spanish: one form for 1, another for 2 and 5.
      for (const lang of ['en', 'es']) {
        const [one, two, five] = forms[lang];
        assert.notEqual(one.replace('1', '#'), two.replace('2', '#'), `${lang}: ${forms[lang]}`);
        assert.equal(two.replace('2', '#'), five.replace('5', '#'), `${lang}: ${forms[lang]}`);
      }
      // Arabic: singular, dual and plural forms, in Arabic-Indic digits.
      const [one, two, five] = forms.ar;
      assert.equal(new Set([one, two, five.replace('٥', '#')]).size, 3, forms.ar.join(' | '));
      assert.match(five, /٥/, five);
      assert.doesNotMatch(forms.ar.join(' '), /[0-9]/);
      // The page itself: "2 steps" in the Arabic dual, in Arabic digits.
      await page.goto(suite.url('/ar/'));
      const heading = await page.textContent('#trellis-home-steps-heading');
      assert.doesNotMatch(heading, /[0-9]/, heading);
      await page.goto(suite.url('/'));
      assert.equal(await page.textContent('#trellis-home-steps-heading'), 'The 2 steps');
    } finally {
      await context.close();
    }
  });

  test('right to left mirrors the navigation, partner columns, scale and pager', async () => {
    const context = await suite.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const layout = async (url) => {
        await page.goto(suite.url(url));
        return page.evaluate(() => {
          const box = (sel) => {
            const el = document.querySelector(sel);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return { left: r.left, right: r.right };
          };
          const options = [...document.querySelectorAll('.ws-scale-option')].map((o) => o.getBoundingClientRect().left);
          const columns = [...document.querySelectorAll('[data-worksheet] .ws-partner')].map((p) => p.getBoundingClientRect().left);
          return {
            nav: box('.guide-nav'),
            main: box('main'),
            firstOption: options[0],
            lastOption: options[options.length - 1],
            columns,
          };
        });
      };
      const ltr = await layout('/worksheets/talking/');
      const rtl = await layout('/ar/worksheets/talking/');
      assert.ok(ltr.nav.right <= ltr.main.left + 1, `LTR: navigation left of main ${JSON.stringify(ltr)}`);
      assert.ok(rtl.nav.left >= rtl.main.right - 1, `RTL: navigation right of main ${JSON.stringify(rtl)}`);
      assert.ok(ltr.firstOption < ltr.lastOption, 'LTR scale runs left to right');
      assert.ok(rtl.firstOption > rtl.lastOption, 'RTL scale runs right to left');
      assert.equal(rtl.columns.length, 2);
      assert.ok(ltr.columns[0] < ltr.columns[1], 'LTR: first partner on the left');
      assert.ok(rtl.columns[0] > rtl.columns[1], 'RTL: first partner on the right');
      // The pager: the next step is at the end of the line (left in RTL).
      await page.goto(suite.url('/ar/steps/listen/'));
      const pager = await page.evaluate(() => {
        const next = document.querySelector('.pager-next').getBoundingClientRect();
        const main = document.querySelector('main').getBoundingClientRect();
        return { next: next.left + next.width / 2, middle: main.left + main.width / 2 };
      });
      assert.ok(pager.next < pager.middle, `RTL: next step on the left ${JSON.stringify(pager)}`);
    } finally {
      await context.close();
    }
  });

  test('an Arabic worksheet prints with its prompts and Arabic labels', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/ar/worksheets/talking/'));
      const prompts = await page.$$eval('[data-worksheet] .ws-prompt', (els) => els.map((e) => e.textContent.trim()));
      assert.equal(prompts.length, 3);
      const pdf = await printToPdf(page, path.join(outDir, 'talking-ar.pdf'), 'A4');
      assert.ok(pdf.pages <= 2, `${pdf.pages} pages`);
      // pdftotext may write right-to-left text in either order: compare
      // words, not lines.
      const words = new Set(norm(pdf.text).split(' '));
      const reversed = new Set([...words].map((w) => [...w].reverse().join('')));
      for (const prompt of prompts) {
        for (const word of norm(prompt).replace(/[؟?.]/g, '').split(' ')) {
          assert.ok(
            words.has(word) || reversed.has(word) || [...words].some((w) => w.includes(word)),
            `"${word}" of "${prompt}" is not in the PDF:\n${pdf.text}`,
          );
        }
      }
      assert.doesNotMatch(pdf.text, /Partner A|Signature|Print this worksheet/);
    } finally {
      await context.close();
    }
  });

  test('answers typed in one language show in every translation of the worksheet', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/es/worksheets/talking/'));
      const field = '[data-worksheet] [data-ws-field="next"]';
      await page.fill(field, 'Hablar del fin de semana');
      await waitForSaved(page);
      for (const url of ['/worksheets/talking/', '/ar/worksheets/talking/', '/ar/workbook/']) {
        await page.goto(suite.url(url));
        await page.waitForFunction(
          (sel) => document.querySelector(sel)?.value === 'Hablar del fin de semana',
          field,
        );
      }
    } finally {
      await context.close();
    }
  });

  test('a step marked done in one language is done in every translation', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/ar/steps/listen/'));
      await page.click('[data-progress-toggle]');
      assert.equal(await page.getAttribute('[data-progress-toggle]', 'aria-pressed'), 'true');
      await page.goto(suite.url('/es/'));
      const go = await page.textContent('[data-progress-continue]');
      assert.match(go, /^Continuar con el paso 2: Planear/, go);
      await page.goto(suite.url('/steps/listen/'));
      assert.equal(await page.getAttribute('[data-progress-toggle]', 'aria-pressed'), 'true');
    } finally {
      await context.close();
    }
  });
});
