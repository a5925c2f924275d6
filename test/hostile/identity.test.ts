// Identity: where an article was read never makes it another article; URL variants of one page are one article.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import { prepareArticle } from '../../src/engine/prepare.ts';
import { urlKey } from '../../src/ingest/url.ts';
import type { RawArticle } from '../../src/model.ts';

const BODY = 'The council approved the new harbour budget on Tuesday after a long debate.\n\nWork on the pier starts in May and should end before the winter storms.';

test('URL keys: scheme, host case, default port, trailing slash, fragment and tracking parameters do not count', () => {
  const key = urlKey('https://example.com/news/budget?id=7');
  for (const variant of [
    'http://example.com/news/budget?id=7',
    'https://EXAMPLE.com/news/budget/?id=7',
    'https://example.com:443/news/budget?id=7#comments',
    'https://example.com/news/budget?utm_source=feed&id=7&utm_medium=rss&fbclid=abc',
    ' http://example.com:80/news/budget/?id=7 ',
  ]) assert.equal(urlKey(variant), key, variant);
  assert.notEqual(urlKey('https://example.com/news/budget?id=8'), key, 'a content parameter counts');
  assert.notEqual(urlKey('https://example.com/News/budget?id=7'), key, 'path case counts');
  assert.notEqual(urlKey('https://example.com:8080/news/budget?id=7'), key, 'another port counts');
});

test('URL variants of one page are one article id', () => {
  const ids = ['http://example.com/a/', 'https://example.com/a?utm_campaign=x', 'https://Example.com/a#top'].map((url) => {
    const raw: RawArticle = { origin: { path: `${url.length}.jsonl`, line: 3, format: 'jsonl' }, text: BODY, url };
    const prepared = prepareArticle(raw, 0);
    assert.ok(prepared.ok);
    return prepared.article.id;
  });
  assert.equal(new Set(ids).size, 1);
});

test('a record without id or URL is the same article whatever file, line or pipe it came from', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-identity-'));
  const record = `${JSON.stringify({ title: 'Harbour budget', text: BODY })}\n`;
  await writeFile(join(dir, 'day1.jsonl'), `${JSON.stringify({ title: 'Other', text: 'A different article about the tram line and its new timetable.' })}\n${record}`);
  await writeFile(join(dir, 'renamed.jsonl'), record);
  const textBody = `${BODY}\n\nThe mayor called the vote a turning point for the port.`;
  await writeFile(join(dir, 'budget.txt'), `Harbour budget\n\n${textBody}`);
  await writeFile(join(dir, 'budget-copy.txt'), `Harbour budget\n\n${textBody}`);
  const engine = Engine.openSqlite(':memory:');
  try {
    const first = await engine.ingest([join(dir, 'day1.jsonl')]);
    assert.equal(first.stored, 2);
    const renamed = await engine.ingest([join(dir, 'renamed.jsonl')]);
    assert.deepEqual([renamed.stored, renamed.alreadyStored], [0, 1]);
    const piped = await engine.ingest(['-'], { stdin: Readable.from([Buffer.from(record)]) });
    assert.deepEqual([piped.stored, piped.alreadyStored], [0, 1]);
    const texts = await engine.ingest([join(dir, 'budget.txt'), join(dir, 'budget-copy.txt')]);
    assert.deepEqual([texts.stored, texts.alreadyStored], [1, 1], 'the same text file under two names is one article');
  } finally {
    await engine.close();
  }
});
