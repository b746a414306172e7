// trellis serve in a real browser: a page open in headless Chromium is
// patched in place after a content save (scroll, focus, typed text and open
// <details> kept), reloads after a template save, swaps a stylesheet without
// reloading, shows the error overlay for a broken page and clears it on the
// fix, and reconnects after the server restarts.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { REPO_ROOT, TRELLIS_BIN, launch } from './helpers.mjs';

let site;
let server;
let chrome;
let page;

async function copyGuide() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-serve-'));
  await fsp.copyFile(path.join(REPO_ROOT, 'guide.toml'), path.join(dir, 'guide.toml'));
  await fsp.cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  await fsp.cp(path.join(REPO_ROOT, 'themes'), path.join(dir, 'themes'), { recursive: true });
  return dir;
}

/** Start `trellis serve` and resolve once it prints its URL and has built. */
function startServer(root, port = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(TRELLIS_BIN, ['serve', '--port', String(port), '--root', root], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let url = null;
    const done = () => url && /Built in/.test(log) && resolve({ child, url, log: () => log });
    child.stderr.on('data', (d) => { log += d; done(); });
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const m = /^Serving at (http:\/\/[^ ]+)$/.exec(line.trim());
      if (!m) reject(new Error(`unexpected first line: ${line}`));
      url = m[1];
      done();
    });
    child.once('exit', (code) => reject(new Error(`trellis serve exited with ${code}\n${log}`)));
    setTimeout(() => reject(new Error(`trellis serve did not start\n${log}`)), 30000).unref();
  });
}

function stop(s) {
  return new Promise((resolve) => {
    if (!s || s.child.exitCode !== null) return resolve();
    s.child.removeAllListeners('exit');
    s.child.once('exit', resolve);
    s.child.kill('SIGINT');
  });
}

const step = () => path.join(site, 'content', 'steps', '03-communicate.md');

before(async () => {
  site = await copyGuide();
  server = await startServer(site);
  chrome = await launch();
  page = await chrome.context.newPage();
  page.setDefaultTimeout(10000);
});

after(async () => {
  await chrome?.close();
  await stop(server);
  await fsp.rm(site, { recursive: true, force: true });
});

test('a content save patches the page in place, keeping scroll, focus, typed text and open details', async () => {
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.goto(server.url + 'worksheets/weekly-check-in/');
  await page.evaluate(() => { window.__beforeSave = true; });
  const sheet = path.join(site, 'content', 'worksheets', 'weekly-check-in.md');
  const text = await fsp.readFile(sheet, 'utf8');
  const box = page.locator('textarea[data-ws-field]').last();
  await box.fill('Typed before the save.');
  // The field in view, the edit well above it (the worksheet's intro).
  await box.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.evaluate(() => { document.querySelector('details').open = true; });
  await box.focus();
  const scrolled = await page.evaluate(() => window.scrollY);
  const boxTop = await box.evaluate((el) => el.getBoundingClientRect().top);
  const [fm, body] = [text.slice(0, text.indexOf('+++', 3) + 3), text.slice(text.indexOf('+++', 3) + 3)];
  const intro = 'Patched in place. This sentence is long enough to take a line or two of its own above the field. ';
  const edited = fm + body.replace(/\n([A-Z])/, `\n${intro}$1`);
  await fsp.writeFile(sheet, edited);
  await page.waitForFunction(() => document.querySelector('main').textContent.includes('Patched in place.'));
  const after = await page.evaluate(() => ({
    same: window.__beforeSave === true,
    scrollY: window.scrollY,
    open: document.querySelector('details').open,
    focused: document.activeElement && document.activeElement.tagName,
    boxTop: [...document.querySelectorAll('textarea[data-ws-field]')].pop().getBoundingClientRect().top,
    toolbar: !document.querySelector('[data-ws-toolbar]').hidden,
    introAbove: (() => {
      const p = [...document.querySelectorAll('.worksheet p')].find((e) => e.textContent.includes('Patched in place.'));
      const box = [...document.querySelectorAll('textarea[data-ws-field]')].pop();
      return !!p && p.getBoundingClientRect().bottom <= box.getBoundingClientRect().top;
    })(),
  }));
  assert.ok(after.same, 'the page reloaded instead of being patched');
  // What the reader looks at stays put: the field they type in is where it
  // was on screen, and the page did not jump to the top.
  assert.ok(scrolled > 200, `scrolled to ${scrolled}`);
  // The new sentence is above the field, and the page did not jump: the
  // view followed the content above as it changed.
  assert.ok(after.introAbove, 'the new sentence is above the field');
  assert.ok(Math.abs(after.scrollY - scrolled) > 5, `the view followed the content above (${scrolled} -> ${after.scrollY})`);
  assert.ok(Math.abs(after.boxTop - boxTop) < 2, `the field moved from ${boxTop} to ${after.boxTop} on screen`);
  assert.ok(after.open, 'an open <details> was closed');
  assert.equal(after.focused, 'TEXTAREA', 'the focused field lost focus');
  assert.ok(after.toolbar, 'the worksheet toolbar was hidden again');
  assert.equal(await box.inputValue(), 'Typed before the save.');
  await fsp.writeFile(sheet, text);
  await page.waitForFunction(() => !document.querySelector('main').textContent.includes('Patched in place.'));
});

test('a template save reloads the page', async () => {
  await page.goto(server.url + 'steps/communicate/');
  await page.evaluate(() => { window.__beforeSave = true; });
  const template = path.join(site, 'themes', 'default', 'templates', 'step.html');
  const text = await fsp.readFile(template, 'utf8');
  const reloaded = page.waitForEvent('load');
  await fsp.writeFile(template, text.replace('{% block main %}', '{% block main %}<p class="from-template">Template edit</p>'));
  await reloaded;
  assert.equal(await page.evaluate(() => window.__beforeSave), undefined, 'the page did not reload');
  assert.equal(await page.locator('.from-template').count(), 1);
  const again = page.waitForEvent('load');
  await fsp.writeFile(template, text);
  await again;
});

test('a stylesheet change is swapped in without a reload', async () => {
  await page.goto(server.url + 'steps/communicate/');
  await page.evaluate(() => { window.__noReload = true; });
  const css = path.join(site, 'themes', 'default', 'static', 'css', 'trellis.css');
  await fsp.appendFile(css, '\nbody { outline: 3px solid rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)');
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page reloaded for a CSS change');
});

test('a broken page shows the overlay; the fix clears it', async () => {
  await page.goto(server.url + 'steps/communicate/');
  const good = await fsp.readFile(step(), 'utf8');
  await fsp.writeFile(step(), good.replace('worksheet = "weekly-check-in"', 'worksheet = "weekly-chek-in"'));
  const overlay = page.locator('#trellis-error-overlay');
  await overlay.waitFor({ state: 'visible' });
  const text = await overlay.textContent();
  assert.match(text, /content\/steps\/03-communicate\.md:\d+:1/);
  assert.match(text, /unknown worksheet `weekly-chek-in`/);
  assert.match(text, /did you mean `weekly-check-in`\?/);
  // The last good page is still what is served.
  const res = await page.request.get(server.url + 'steps/communicate/');
  assert.equal(res.status(), 200);
  // A page opened now shows the overlay at once.
  const other = await chrome.context.newPage();
  await other.goto(server.url);
  await other.locator('#trellis-error-overlay').waitFor({ state: 'visible' });
  await other.close();
  await fsp.writeFile(step(), good);
  await page.locator('#trellis-error-overlay').waitFor({ state: 'detached' });
  assert.match(await page.textContent('main'), /Communicate/);
});

test('the page reconnects after the server restarts and reloads for the new build', async () => {
  await page.goto(server.url + 'safety/');
  await page.evaluate(() => { window.__beforeRestart = true; });
  const port = new URL(server.url).port;
  await stop(server);
  server = await startServer(site, port);
  await page.waitForFunction(() => window.__beforeRestart === undefined, null, { timeout: 15000 });
  assert.match(await page.textContent('h1'), /Safety/);
});
