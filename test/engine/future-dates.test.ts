// A publication date that has not come yet is no date: the record is stored undated, named in a problem, and
// its stated date kept among what cleaning dropped; a 2099 story no longer tops the listing for ever.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import { FUTURE_DATE_RULE, FUTURE_DATE_TOLERANCE_MS } from '../../src/engine/future-dates.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function record(id: string, title: string, published: string, text: string): string {
  return JSON.stringify({ id, title, source: `${id}.example`, published, text });
}

test('a date beyond now plus the tolerance is stored as unknown, named in a problem; one within it is kept', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-future-'));
  const engine = Engine.openSqlite(join(root, 'store.db'));
  const tomorrow = new Date(Date.now() + DAY_MS).toISOString();
  assert.ok(DAY_MS < FUTURE_DATE_TOLERANCE_MS);
  const lines = [
    record('far', 'Harbour crane collapses in Rotterdam', '2099-01-01T00:00:00Z', 'A harbour crane collapsed in Rotterdam on Tuesday, injuring two dock workers, port officials said.'),
    record('evening', 'Storm closes schools in Bergen', tomorrow, 'A storm closed schools in Bergen as winds reached hurricane force along the western coast, forecasters said.'),
    record('past', 'Parliament passes water bill', '2026-01-05T10:00:00Z', 'Parliament passed the water bill after a long debate about reservoirs and drought funding in the south.'),
  ];
  const seen: string[] = [];
  const report = await engine.ingestJsonLines(`${lines.join('\n')}\n`, { onProblem: (problem) => seen.push(`${problem.line} ${problem.code} ${problem.message}`) });
  assert.equal(report.stored, 3);
  assert.equal(seen.length, 1);
  assert.match(seen[0]!, /^1 E_DATE publication date 2099-01-01T00:00:00\.000Z is in the future/);

  const far = (await engine.article('far')).article;
  assert.equal(far.published, undefined);
  assert.deepEqual(far.dropped.at(-1), { text: 'published 2099-01-01T00:00:00.000Z', rule: FUTURE_DATE_RULE });
  assert.equal((await engine.article('evening')).article.published, tomorrow);

  const rows = (await engine.storyPage({})).stories;
  assert.equal(rows.length, 3);
  for (const row of rows) assert.ok(!row.lastSeen.startsWith('2099'), `${row.headline} is listed as last seen ${row.lastSeen}`);
  await engine.close();
});
