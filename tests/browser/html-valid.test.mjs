// Valid HTML: the Nu HTML Checker (the W3C's validator, npm `vnu-jar`, run
// on Debian's Java) reads every page trellis writes for the bundled guide
// and for the fixture sites, each fixture built with its own test theme and
// with the default theme. There must be no errors, except the one a
// fixture makes on purpose (`w002-heading-skipped` skips a heading level,
// which trellis warns about and the checker calls an error): it proves the
// checker reads what it is given.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { GUIDE_ROOT, REPO_ROOT, TRELLIS_BIN, run } from './helpers.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = require('vnu-jar');

/** Errors the fixtures make on purpose: `[site, message start]`. */
const EXPECTED = [['w002-heading-skipped', 'The heading “h4” (with computed level 4) follows the heading “h2”']];

let tmp;
const sites = []; // [name, output folder]

/** A copy of a fixture site, ready to build: its theme, or the default one. */
async function fixtureCopy(kind, name, defaultTheme) {
  const dir = path.join(tmp, 'src', `${name}${defaultTheme ? '-default-theme' : ''}`);
  await fsp.cp(path.join(REPO_ROOT, 'tests/fixtures', kind, name), dir, { recursive: true });
  await fsp.rm(path.join(dir, 'expected'), { recursive: true, force: true });
  const config = path.join(dir, 'guide.toml');
  if (defaultTheme) {
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^theme = .*$/m, ''));
  } else {
    await fsp.cp(path.join(REPO_ROOT, 'tests/fixtures/theme-plain'), path.join(dir, 'themes/plain'), {
      recursive: true,
    });
  }
  return dir;
}

before(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'trellis-vnu-'));
  const build = (name, root) => {
    const out = path.join(tmp, 'out', name);
    run(TRELLIS_BIN, ['build', '--quiet', '--root', root, '--output', out]);
    sites.push([name, out]);
  };
  build('guide', GUIDE_ROOT);
  for (const kind of ['valid', 'warnings']) {
    for (const name of fs.readdirSync(path.join(REPO_ROOT, 'tests/fixtures', kind)).sort()) {
      build(name, await fixtureCopy(kind, name, false));
      build(`${name}-default-theme`, await fixtureCopy(kind, name, true));
    }
  }
});

after(async () => {
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

test('every page of the guide and the fixture sites is valid HTML', () => {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.equal(java.error, undefined, 'Java is missing: scripts/test installs default-jre-headless');
  const r = spawnSync(
    'java',
    ['-Xss8m', '-jar', VNU_JAR, '--errors-only', '--skip-non-html', '--format', 'json', ...sites.map(([, out]) => out)],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  // The checker exits 1 when it finds errors; its report is on stderr.
  const report = JSON.parse(r.stderr);
  const messages = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const pages = fs
    .readdirSync(path.join(tmp, 'out'), { recursive: true })
    .filter((f) => String(f).endsWith('.html'));
  assert.ok(pages.length > 100, `only ${pages.length} pages checked`);
  const siteOf = (url) => {
    const file = decodeURIComponent(new URL(url).pathname);
    return sites.find(([, out]) => file.startsWith(out + path.sep))?.[0] ?? file;
  };
  const unexpected = [];
  const seen = new Set();
  for (const m of messages) {
    const site = siteOf(m.url);
    const expected = EXPECTED.find(([s, start]) => site.startsWith(s) && m.message.startsWith(start));
    if (expected) {
      seen.add(expected);
      continue;
    }
    unexpected.push(`${path.relative(tmp, decodeURIComponent(new URL(m.url).pathname))}:${m.lastLine}: ${m.message}\n    ${m.extract ?? ''}`);
  }
  assert.deepEqual(unexpected, [], `${unexpected.length} errors:\n${unexpected.join('\n')}`);
  // The error made on purpose was found: the checker read the pages.
  assert.equal(seen.size, EXPECTED.length, 'the checker did not report the heading skipped on purpose');
});
