// Nothing leaves the site: every request a page makes, while loading and
// while answers are typed, saved, exported and printed, goes to the site's
// own server, and no answer travels in any request.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { discoverWorksheets, startSuite, waitForSaved } from './helpers.mjs';

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.teardown();
});

test('no page makes a request to any other host, and no answer is sent anywhere', async () => {
  const context = await suite.newContext();
  const requests = [];
  const failed = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  // A favicon still loading when the test moves on is cancelled by the
  // browser (net::ERR_ABORTED): that is not a failure.
  context.on('requestfailed', (r) => {
    if (r.url().endsWith('/favicon.svg') && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  try {
    const page = await context.newPage();
    const visited = [];
    const visit = async (p) => {
      visited.push(p);
      await page.goto(suite.url(p), { waitUntil: 'load' });
    };

    await visit('/');
    const firstStep = await page.$eval('a[href^="/steps/"][href$="/"]:not([href="/steps/"])', (a) => a.getAttribute('href'));
    await visit(firstStep);
    await visit('/steps/');
    const sheets = await discoverWorksheets(page, suite.origin);
    visited.push('/worksheets/');
    assert.equal(sheets.length, 7, 'seven worksheets listed');
    for (const s of sheets) await visit(s.path);
    await visit('/workbook/');
    await visit('/safety/');
    await visit('/no-such-page/');
    await visit('/404.html');

    // Fill in a worksheet, save, export, print.
    const secret = 'SECRET-ANSWER-7f3a never leaves this device';
    await visit('/worksheets/weekly-check-in/');
    await page.fill('#ws-weekly-check-in-week', secret);
    await page.fill('#ws-weekly-check-in-need-a', secret + '\nsecond line');
    await page.check('#ws-weekly-check-in-feeling-a-3');
    await waitForSaved(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#trellis-ws-action-export')]);
    await download.path();
    await page.pdf({ format: 'A4' });
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    await visit('/workbook/');
    await page.locator('[data-worksheet="our-commitment"] textarea').first().fill(secret);
    await waitForSaved(page);
    await page.pdf({ format: 'Letter' });
    await page.close();

    const origin = suite.origin + '/';
    const offsite = requests.filter(
      ({ url }) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
    );
    assert.deepEqual(
      offsite.map((r) => r.url),
      [],
      `requests that left the site (${suite.origin}):\n${offsite.map((r) => r.url).join('\n')}`,
    );

    // The recording really saw the pages and their assets.
    const seen = new Set(requests.map((r) => new URL(r.url).pathname));
    for (const p of visited) {
      assert.ok(seen.has(p), `the request for ${p} was recorded (saw ${[...seen].join(', ')})`);
    }
    // The theme's assets, under their content-hashed names.
    for (const re of [/^\/css\/trellis\.[0-9a-f]{16}\.css$/, /^\/js\/worksheet\.[0-9a-f]{16}\.js$/]) {
      assert.ok([...seen].some((p) => re.test(p)), `a request matching ${re} was recorded (saw ${[...seen].join(', ')})`);
    }

    const notGet = requests.filter((r) => r.method !== 'GET' && !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
    assert.deepEqual(notGet.map((r) => `${r.method} ${r.url}`), [], 'nothing is posted');
    const leaks = requests.filter((r) => /SECRET-ANSWER/.test(decodeURIComponent(r.url)) || /SECRET-ANSWER/.test(r.body || ''));
    assert.deepEqual(leaks.map((r) => r.url), [], 'no request carries an answer');
    assert.deepEqual(failed.filter((f) => !f.includes('/no-such-page/')), [], `requests that failed:\n${failed.join('\n')}`);
  } finally {
    await context.close();
  }
});
