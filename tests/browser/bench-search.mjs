// Search on a large generated guide, in headless Chromium: for each query,
// on a fresh page, how many bytes of index it loads (as sent, and gzipped
// as a static host would serve them) and how long from typing to results.
//
//   cargo build --release
//   node tests/browser/bench-search.mjs [--pages 10000]

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateGuide, startSuite } from './helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAGES = arg('--pages', 10000);
const QUERIES = ['zq4371x', 'Reading 5120', 'доверие', '信頼', 'zq43', 'listen', 'trust', 'reading', 'the', 'boundar', 'partner listen', 'zq4371x xylophone'];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const guide = await generateGuide(PAGES);
const t0 = Date.now();
const suite = await startSuite(guide);
console.log(`generated ${PAGES} pages; built in ${((Date.now() - t0) / 1000).toFixed(1)} s (with start-up)`);
const whole = fs.readFileSync(path.join(suite.site.out, 'search-index.js'));
const split = fs.existsSync(path.join(suite.site.out, 'search'));
let total = 0;
if (split) for (const f of fs.readdirSync(path.join(suite.site.out, 'search'))) total += fs.statSync(path.join(suite.site.out, 'search', f)).size;
console.log(`index: ${split ? `split, ${(total / 1048576).toFixed(1)} MiB in search/, manifest ${whole.length} B` : `whole, ${whole.length} B`}`);
const context = await suite.newContext({ viewport: { width: 1280, height: 900 } });
const rows = [];
for (const q of QUERIES) {
  const page = await context.newPage();
  await page.goto(suite.url('/steps/communicate/'));
  await page.keyboard.press('/');
  const started = Date.now();
  await page.fill('#trellis-search-input', q);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]').textContent;
    return /\S/.test(s) && !/Loading/i.test(s);
  });
  const ms = Date.now() - started;
  const files = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => /\/search(-index\.js|\/)/.test(e.name)).map((e) => new URL(e.name).pathname),
  );
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(suite.site.out, decodeURIComponent(f)));
    raw += bytes.length;
    gz += zlib.gzipSync(bytes).length;
  }
  const n = await page.$$eval('#trellis-search-results [role=option]', (o) => o.length);
  rows.push({ q, files: files.length, raw, gz, ms, n });
  await page.close();
}
await context.close();
await suite.teardown();
await fsp.rm(guide, { recursive: true, force: true });
for (const r of rows) {
  console.log(`${JSON.stringify(r.q).padEnd(22)} ${String(r.n).padStart(3)} results  ${String(r.files).padStart(3)} files  ${(r.raw / 1024).toFixed(1).padStart(7)} KB  ${(r.gz / 1024).toFixed(1).padStart(6)} KB gzip  ${String(r.ms).padStart(5)} ms`);
}
console.log(`median ${(median(rows.map((r) => r.raw)) / 1024).toFixed(1)} KB (${(median(rows.map((r) => r.gz)) / 1024).toFixed(1)} KB gzip), max ${(Math.max(...rows.map((r) => r.raw)) / 1024).toFixed(1)} KB (${(Math.max(...rows.map((r) => r.gz)) / 1024).toFixed(1)} KB gzip); typing to results median ${median(rows.map((r) => r.ms))} ms, max ${Math.max(...rows.map((r) => r.ms))} ms`);
