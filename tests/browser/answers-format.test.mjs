// Unit tests for the answers file format (themes/default/static/js/answers.js),
// run in Node: versions, damaged and foreign files, merging, encryption.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers.mjs';

const require = createRequire(import.meta.url);
const A = require(path.join(REPO_ROOT, 'themes/default/static/js/answers.js'));

const state = {
  worksheets: {
    'weekly-check-in': { saved_at: '2026-03-03T10:00:00.000Z', fields: { week: 'Week 1', 'feeling-a': '7', 'task-walk': true } },
    'owning-it': { saved_at: '2026-03-01T10:00:00.000Z', fields: { 'what-i-did': 'I lied.' } },
  },
  progress: { 'commit-as-a-team': '2026-03-02T09:00:00.000Z' },
};

const code = (fn) => {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return 'accepted';
};

test('an export is version 2 and reads back to the same answers and progress', () => {
  const exported = A.makeExport(state, 'Rebuilding Trust', '2026-03-04T00:00:00.000Z');
  assert.equal(exported.format, 'trellis-answers');
  assert.equal(exported.version, 2);
  const parsed = A.parseExport(JSON.stringify(exported));
  assert.equal(parsed.encrypted, false);
  assert.deepEqual(parsed.state, state);
  assert.equal(parsed.exportedAt, '2026-03-04T00:00:00.000Z');
});

test('a version 1 file (one worksheet) still imports', () => {
  const v1 = { format: 'trellis-worksheet', version: 1, worksheet: 'owning-it', saved_at: '2026-01-01T00:00:00.000Z', fields: { a: 'x' } };
  const parsed = A.parseExport(JSON.stringify(v1));
  assert.deepEqual(parsed.state, { worksheets: { 'owning-it': { saved_at: '2026-01-01T00:00:00.000Z', fields: { a: 'x' } } }, progress: {} });
});

test('damaged, foreign and newer files are refused with their own reason', () => {
  const good = A.makeExport(state, 'T', '2026-03-04T00:00:00.000Z');
  const text = JSON.stringify(good);
  assert.equal(code(() => A.parseExport(text.slice(0, text.length / 2))), 'json');
  assert.equal(code(() => A.parseExport('[1, 2]')), 'foreign');
  assert.equal(code(() => A.parseExport(JSON.stringify({ ...good, format: 'other' }))), 'foreign');
  assert.equal(code(() => A.parseExport(JSON.stringify({ ...good, version: 3 }))), 'newer');
  assert.equal(code(() => A.parseExport(JSON.stringify({ ...good, version: '2' }))), 'damaged');
  assert.equal(code(() => A.parseExport(JSON.stringify({ ...good, worksheets: [] }))), 'damaged');
  assert.equal(code(() => A.parseExport(JSON.stringify({ ...good, worksheets: { x: { fields: 'no' } } }))), 'damaged');
  assert.equal(code(() => A.parseExport(JSON.stringify({ format: 'trellis-worksheet', version: 2, worksheet: 'x', fields: {} }))), 'newer');
  assert.equal(code(() => A.parseExport('x'.repeat(5 * 1024 * 1024))), 'big');
  // Values of the wrong kind are dropped, not stored.
  const odd = A.parseExport(JSON.stringify({ ...good, worksheets: { x: { saved_at: 'not a date', fields: { a: 1, b: { c: 2 }, d: 'ok', e: false } } } }));
  assert.deepEqual(odd.state.worksheets.x, { saved_at: null, fields: { d: 'ok', e: false } });
});

test('a summary says, worksheet by worksheet, what an import brings and how it compares', () => {
  const incoming = {
    worksheets: {
      'weekly-check-in': { saved_at: '2026-03-05T00:00:00.000Z', fields: { week: 'Week 2' } },
      'owning-it': { saved_at: '2026-02-01T00:00:00.000Z', fields: { 'what-i-did': 'x', other: '' } },
      'our-boundaries': { saved_at: null, fields: { need: 'Time.', 'task-talk': true } },
    },
    progress: {},
  };
  assert.deepEqual(A.summarize(incoming, state), [
    { slug: 'our-boundaries', answers: 2, saved_at: null, relation: 'new' },
    { slug: 'owning-it', answers: 1, saved_at: '2026-02-01T00:00:00.000Z', relation: 'older' },
    { slug: 'weekly-check-in', answers: 1, saved_at: '2026-03-05T00:00:00.000Z', relation: 'newer' },
  ]);
  const merged = A.combine(state, incoming, 'merge');
  assert.equal(merged.worksheets['weekly-check-in'].fields.week, 'Week 2', 'the newer one wins');
  assert.equal(merged.worksheets['owning-it'].fields['what-i-did'], 'I lied.', 'an older one does not');
  assert.ok(merged.worksheets['our-boundaries'], 'a new one is added');
  assert.deepEqual(merged.progress, state.progress, 'progress is kept');
  const replaced = A.combine(state, incoming, 'replace');
  assert.deepEqual(Object.keys(replaced.worksheets).sort(), ['our-boundaries', 'owning-it', 'weekly-check-in']);
  assert.deepEqual(replaced.progress, {});
});

test("a partner's column goes where this device has nothing", () => {
  const columns = [{ a: 'need-a', b: 'need-b' }, { a: 'sign-a-name', b: 'sign-b-name' }];
  // They wrote in A, as I did: theirs goes to B.
  let r = A.partnerFields({ 'need-a': 'Mine' }, { 'need-a': 'Theirs', 'sign-a-name': 'Sam' }, columns);
  assert.deepEqual(r, { fields: { 'need-a': 'Mine', 'need-b': 'Theirs', 'sign-b-name': 'Sam' }, moved: 2, into: 'b' });
  // They wrote in B and my B is empty: it stays B.
  r = A.partnerFields({ 'need-a': 'Mine' }, { 'need-b': 'Theirs' }, columns);
  assert.equal(r.into, 'b');
  assert.equal(r.fields['need-b'], 'Theirs');
  // Nothing in their columns: nothing to do.
  assert.equal(A.partnerFields({}, { week: 'x' }, columns), null);
});

test('an encrypted export opens only with its passphrase', async () => {
  const exported = A.makeExport(state, 'T', '2026-03-04T00:00:00.000Z');
  const sealed = await A.sealExport(exported, 'correct horse battery');
  assert.ok(!sealed.includes('I lied'), 'no answer is readable in the file');
  const parsed = A.parseExport(sealed);
  assert.equal(parsed.encrypted, true);
  assert.equal(parsed.envelope.kdf.iterations, A.ITERATIONS);
  assert.ok(A.ITERATIONS >= 600000);
  await assert.rejects(A.openExport(parsed.envelope, 'wrong passphrase'), (e) => e.code === 'passphrase');
  const opened = await A.openExport(parsed.envelope, 'correct horse battery');
  assert.deepEqual(opened.state, state);
  // A fresh salt and IV every time: two exports of the same answers differ.
  const again = A.parseExport(await A.sealExport(exported, 'correct horse battery'));
  assert.notEqual(again.envelope.kdf.salt, parsed.envelope.kdf.salt);
  assert.notEqual(again.envelope.iv, parsed.envelope.iv);
});
