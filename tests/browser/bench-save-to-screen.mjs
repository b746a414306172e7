// Benchmark: from a save to the edit visible in the browser, with
// `trellis serve` (the release binary) and headless Chromium.
//
//   node tests/browser/bench-save-to-screen.mjs [--pages N] [--saves N]
//
// Copies the bundled guide (plus N generated pages with --pages), starts
// `trellis serve`, opens a page, and then, --saves times (default 40), appends
// a new word to a paragraph of that page's source and records when the word
// is on screen: a MutationObserver in the page notes the moment it appears
// and the frame after it is painted. The clock is the same on both sides
// (performance.timeOrigin + performance.now(), in Node and in Chromium).
// Prints the median, p95 and worst, how many saves were patched in place or
// reloaded, and how many were missed (not on screen within 2 s).
// Not a test: nothing here passes or fails.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { REPO_ROOT, TRELLIS_BIN, launch } from './helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAGES = arg('--pages', 0);
const SAVES = arg('--saves', 40);
const MISSED_AFTER_MS = 2000;

const now = () => performance.timeOrigin + performance.now();

async function makeGuide() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-bench-'));
  await fsp.copyFile(path.join(REPO_ROOT, 'guide.toml'), path.join(dir, 'guide.toml'));
  await fsp.cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  await fsp.cp(path.join(REPO_ROOT, 'themes'), path.join(dir, 'themes'), { recursive: true });
  if (PAGES > 0) {
    const prose = fs.readFileSync(path.join(REPO_ROOT, 'content/steps/03-communicate.md'), 'utf8');
    const body = prose.split('+++')[2].replaceAll('](', '](../../steps/').replaceAll('../../steps/../', '../../');
    for (let i = 0; i < PAGES; i++) {
      const section = path.join(dir, 'content', 'library', `part-${String(i % 100).padStart(3, '0')}`);
      fs.mkdirSync(section, { recursive: true });
      fs.writeFileSync(
        path.join(section, `page-${String(i).padStart(5, '0')}.md`),
        `+++\ntitle = "Reading ${i}"\nsummary = "Generated page ${i}."\nweight = ${i}\n+++\n\n## Reading ${i}\n\n${body}`,
      );
    }
  }
  return dir;
}

function startServer(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(TRELLIS_BIN, ['serve', '--port', '0', '--root', root], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let url = null;
    const done = () => url && /Built in/.test(log) && resolve({ child, url });
    child.stderr.on('data', (d) => { log += d; done(); });
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      url = line.trim().replace(/^Serving at /, '');
      done();
    });
    child.once('exit', (code) => reject(new Error(`trellis serve exited with ${code}\n${log}`)));
  });
}

// In the page: resolve with the time `marker` is in the page and painted.
function seen(marker) {
  return new Promise((resolve) => {
    const check = () => {
      if (!document.body || !document.body.textContent.includes(marker)) return;
      observer.disconnect();
      const found = performance.timeOrigin + performance.now();
      requestAnimationFrame(() => resolve({ found, painted: performance.timeOrigin + performance.now() }));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, characterData: true });
    check();
  });
}

// page.evaluate, again after a navigation that destroyed the context.
async function evaluate(page, fn, arg) {
  for (;;) {
    try {
      return await page.evaluate(fn, arg);
    } catch (err) {
      if (!/context was destroyed|navigat/i.test(String(err))) throw err;
      await page.waitForLoadState('load');
    }
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * q))];

const guide = await makeGuide();
const server = await startServer(guide);
const chrome = await launch();
try {
  const page = await chrome.context.newPage();
  const [file, url] = PAGES > 0
    ? ['content/library/part-000/page-00000.md', 'library/part-000/page-00000/']
    : ['content/steps/03-communicate.md', 'steps/communicate/'];
  await page.goto(server.url + url);
  await page.waitForTimeout(300);
  const source = path.join(guide, file);
  const original = fs.readFileSync(source, 'utf8');
  const latencies = [];
  let missed = 0;
  let reloads = 0;
  for (let i = 0; i < SAVES; i++) {
    const marker = `edit${i}x${Date.now()}`;
    await evaluate(page, () => { window.__samePage = true; });
    const waiting = page.evaluate(seen, marker);
    const text = original.replace(/\n\n([A-Z][^\n]{20,})\n/, `\n\n$1 ${marker}\n`);
    const saved = now();
    fs.writeFileSync(source, text);
    const result = await Promise.race([
      waiting.catch(() => null),
      new Promise((r) => setTimeout(() => r('timeout'), MISSED_AFTER_MS)),
    ]);
    if (result === 'timeout') {
      missed += 1;
    } else if (result === null) {
      // The page navigated (a reload): time the marker on the new page.
      reloads += 1;
      await page.waitForLoadState('load');
      const t = await evaluate(page, seen, marker);
      latencies.push(t.painted - saved);
    } else {
      if (!(await evaluate(page, () => window.__samePage === true))) reloads += 1;
      latencies.push(result.painted - saved);
    }
    // Let the save settle before the next one (a new debounce window).
    await page.waitForTimeout(150);
  }
  fs.writeFileSync(source, original);
  latencies.sort((a, b) => a - b);
  const ms = (x) => (x === undefined ? '-' : x.toFixed(1));
  console.log(
    `site: bundled guide${PAGES ? ` + ${PAGES} generated pages` : ''}; page /${url}; ${SAVES} saves`,
  );
  console.log(
    `save to screen: median ${ms(quantile(latencies, 0.5))} ms, p95 ${ms(quantile(latencies, 0.95))} ms, worst ${ms(latencies.at(-1))} ms; patched ${latencies.length - reloads}, reloaded ${reloads}, missed ${missed}`,
  );
} finally {
  await chrome.close();
  server.child.kill('SIGINT');
  await fsp.rm(guide, { recursive: true, force: true });
}
