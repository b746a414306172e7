// Shared set-up for the browser tests: build the guide with the real trellis
// binary, serve the output with a tiny static server, and drive Debian's
// headless Chromium through playwright-core. Nothing here downloads a
// browser; if Chromium or the binary is missing the tests fail loudly.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(here, '..', '..');
/** The guide to build: this repository's, unless TRELLIS_GUIDE_ROOT names another (a modified copy). */
export const GUIDE_ROOT = path.resolve(process.env.TRELLIS_GUIDE_ROOT || REPO_ROOT);
export const TRELLIS_BIN = path.resolve(
  process.env.TRELLIS_BIN || path.join(REPO_ROOT, 'target', 'release', 'trellis'),
);
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Run a command, throw with its output when it fails. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/**
 * Build a guide into a fresh temporary folder; returns its paths. `root` is
 * the guide's folder: the bundled guide (or TRELLIS_GUIDE_ROOT) by default.
 */
export async function buildSite(root = GUIDE_ROOT, buildArgs = []) {
  if (!fs.existsSync(TRELLIS_BIN)) {
    throw new Error(
      `trellis binary not found at ${TRELLIS_BIN}: run \`cargo build --release\` or set TRELLIS_BIN`,
    );
  }
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-browser-'));
  const out = path.join(tmp, 'public');
  try {
    run(TRELLIS_BIN, ['build', '--quiet', '--root', root, '--output', out, ...buildArgs]);
    if (!fs.existsSync(path.join(out, 'index.html'))) {
      throw new Error(`trellis build wrote no index.html into ${out}`);
    }
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return { tmp, out };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serve `root` on 127.0.0.1 (a free port). A folder serves its index.html;
 * anything outside `root` or missing is a 404.
 */
export async function serve(root) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel;
      try {
        rel = decodeURIComponent(url.pathname);
      } catch {
        rel = null;
      }
      let file = rel === null || rel.includes('\0') ? null : path.resolve(base, '.' + path.posix.normalize('/' + rel));
      if (file && file !== base && !file.startsWith(base + path.sep)) file = null;
      let stat = file ? await fsp.stat(file).catch(() => null) : null;
      if (stat && stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat || !stat.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).pipe(res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Launch Chromium with a fresh profile. */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package`);
  }
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
  });
  const browser = context.browser();
  return {
    context,
    browser,
    profile,
    async close() {
      await context.close().catch(() => {});
      await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * Everything a test file needs: the built site, its server and a browser.
 * Call in `before`, and `teardown()` in `after`.
 */
export async function startSuite(root = GUIDE_ROOT, buildArgs = []) {
  const site = await buildSite(root, buildArgs);
  const server = await serve(site.out);
  let chrome;
  try {
    chrome = await launch();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    site,
    origin: server.origin,
    url: (p) => server.origin + p,
    browser: chrome.browser,
    persistent: chrome.context,
    /** A fresh, isolated browser context (its own localStorage). */
    async newContext(opts = {}) {
      const context = await chrome.browser.newContext({ acceptDownloads: true, ...opts });
      // Fail in seconds, not in Playwright's default 30, when something never shows up.
      context.setDefaultTimeout(10000);
      return context;
    },
    async teardown() {
      await chrome.close();
      await server.close();
      await fsp.rm(site.tmp, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Collapse whitespace and unify compatibility characters (ligatures). */
export function norm(s) {
  return String(s).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The worksheets listed on /worksheets/, in order: [{slug, title, path}]. */
export async function discoverWorksheets(page, origin) {
  await page.goto(origin + '/worksheets/');
  const links = await page.$$eval('.page-card-title a', (as) =>
    as.map((a) => ({ href: a.getAttribute('href'), title: a.textContent.trim() })),
  );
  return links.map(({ href, title }) => {
    const m = href.match(/\/worksheets\/([a-z0-9-]+)\/$/);
    if (!m) throw new Error(`unexpected worksheet link ${href} on /worksheets/`);
    return { slug: m[1], title, path: href };
  });
}

/** The worksheet Markdown files in content/worksheets/ (not _index.md). */
export function worksheetSources() {
  const dir = path.join(GUIDE_ROOT, 'content', 'worksheets');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== '_index.md')
    .sort();
}

/**
 * Wait until the status line says "Saved on this device" and what is stored
 * for every worksheet on the page matches its fields (text only when not
 * empty, checkboxes as booleans, a scale as the chosen value's string; no key
 * at all for a worksheet left blank).
 */
export async function waitForSaved(page, timeout = 5000) {
  await page
    .waitForFunction(
      () => {
        const s = document.querySelector('[role="status"]');
        // "Saved on this device", in the page's language.
        const saved = window.__TRELLIS_WORKSHEETS__?.msg('js-saved') || 'Saved on this device';
        if (!s || !s.textContent.includes(saved)) return false;
        for (const root of document.querySelectorAll('[data-worksheet]')) {
          const fields = {};
          let blank = true;
          for (const el of root.querySelectorAll('[data-ws-field]')) {
            const name = el.getAttribute('data-ws-field');
            if (el.type === 'checkbox') {
              fields[name] = el.checked;
              if (el.checked !== el.defaultChecked) blank = false;
            } else if (el.type === 'radio') {
              if (el.checked) fields[name] = el.value;
              if (el.checked !== el.defaultChecked) blank = false;
            } else if (el.value !== '') {
              fields[name] = el.value;
              blank = false;
            }
          }
          const raw = localStorage.getItem('trellis:worksheet:v1:' + root.getAttribute('data-worksheet'));
          if (blank) {
            if (raw !== null) return false;
            continue;
          }
          if (raw === null) return false;
          const stored = JSON.parse(raw).fields;
          const a = Object.keys(fields).sort();
          const b = Object.keys(stored).sort();
          if (a.join('\n') !== b.join('\n')) return false;
          if (a.some((k) => fields[k] !== stored[k])) return false;
        }
        return true;
      },
      null,
      { timeout },
    )
    .catch(async (err) => {
      const status = await page.locator('[role="status"]').first().textContent().catch(() => '?');
      throw new Error(`answers were not saved within ${timeout} ms (status line: "${status}"): ${err.message}`);
    });
}

/** The status line's text. */
export async function statusText(page) {
  return (await page.locator('[role="status"]').first().textContent()).trim();
}

/** Every field value of a worksheet page, keyed by data-ws-field. */
export async function fieldValues(page, scope = '[data-worksheet]') {
  return page.$$eval(`${scope} [data-ws-field]`, (els) => {
    const out = {};
    for (const el of els) {
      const name = el.getAttribute('data-ws-field');
      if (el.type === 'checkbox') out[name] = el.checked;
      else if (el.type === 'radio') {
        if (el.checked) out[name] = el.value;
        else if (!(name in out)) out[name] = null;
      } else out[name] = el.value;
    }
    return out;
  });
}

/** Read all localStorage entries of the page's origin. */
export async function storageEntries(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** Write a PDF of the page and return {file, pages, text, pageText(n)}. */
export async function printToPdf(page, file, format) {
  await page.pdf({ path: file, format, printBackground: false });
  return readPdf(file);
}

/** Page count and text of a PDF, through poppler's pdfinfo and pdftotext. */
export function readPdf(file) {
  const info = run('pdfinfo', [file]);
  const m = info.match(/^Pages:\s+(\d+)/m);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}:\n${info}`);
  const pages = Number(m[1]);
  const text = run('pdftotext', ['-layout', file, '-']);
  return {
    file,
    pages,
    text,
    pageText: (n) => run('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-']),
  };
}

/** Text of screen-only parts that must never reach paper. */
export const SCREEN_ONLY = [
  'Skip to main content',
  'Before you begin',
  'All worksheets',
  'Print the workbook',
  'Print workbook',
  'Print this worksheet',
  'Export answers',
  'Import answers',
  'Clear answers',
  'Safety & help',
  'Made with trellis',
  'Not safe at home?',
  'saved only in this browser',
  'Saved on this device',
  'Open this worksheet on its own page',
];

/** A distinctive start of a prompt: the whole text, or 20-40 characters cut at a word end. */
export function promptKey(text) {
  const t = norm(text);
  if (t.length <= 40) return t;
  const cut = t.slice(0, 40);
  const space = cut.lastIndexOf(' ');
  return space >= 20 ? cut.slice(0, space) : cut;
}

/**
 * Screen-only text found in a PDF's text: the phrases of SCREEN_ONLY, the
 * navigation menu's "Steps" summary on a line of its own, and a breadcrumb
 * trail ("… Worksheets … <title>" on one line).
 */
export function screenOnlyFound(pdfText, title) {
  const found = [];
  const all = norm(pdfText);
  for (const phrase of SCREEN_ONLY) if (all.includes(phrase)) found.push(phrase);
  for (const raw of pdfText.split('\n')) {
    const line = norm(raw);
    if (line === 'Steps' || line === 'The steps') found.push(`a line "${line}" (the navigation menu)`);
    if (title && line.includes('Worksheets') && line.includes(norm(title))) found.push(`a breadcrumb line "${line}"`);
  }
  return found;
}

/**
 * A copy of the bundled guide plus `n` generated pages in 20 sections, each
 * with the prose of step 3, a marker word found on that page only
 * (`zq<i>x`), and on some pages a Russian or a Japanese sentence. Returns
 * the guide's folder (remove it when done).
 */
export async function generateGuide(n) {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-search-split-'));
  for (const item of ['guide.toml', 'content', 'themes']) {
    await fsp.cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
  }
  const prose = fs.readFileSync(path.join(REPO_ROOT, 'content/steps/03-communicate.md'), 'utf8').split('+++')[2]
    .replaceAll('](', '](../../steps/')
    .replaceAll('../../steps/../', '../../');
  for (let i = 0; i < n; i++) {
    const dir = path.join(root, 'content', 'library', `part-${String(i % 20).padStart(2, '0')}`);
    fs.mkdirSync(dir, { recursive: true });
    const extra = [
      `A marker found on this page only: zq${i}x.`,
      i % 50 === 7 ? 'Доверие восстанавливается медленно.' : '',
      i % 50 === 9 ? '信頼を取り戻すには時間がかかります。' : '',
    ].join(' ');
    fs.writeFileSync(
      path.join(dir, `page-${String(i).padStart(5, '0')}.md`),
      `+++\ntitle = "Reading ${i}"\n+++\n\n## Notes ${i}\n\n${extra}\n\n${prose}`,
    );
  }
  return root;
}

