// A user's walk, session 34b: the leftovers, end to end through the real binary.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { UNRELATED, WIRE_STORY } from '../fixtures.ts';
import { newsfold, scratchDb } from '../run-cli.ts';

test('a second record with an input id already given to another text is an E_DUPLICATE_ID naming its line and the first; the id stays unambiguous', async () => {
  for (const jobs of ['1', '2']) {
    const { dir, db } = await scratchDb();
    const feed = join(dir, 'feed.jsonl');
    await writeFile(
      feed,
      [
        { id: 'x', source: 'Wire', title: 'Flood', text: WIRE_STORY },
        { id: 'x', source: 'Wire', title: 'Orchestra', text: UNRELATED },
        { id: 'x', source: 'Other', title: 'Orchestra', text: UNRELATED }, // another source's own "x"
        { id: 'x', source: 'Wire', title: 'Flood', text: WIRE_STORY }, // the same article again: no problem
      ].map((record) => `${JSON.stringify(record)}\n`).join(''),
    );
    const ingest = await newsfold(['ingest', '--jobs', jobs, '--db', db, feed]);
    assert.equal(ingest.code, 1, ingest.stderr);
    assert.match(ingest.stderr, /feed\.jsonl:2: id "x" was already given to another text \(line 1\); this record is not stored \[E_DUPLICATE_ID\]/, `before: stored with no word (--jobs ${jobs}); ${ingest.stderr}`);
    assert.equal(ingest.stderr.match(/E_DUPLICATE_ID/g)?.length, 1, ingest.stderr);
    assert.match(ingest.stdout, /2 stored, 1 already stored, 1 problem/);
    const listed = await newsfold(['stories', '--json', '--db', db]);
    assert.equal(listed.code, 0, listed.stderr);
    const stored = (JSON.parse(listed.stdout) as { stories: { articles: { line: number; source: string }[] }[] }).stories.flatMap((story) => story.articles);
    assert.deepEqual(stored.map((article) => `${article.source}:${article.line}`).sort(), ['Other:3', 'Wire:1'], 'before: the second Wire "x" was stored too');
  }
});
