// Cleaning whole pages: the seed pages scraped from the web (kept outside the repository, as they are
// copyrighted) and the project's own example corpus.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cleanText } from '../../src/clean/index.ts';

const SEEDS = '/work/shared/seeds';
const EXAMPLES = fileURLToPath(new URL('../../examples/port-alder-tanker/', import.meta.url));

/** Boilerplate seen on the seed pages; none of it may reach the body. */
const LEFTOVERS = [
  'older browser',
  'Post navigation',
  'Share:',
  'image beacon',
  'All rights reserved',
  'REUTERS/',
  'contributed to this report',
];

/** The seed pages are mostly story: their boilerplate is under a fifth of their characters. */
const SEED_BODY_MIN_SHARE = 0.75;

test('seed pages: boilerplate removed, the story kept', (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`${SEEDS} is absent (the seed pages are not part of the repository)`);
    return;
  }
  const files = readdirSync(SEEDS).filter((name) => name.endsWith('.txt'));
  assert.ok(files.length > 0, `no .txt files in ${SEEDS}`);
  for (const name of files) {
    const text = readFileSync(join(SEEDS, name), 'utf8');
    const out = cleanText({ text, format: 'text' });
    const body = out.paragraphs.join('\n\n');
    for (const leftover of LEFTOVERS) assert.ok(!body.includes(leftover), `${name}: "${leftover}" left in the body`);
    const share = body.length / text.trim().length;
    assert.ok(share >= SEED_BODY_MIN_SHARE, `${name}: body keeps only ${(share * 100).toFixed(0)}% of the text`);
    assert.ok(out.paragraphs.every((p) => p.trim() === p && !/\s{2}/.test(p)), `${name}: whitespace not collapsed`);
  }
});

test('examples: the scraped page cleans to the same story as the wire copy it republishes', (t) => {
  if (!existsSync(EXAMPLES)) {
    t.skip(`${EXAMPLES} is absent`);
    return;
  }
  const wire = cleanText({ text: readFileSync(join(EXAMPLES, 'wire-v1.txt'), 'utf8'), format: 'text' });
  const page = cleanText({ text: readFileSync(join(EXAMPLES, 'scraped-page.txt'), 'utf8'), format: 'text' });
  assert.equal(page.title, wire.title);
  assert.deepEqual(page.paragraphs, wire.paragraphs);
  assert.deepEqual(page.dateline, wire.dateline);
  assert.ok(page.dropped.length > wire.dropped.length);
});
