import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { parsePublished, readInputs, type IngestItem } from '../../src/ingest/index.ts';

async function collect(paths: string[], stdin?: Readable): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(paths, stdin)) items.push(item);
  return items;
}

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'newsfold-ingest-'));
}

test('a directory is read recursively, in name order, skipping unknown extensions and hidden files', async () => {
  const root = await scratch();
  await mkdir(join(root, 'b'));
  await writeFile(join(root, 'b', 'two.txt'), 'Title two\n\nBody two.');
  await writeFile(join(root, 'a.txt'), 'Title one\n\nBody one.');
  await writeFile(join(root, 'notes.md'), '# not an article');
  await writeFile(join(root, '.hidden.txt'), 'Hidden\n\nNo.');
  const items = await collect([root]);
  assert.deepEqual(
    items.map((item) => (item.kind === 'article' ? item.raw.origin.path : 'problem')),
    [join(root, 'a.txt'), join(root, 'b', 'two.txt')],
  );
});

test('JSON Lines: newsfold and news-please field names, publication times normalised', async () => {
  const root = await scratch();
  const file = join(root, 'feed.jsonl');
  await writeFile(
    file,
    [
      JSON.stringify({ id: 'x1', url: 'https://a.example/1', source: 'A', title: 'One', published: '2026-03-04T09:15:00+01:00', text: 'Body one.' }),
      '',
      JSON.stringify({ maintext: 'Body two.', date_publish: '2026-03-04 09:15:00', source_domain: 'b.example', title: 'Two' }),
    ].join('\n'),
  );
  const items = await collect([file]);
  assert.equal(items.length, 2);
  const [first, second] = items.map((item) => (item.kind === 'article' ? item.raw : assert.fail('expected articles')));
  assert.equal(first!.externalId, 'x1');
  assert.equal(first!.published, '2026-03-04T08:15:00.000Z');
  assert.equal(first!.origin.line, 1);
  assert.equal(second!.source, 'b.example');
  assert.equal(second!.published, '2026-03-04T09:15:00.000Z');
  assert.equal(second!.origin.line, 3);
});

test('bad inputs each give one problem naming the file (and line), and the rest is read', async () => {
  const root = await scratch();
  await writeFile(join(root, 'good.txt'), 'Good title\n\nGood body.');
  await writeFile(join(root, 'empty.txt'), '  \n\n');
  await writeFile(join(root, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  await writeFile(
    join(root, 'mixed.jsonl'),
    ['{"title": "ok", "text": "fine"}', '{"title": broken', '["not", "an object"]', '{"title": "no text"}', '{"text": "x", "published": "yesterday"}'].join('\n'),
  );
  const items = await collect([root, join(root, 'missing.txt')]);
  const problems = items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));
  const articles = items.filter((item) => item.kind === 'article');
  assert.equal(articles.length, 2);
  const described = problems.map((p) => `${p.path.slice(root.length + 1)}${p.line === undefined ? '' : `:${p.line}`} ${p.code}`);
  assert.deepEqual(described, [
    'binary.txt E_BINARY',
    'empty.txt E_EMPTY',
    'mixed.jsonl:2 E_JSON',
    'mixed.jsonl:3 E_JSON',
    'mixed.jsonl:4 E_RECORD',
    'mixed.jsonl:5 E_RECORD',
    'missing.txt E_UNREADABLE',
  ]);
});

test('"-" reads JSON Lines from standard input', async () => {
  const stdin = Readable.from(['{"title": "Piped", "text": "From stdin."}\n']);
  const items = await collect(['-'], stdin);
  assert.equal(items.length, 1);
  assert.equal(items[0]!.kind === 'article' && items[0]!.raw.title, 'Piped');
});

test('"-" holding one JSON document (an array of articles, or one pretty-printed article) is read as a .json file is, not as text or line by line (walk, session 30)', async () => {
  const article = { title: 'Harbour to reopen', maintext: 'The harbour authority said on Friday that the channel would reopen next week.', source_domain: 'x.example' };
  const array = await collect(['-'], Readable.from([`${JSON.stringify([article, { ...article, title: 'Second' }])}\n`]));
  assert.deepEqual(array.map((item) => (item.kind === 'article' ? item.raw.title : item.problem.code)), ['Harbour to reopen', 'Second']);
  assert.ok(array.every((item) => item.kind === 'article' && !item.raw.text.includes('maintext')), 'the JSON is not the article text');
  const pretty = await collect(['-'], Readable.from([JSON.stringify(article, null, 2)]));
  assert.deepEqual(pretty.map((item) => (item.kind === 'article' ? item.raw.title : item.problem.code)), ['Harbour to reopen']);
  // A text that opens with a bracket is still a text; a one-line object is still JSON Lines.
  const text = await collect(['-'], Readable.from(['[Updated] The harbour authority said the channel would reopen next week.\n']));
  assert.equal(text[0]!.kind === 'article' && text[0]!.raw.origin.format, 'text');
  const line = await collect(['-'], Readable.from([`${JSON.stringify(article)}\n`]));
  assert.equal(line[0]!.kind === 'article' && line[0]!.raw.title, 'Harbour to reopen');
});

test('publication times: ISO 8601 accepted, other strings refused', () => {
  assert.equal(parsePublished('2016-01-20'), '2016-01-20T00:00:00.000Z');
  assert.equal(parsePublished('2016-01-20T10:00:00Z'), '2016-01-20T10:00:00.000Z');
  assert.equal(parsePublished('20 January 2016'), undefined);
  assert.equal(parsePublished('2016-13-45'), undefined);
});

test('a field of the wrong type is an E_RECORD naming it, not dropped quietly; null stays "not given" as news-please writes it (walk, session 32)', async () => {
  const root = await scratch();
  const file = join(root, 'typed.jsonl');
  await writeFile(
    file,
    [
      JSON.stringify({ text: 'Epoch time.', published: 1700000000 }),
      JSON.stringify({ text: 'Object id.', id: { value: 7 } }),
      JSON.stringify({ text: 'Listed title.', title: ['One', 'Two'] }),
      JSON.stringify({ text: 'Boolean source.', source_domain: true }),
      JSON.stringify({ maintext: 'news-please nulls.', title: null, date_publish: null, source_domain: null, url: null, language: null }),
      JSON.stringify({ text: 'Numeric id.', id: 42 }),
    ].join('\n'),
  );
  const items = await collect([file]);
  const described = items.map((item) => (item.kind === 'problem' ? `${item.problem.line} ${item.problem.code} ${item.problem.message}` : `${item.raw.origin.line} article`));
  assert.deepEqual(described, [
    "1 E_RECORD record's `published` is a number, not a string (an ISO 8601 date)",
    "2 E_RECORD record's `id` is an object, not a string or a number",
    "3 E_RECORD record's `title` is an array, not a string",
    "4 E_RECORD record's `source_domain` is a boolean, not a string",
    '5 article',
    '6 article',
  ]);
});

test('a compressed JSON Lines, JSON or text file is one problem naming the compression, not one per line of bytes (walk, session 33)', async () => {
  const { gzipSync } = await import('node:zlib');
  const dir = await scratch();
  const lines = Array.from({ length: 40 }, (_, n) => JSON.stringify({ id: `g${n}`, text: `Record ${n} of a gzip file saved under a plain name, as scrapers often do.` })).join('\n');
  await writeFile(join(dir, 'feed.jsonl'), gzipSync(lines));
  await writeFile(join(dir, 'doc.json'), gzipSync('{\n"text": "One pretty-printed article, gzipped."\n}'));
  await writeFile(join(dir, 'note.txt'), gzipSync('A title\n\nA plain text article that was gzipped.\n'));
  const items = await collect([dir]);
  const problems = items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));
  assert.equal(items.length, 3, JSON.stringify(problems));
  for (const found of problems) {
    assert.equal(found.code, 'E_BINARY');
    assert.equal(found.line, undefined);
    assert.match(found.message, /^file is gzip-compressed, not (?:JSON Lines|JSON|text): decompress it first \(gunzip\)$/);
  }
});

test('a published day that does not exist is a problem, not stored rolled into the next month (walk, session 33)', async () => {
  assert.equal(parsePublished('2026-02-30'), undefined);
  assert.equal(parsePublished('2026-04-31T10:00:00Z'), undefined);
  assert.equal(parsePublished('2026-02-29 08:00:00'), undefined, '2026 is no leap year');
  assert.equal(parsePublished('2028-02-29T08:00:00Z'), '2028-02-29T08:00:00.000Z');
  assert.equal(parsePublished('2026-12-31'), '2026-12-31T00:00:00.000Z');
  const dir = await scratch();
  await writeFile(join(dir, 'a.jsonl'), `${JSON.stringify({ published: '2026-02-30T09:00:00Z', text: 'A record whose day is not in the calendar.' })}\n`);
  const [item] = await collect([dir]);
  assert.equal(item?.kind, 'problem');
  assert.equal(item.kind === 'problem' && item.problem.message, '`published` names a day that does not exist: "2026-02-30T09:00:00Z"');
});

test('feed items: a relative link is resolved against the channel, an html title is text, a day no month has is no date (walk, session 33)', async () => {
  const { readFeed } = await import('../../src/ingest/feed.ts');
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title><link>https://courier.example/</link>
<item><title>Bridge reopens</title><link>/news/bridge</link><pubDate>Tue, 31 Feb 2026 10:00:00 GMT</pubDate>
<description>The old stone bridge over the river reopened on Monday after eight months of repairs.</description></item>
<item><title>Bakery &lt;i&gt;wins&lt;/i&gt; award</title><link>news/bakery</link><pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate>
<description>A family bakery in the valley won the national bread award on Monday for its rye loaf.</description></item>
</channel></rss>`;
  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title type="html">Ferry &lt;b&gt;strike&lt;/b&gt; ends &amp;amp; talks go on</title><link href="ferry"/><updated>2026-12-01T12:00:00+02:00</updated>
<content type="html">&lt;p&gt;Ferry workers ended a three-day strike on Tuesday after reaching a pay deal with the operator.&lt;/p&gt;</content></entry></feed>`;
  const articles = (items: IngestItem[]) => items.flatMap((item) => (item.kind === 'article' ? [item.raw] : []));
  const [bridge, bakery] = articles(readFeed('news.rss', rss));
  assert.equal(bridge?.url, 'https://courier.example/news/bridge');
  assert.equal(bridge?.published, undefined, '31 February is not 3 March');
  assert.equal(bakery?.url, 'https://courier.example/news/bakery');
  assert.equal(bakery?.title, 'Bakery wins award');
  assert.equal(bakery?.published, '2026-11-30T09:00:00.000Z');
  // An Atom feed with no link of its own: its relative entry links resolve against the feed's URL (watch --feeds).
  const [ferry] = articles(readFeed('https://atom.example/feeds/daily.atom', atom));
  assert.equal(ferry?.title, 'Ferry strike ends & talks go on');
  assert.equal(ferry?.url, 'https://atom.example/feeds/ferry');
  const [unresolved] = articles(readFeed('atom.atom', atom));
  assert.equal(unresolved?.url, undefined, 'a link with nothing to resolve it against names no page');
});

test('a .json document nested deeper than a JSON Lines record may be is an E_JSON naming the file; the other files are read (walk, session 34b)', async () => {
  const root = await scratch();
  const depth = 200_000;
  const deep = join(root, 'deep.json');
  await writeFile(deep, `{\n"text": "A body with words.", "extra": ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`);
  const deepArray = join(root, 'deep-array.json');
  await writeFile(deepArray, `[\n{"text": "A body.", "extra": ${'['.repeat(40)}${']'.repeat(40)}}\n]\n`);
  const fine = join(root, 'fine.json');
  // An array of articles each nesting 32 levels is within the limit: the array's own level is not counted against them.
  await writeFile(fine, `[\n{"text": "A fine body.", "extra": ${'['.repeat(31)}${']'.repeat(31)}}\n]\n`);
  const items = await collect([deep, deepArray, fine]);
  assert.deepEqual(
    items.map((item) => (item.kind === 'article' ? `article ${item.raw.origin.path}` : `${item.problem.code} ${item.problem.path} ${item.problem.message}`)),
    [`E_JSON ${deep} file nests deeper than 32 levels`, `E_JSON ${deepArray} file nests deeper than 32 levels`, `article ${fine}`],
  );
});
