// A guide in Russian, Arabic and Japanese (tests/fixtures/valid/many-scripts,
// built with the default theme): a Russian worksheet whose field ids come
// from Cyrillic prompts is filled, saved, restored after a reload, and
// printed; the PDF holds its prompts and the typed answer.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, fieldValues, norm, printToPdf, startSuite, waitForSaved } from './helpers.mjs';

let suite;
let guide;
before(async () => {
  // The fixture uses the plain test theme; build a copy with the default one.
  guide = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-scripts-'));
  await fsp.cp(path.join(REPO_ROOT, 'tests/fixtures/valid/many-scripts'), guide, { recursive: true });
  await fsp.rm(path.join(guide, 'expected'), { recursive: true, force: true });
  const config = path.join(guide, 'guide.toml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^theme = .*$/m, ''));
  suite = await startSuite(guide);
});
after(async () => {
  await suite?.teardown();
  if (guide) await fsp.rm(guide, { recursive: true, force: true });
});

describe('a worksheet in Russian', () => {
  test('is filled in, saved, restored after a reload, and printed with its prompts and answers', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    try {
      await page.goto(suite.url('/worksheets/chestnost/'));
      const answer = page.locator('textarea[data-ws-field^="что-я-готов-сделать"]');
      await answer.fill('Каждый вечер рассказывать, как прошёл день.');
      await page.locator('input[data-ws-field="насколько-я-сегодня-доверяю-партнёру"][value="7"]').check();
      await page.getByLabel('Погулять вместе').check();
      await waitForSaved(page);
      const saved = await fieldValues(page);
      // The ids are the Cyrillic prompts, cut to 48 characters.
      const long = Object.keys(saved).find((k) => k.startsWith('что-я-готов-сделать'));
      assert.ok(long && [...long].length <= 48, long);
      await page.reload();
      assert.deepEqual(await fieldValues(page), saved);

      const file = path.join(suite.site.tmp, 'chestnost.pdf');
      const pdf = await printToPdf(page, file, 'A4');
      const text = norm(pdf.text);
      assert.ok(pdf.pages <= 2, `${pdf.pages} pages`);
      for (const prompt of [
        'Лист честности',
        'Что я готов сделать на этой неделе',
        'Насколько я сегодня доверяю партнёру?',
        'Что мне нужно от тебя на этой неделе?',
        'Погулять вместе',
        'Партнёр А',
      ]) {
        assert.ok(text.includes(prompt), `the PDF lacks "${prompt}":\n${pdf.text}`);
      }
      assert.ok(text.includes('Каждый вечер рассказывать, как прошёл день.'), pdf.text);
    } finally {
      await context.close();
    }
  });
});
