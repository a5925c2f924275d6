// Hostile and everyday inputs for the readers: each case gives a named problem or works, and the rest is read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readInputs, type IngestItem } from '../../src/ingest/index.ts';
import { MAX_RECORD_BYTES } from '../../src/ingest/html.ts';
import { MAX_WARC_HEADER_LINE_BYTES } from '../../src/ingest/warc.ts';
import { gzipSync } from 'node:zlib';
import type { InputProblem } from '../../src/errors.ts';

async function collect(paths: string[], stdin?: Readable, skipped?: string[]): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(paths, stdin, { onSkip: (path, reason) => skipped?.push(`${path}: ${reason}`) })) items.push(item);
  return items;
}

const scratch = () => mkdtemp(join(tmpdir(), 'newsfold-hostile-'));
const articles = (items: IngestItem[]) => items.flatMap((item) => (item.kind === 'article' ? [item.raw] : []));
const problems = (items: IngestItem[]) => items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));
const codes = (items: IngestItem[]) => problems(items).map((problem: InputProblem) => `${problem.code}${problem.line === undefined ? '' : `:${problem.line}`}`);

const line = (id: string, text: string) => `${JSON.stringify({ id, title: `Title ${id}`, text })}\n`;
const PAGE = `<!DOCTYPE html><html><head><title>Harbour closed</title></head><body><article><p>${'The harbour was closed on Monday after a storm damaged the pier. '.repeat(15)}</p></article></body></html>`;

test('JSON Lines: an overlong record is E_TOO_LARGE naming its line, and the records after it are read', async () => {
  const dir = await scratch();
  const path = join(dir, 'big.jsonl');
  await writeFile(path, line('a', 'First record text.') + line('b', 'x'.repeat(MAX_RECORD_BYTES + 10)) + line('c', 'Third record text.'));
  const items = await collect([path]);
  assert.deepEqual(articles(items).map((raw) => raw.externalId), ['a', 'c']);
  assert.deepEqual(codes(items), ['E_TOO_LARGE:2']);
});

test('encodings per record: one broken byte costs that record only; windows-1252 records decode 0x80-0x9F', async () => {
  const dir = await scratch();
  const path = join(dir, 'mixed.jsonl');
  const good = Buffer.from(line('a', 'Le président a parlé.'));
  // A UTF-8 record with one stray byte: the byte is replaced, the rest stays UTF-8.
  const broken = Buffer.concat([Buffer.from('{"id":"b","text":"Le président '), Buffer.from([0xff]), Buffer.from(' a parlé."}\n')]);
  // A windows-1252 record: é, curly quotes (0x93/0x94), en dash (0x96) and euro (0x80).
  const legacy = Buffer.concat([Buffer.from('{"id":"c","text":"Le pr'), Buffer.from([0xe9]), Buffer.from('sident '), Buffer.from([0x93]), Buffer.from('oui'), Buffer.from([0x94]), Buffer.from(' '), Buffer.from([0x96]), Buffer.from(' 5 '), Buffer.from([0x80]), Buffer.from('"}\n')]);
  const withNul = Buffer.from('{"id":"d","text":"nul \u0000 here"}\n'.replace('\\u0000', '\u0000'));
  await writeFile(path, Buffer.concat([good, broken, legacy, withNul, Buffer.from(line('e', 'Après le NUL.'))]));
  const items = await collect([path]);
  const texts = Object.fromEntries(articles(items).map((raw) => [raw.externalId, raw.text]));
  assert.equal(texts.a, 'Le président a parlé.');
  assert.equal(texts.b, 'Le président \uFFFD a parlé.');
  assert.equal(texts.c, 'Le président \u201Coui\u201D \u2013 5 \u20AC');
  assert.equal(texts.e, 'Après le NUL.');
  assert.deepEqual(codes(items), ['E_ENCODING:4']);
});

test('UTF-16 JSON Lines and text are read, with or without a BOM', async () => {
  const dir = await scratch();
  const records = line('a', 'Zürich räumt auf.') + line('b', 'Second record.');
  const le = Buffer.from(records, 'utf16le');
  const be = Buffer.from(le).swap16();
  await writeFile(join(dir, 'le-bom.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
  await writeFile(join(dir, 'le.jsonl'), le);
  await writeFile(join(dir, 'be-bom.jsonl'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  await writeFile(join(dir, 'text16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zürich title\n\nZürich body text.', 'utf16le')]));
  const items = await collect([join(dir, 'be-bom.jsonl'), join(dir, 'le-bom.jsonl'), join(dir, 'le.jsonl'), join(dir, 'text16.txt')]);
  assert.deepEqual(problems(items), []);
  assert.deepEqual(articles(items).map((raw) => raw.text), ['Zürich räumt auf.', 'Second record.', 'Zürich räumt auf.', 'Second record.', 'Zürich räumt auf.', 'Second record.', 'Zürich title\n\nZürich body text.']);
});

test('UTF-16 on standard input is read by its content: a text article, a page or JSON Lines (walk, session 34)', async () => {
  const utf16 = (text: string) => Readable.from([Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])]);
  const text = articles(await collect(['-'], utf16('Zürich title\n\nZürich body text.')));
  assert.deepEqual(text.map((raw) => raw.text), ['Zürich title\n\nZürich body text.']);
  const page = articles(await collect(['-'], utf16(PAGE)));
  assert.equal(page[0]?.title, 'Harbour closed');
  const lines = await collect(['-'], utf16(line('a', 'Zürich räumt auf.') + line('b', 'Second record.')));
  assert.deepEqual(problems(lines), []);
  assert.deepEqual(articles(lines).map((raw) => raw.text), ['Zürich räumt auf.', 'Second record.']);
});

test('standard input (or an HTTP body read as one) with nothing in it is "the input", not a file nor "standard input" (walk, session 34)', async () => {
  const messages = async (bytes: Buffer) => problems(await collect(['-'], Readable.from([bytes]))).map((problem) => problem.message);
  assert.deepEqual(await messages(Buffer.from('\uFEFF\n\uFEFF')), ['the input is empty']);
  assert.deepEqual(await messages(Buffer.from('\n \n')), ['the input is empty']);
});

test('a text file in windows-1252 decodes its curly quotes and euro sign', async () => {
  const dir = await scratch();
  const path = join(dir, 'legacy.txt');
  await writeFile(path, Buffer.concat([Buffer.from('Prix\n\nIl co'), Buffer.from([0xfb]), Buffer.from('te 5 '), Buffer.from([0x80, 0x20, 0x93]), Buffer.from('cher'), Buffer.from([0x94])]));
  const [item] = await collect([path]);
  assert.equal(item?.kind === 'article' ? item.raw.text : '', 'Prix\n\nIl coûte 5 € \u201Ccher\u201D');
});

test('WARC: junk, a non-numeric Content-Length, random bytes and plain text are each a named E_WARC', async () => {
  const dir = await scratch();
  const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${PAGE}`;
  const record = (n: number, length = String(Buffer.byteLength(http))) =>
    `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:${n}>\r\nWARC-Target-URI: http://example.com/${n}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${length}\r\n\r\n${http}\r\n\r\n`;
  await writeFile(join(dir, 'junk.warc'), record(1) + 'this is not a header block\r\nfoo\r\n\r\n' + record(3));
  await writeFile(join(dir, 'nonnumeric.warc'), record(1) + record(2, 'abc') + record(3));
  await writeFile(join(dir, 'random.warc'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)));
  await writeFile(join(dir, 'text.warc'), 'hello, not a WARC file\n');
  const junk = await collect([join(dir, 'junk.warc')]);
  assert.deepEqual(articles(junk).map((raw) => raw.url), ['http://example.com/1', 'http://example.com/3']);
  assert.deepEqual(problems(junk).map((problem) => [problem.code, problem.record]), [['E_WARC', '#2']]);
  const nonNumeric = await collect([join(dir, 'nonnumeric.warc')]);
  assert.deepEqual(articles(nonNumeric).map((raw) => raw.url), ['http://example.com/1']);
  assert.match(problems(nonNumeric)[0]?.message ?? '', /Content-Length "abc" is not a number/);
  for (const name of ['random.warc', 'text.warc']) {
    const items = await collect([join(dir, name)]);
    assert.deepEqual(codes(items), ['E_WARC'], name);
    assert.match(problems(items)[0]?.message ?? '', /not a WARC file/);
  }
  // Empty, as an empty page or text is (user walk, session 29): not "it starts with \"\"".
  await writeFile(join(dir, 'zero.warc'), '');
  await writeFile(join(dir, 'zero.warc.gz'), '');
  for (const name of ['zero.warc', 'zero.warc.gz']) assert.deepEqual(codes(await collect([join(dir, name)])), ['E_EMPTY'], name);
});

test('WARC: a record whose Content-Length is too small is one E_WARC naming it and its length, and is not read cut short', async () => {
  const dir = await scratch();
  const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${PAGE}`;
  const record = (n: number, length = Buffer.byteLength(http)) =>
    `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:${n}>\r\nWARC-Target-URI: http://example.com/${n}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${length}\r\n\r\n${http}\r\n\r\n`;
  const short = Buffer.byteLength(http) - 300;
  // Before (user walk, session 32): the page was stored from its first bytes, and a problem on "#2" quoted warcio's
  // "Content-Length Too Small: Record not followed by newline"; as the last record, only the cut page.
  for (const [name, content, urls] of [
    ['middle.warc', record(1) + record(2, short) + record(3), ['http://example.com/1', 'http://example.com/3']],
    ['last.warc', record(1) + record(2, short), ['http://example.com/1']],
  ] as const) {
    await writeFile(join(dir, name), content);
    const items = await collect([join(dir, name)]);
    assert.deepEqual(articles(items).map((raw) => raw.url), urls, name);
    assert.deepEqual(problems(items).map((problem) => [problem.code, problem.record]), [['E_WARC', '#2 <urn:uuid:2>']], name);
    assert.match(problems(items)[0]!.message, new RegExp(`Content-Length \\(${short} bytes\\) is too small for its block, at least 300 more bytes follow`), name);
  }
});

test('WARC: a junk header block whose Content-Length runs past the end of the file ends the file, without hanging', async () => {
  const dir = await scratch();
  const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${PAGE}`;
  const good = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: ${Buffer.byteLength(http)}\r\n\r\n${http}\r\n\r\n`;
  // Found by the fuzzer: warcio skipping a record cut short loops forever, starving the event loop.
  await writeFile(join(dir, 'cut.warc'), `${good}WARC-Record-ID: <urn:uuid:2>\r\nContent-Length: 5000\r\n\r\nshort block`);
  const items = await collect([join(dir, 'cut.warc')]);
  assert.equal(articles(items).length, 1);
  assert.deepEqual(codes(items), ['E_WARC']);
});

test('pages are recognised by content: .php, .shtml, .aspx and no extension; other such files are skipped by name', async () => {
  const dir = await scratch();
  for (const name of ['story.php', 'story.shtml', 'story.aspx', 'story']) await writeFile(join(dir, name), PAGE);
  await writeFile(join(dir, 'script.php'), '<?php echo "hello"; ?>');
  await writeFile(join(dir, 'notes.md'), '# not an article');
  const skipped: string[] = [];
  const items = await collect([dir], undefined, skipped);
  assert.deepEqual(problems(items), []);
  assert.deepEqual(articles(items).map((raw) => [raw.origin.format, raw.title]), Array(4).fill(['html', 'Harbour closed']));
  assert.deepEqual(skipped.map((entry) => entry.slice(dir.length + 1).split(':')[0]).sort(), ['notes.md', 'script.php']);
  const explicit = await collect([join(dir, 'story.php')]);
  assert.equal(articles(explicit)[0]?.origin.format, 'html', 'an explicit path is read by content too');
});

test("news-please's pretty-printed .json files are read; other JSON in a directory is skipped", async () => {
  const dir = await scratch();
  const article = { title: 'Budget passed', maintext: 'The council passed the budget on Tuesday.', date_publish: '2024-03-05 10:00:00', source_domain: 'example.com', url: 'https://example.com/budget' };
  await writeFile(join(dir, 'article.json'), JSON.stringify(article, null, 4));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }, null, 2));
  const skipped: string[] = [];
  const items = await collect([dir], undefined, skipped);
  assert.deepEqual(problems(items), []);
  assert.deepEqual(articles(items).map((raw) => [raw.title, raw.published, raw.source]), [['Budget passed', '2024-03-05T10:00:00.000Z', 'example.com']]);
  assert.equal(skipped.length, 1);
});

test('a file or folder whose name is not UTF-8 is one E_UNREADABLE saying so, and the walk goes on (walk, session 32)', async () => {
  const dir = await scratch();
  await writeFile(join(dir, 'a-plain.html'), PAGE);
  // Latin-1 names, as an old archive has them: written by their bytes.
  await writeFile(Buffer.from(`${dir}/b-caf\xe9.html`, 'latin1'), PAGE.replace('Harbour closed', 'Harbour open'));
  await mkdir(Buffer.from(`${dir}/c-d\xe9j\xe0`, 'latin1'));
  const items = await collect([dir]);
  assert.equal(articles(items).length, 1);
  // Before: "cannot read: no such file or directory" for the page, "cannot list directory" for the folder.
  assert.deepEqual(problems(items).map((problem) => [problem.code, problem.path.slice(dir.length)]), [['E_UNREADABLE', '/b-caf\uFFFD.html'], ['E_UNREADABLE', '/c-d\uFFFDj\uFFFD']]);
  for (const problem of problems(items)) assert.match(problem.message, /name is not valid UTF-8/);
});

test('FIFOs are refused by name, given or met in a walk; symlinked files are read; the walk goes on', async () => {
  const dir = await scratch();
  execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
  await writeFile(join(dir, 'real.txt'), 'Real title\n\nReal body.');
  await mkdir(join(dir, 'sub'));
  await symlink(join(dir, 'real.txt'), join(dir, 'sub', 'linked.txt'));
  const given = await collect([join(dir, 'pipe.jsonl')]);
  assert.match(problems(given)[0]?.message ?? '', /FIFO/);
  const walked = await collect([dir]);
  assert.deepEqual(codes(walked), ['E_UNREADABLE']);
  assert.deepEqual(articles(walked).map((raw) => raw.origin.path), [join(dir, 'real.txt'), join(dir, 'sub', 'linked.txt')]);
});

test('an unreadable subdirectory is one problem naming it, and the walk goes on', { skip: process.getuid?.() === 0 ? 'root reads every directory (the CLI test runs this as nobody)' : false }, async () => {
  const dir = await scratch();
  await mkdir(join(dir, 'a-locked'));
  await writeFile(join(dir, 'a-locked', 'x.txt'), 'Hidden\n\nText.');
  await writeFile(join(dir, 'b.txt'), 'Open title\n\nOpen body.');
  await chmod(join(dir, 'a-locked'), 0o000);
  try {
    const items = await collect([dir]);
    assert.deepEqual(problems(items).map((problem) => problem.path), [join(dir, 'a-locked')]);
    assert.equal(articles(items).length, 1);
  } finally {
    await chmod(join(dir, 'a-locked'), 0o755);
  }
});

test('standard input is read by content: JSON Lines, an HTML page, or a text', async () => {
  const jsonl = await collect(['-'], Readable.from([Buffer.from(line('a', 'From a pipe.'))]));
  assert.deepEqual(articles(jsonl).map((raw) => raw.text), ['From a pipe.']);
  const page = await collect(['-'], Readable.from([Buffer.from(PAGE.slice(0, 100)), Buffer.from(PAGE.slice(100))]));
  assert.deepEqual(articles(page).map((raw) => [raw.origin.format, raw.title]), [['html', 'Harbour closed']]);
  const text = await collect(['-'], Readable.from([Buffer.from('A piped title\n\nA piped body.')]));
  assert.deepEqual(articles(text).map((raw) => raw.origin.format), ['text']);
});

test('a feed that declares entities in its DOCTYPE (an XML bomb) is refused by name, and the rest is read', async () => {
  const dir = await scratch();
  const bomb = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    + '<rss><channel><title>Bomb</title><item><title>&c;&c;</title><description>&c;</description></item></channel></rss>';
  await writeFile(join(dir, 'bomb.rss'), bomb);
  await writeFile(join(dir, 'bomb-no-extension'), bomb);
  await writeFile(join(dir, 'page.html'), PAGE);
  const items = await collect([dir]);
  assert.deepEqual(articles(items).map((raw) => raw.title), ['Harbour closed']);
  const refused = problems(items);
  assert.deepEqual(refused.map((problem) => [problem.path.slice(dir.length + 1), problem.code]), [['bomb-no-extension', 'E_FEED'], ['bomb.rss', 'E_FEED']]);
  for (const problem of refused) assert.match(problem.message, /declares entities in its DOCTYPE/);
});

test('a feed with an external DOCTYPE and no internal subset (RSS 0.91) is still read', async () => {
  const dir = await scratch();
  const path = join(dir, 'old.rss');
  const item = `<item><title>Harbour closed</title><link>https://news.example/harbour</link><description>${'The harbour was closed on Monday after a storm damaged the pier. '.repeat(6)}</description></item>`;
  await writeFile(path, `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title>${item}</channel></rss>`);
  const items = await collect([path]);
  assert.deepEqual(problems(items), []);
  assert.deepEqual(articles(items).map((raw) => raw.title), ['Harbour closed']);
});

test('WARC: a header line past MAX_WARC_HEADER_LINE_BYTES (no newline, gzipped or not) is an E_WARC naming the record, not read; the records before it are kept (walk, session 34b)', async () => {
  const dir = await scratch();
  const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${PAGE}`;
  const record = (n: number) =>
    `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:${n}>\r\nWARC-Target-URI: http://example.com/${n}\r\nContent-Length: ${Buffer.byteLength(http)}\r\n\r\n${http}\r\n\r\n`;
  const long = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:2>\r\nX-Junk: ${'a'.repeat(MAX_WARC_HEADER_LINE_BYTES + 1)}`;
  // The same line as an HTTP header inside the block: warcio reads those whole too.
  const httpLong = `HTTP/1.1 200 OK\r\nX-Junk: ${'a'.repeat(MAX_WARC_HEADER_LINE_BYTES + 1)}\r\n\r\n${PAGE}`;
  const longHttp = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:2>\r\nContent-Length: ${Buffer.byteLength(httpLong)}\r\n\r\n${httpLong}\r\n\r\n`;
  await writeFile(join(dir, 'long.warc.gz'), Buffer.concat([gzipSync(record(1)), gzipSync(long)]));
  await writeFile(join(dir, 'long.warc'), record(1) + long);
  await writeFile(join(dir, 'long-http.warc'), record(1) + longHttp + record(3));
  for (const name of ['long.warc.gz', 'long.warc', 'long-http.warc']) {
    const items = await collect([join(dir, name)]);
    assert.deepEqual(
      items.map((item) => (item.kind === 'article' ? `article ${item.raw.url}` : `${item.problem.code} ${item.problem.record} ${item.problem.message}`)),
      ['article http://example.com/1', `E_WARC #2 <urn:uuid:2> a header line is longer than ${MAX_WARC_HEADER_LINE_BYTES} bytes, so it is not read; the rest of the file is skipped`],
      name,
    );
  }
});
