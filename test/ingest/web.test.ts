// HTML, WARC and feed readers, encodings, and bad input: each problem names the file (and record), the rest goes on.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describeProblem } from '../../src/errors.ts';
import { decodePage } from '../../src/ingest/encoding.ts';
import { MAX_PAGE_BYTES } from '../../src/ingest/html.ts';
import { readInputs, type IngestItem } from '../../src/ingest/index.ts';
import { NEWS_PAGE } from '../extract/pages.ts';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'newsfold-web-'));
}

async function collect(paths: string[]): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(paths)) items.push(item);
  return items;
}

const articles = (items: IngestItem[]) => items.flatMap((item) => (item.kind === 'article' ? [item.raw] : []));
const problems = (items: IngestItem[]) => items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));

function pageWith(body: string, head = ''): string {
  return `<html><head>${head}<title>Test page</title></head><body><article><h1>Headline</h1><p>${body}</p></article></body></html>`;
}

const CZECH_TEXT = 'Příliš žluťoučký kůň úpěl ďábelské ódy, řekl starosta Žďáru, když otevřel nový most přes řeku Sázavu po čtyřech měsících oprav a dlouhých objížďkách.';
const FRENCH_TEXT = 'Le café de la gare a rouvert ses portes à l’été, après des travaux « longs et coûteux », a déclaré la propriétaire, Hélène Dubœuf, devant une foule ravie et curieuse.';
const JAPANESE_TEXT = '港の橋は四か月の修理を終えて金曜日に再開した。町議会によると、通勤者の長い迂回は終わり、商店街にも客が戻ってきたという。市民は喜んでいる。';

test('an HTML page becomes a RawArticle with metadata filled from the page', async () => {
  const dir = await scratch();
  await writeFile(join(dir, 'bridge.html'), NEWS_PAGE);
  const [raw] = articles(await collect([join(dir, 'bridge.html')]));
  assert.ok(raw !== undefined);
  assert.equal(raw.origin.format, 'html');
  assert.equal(raw.title, 'Harbour bridge reopens after repairs');
  assert.equal(raw.published, '2025-03-14T08:30:00.000Z');
  assert.equal(raw.byline, 'Mira Holt');
  assert.equal(raw.source, 'Port Alder Gazette');
  assert.equal(raw.url, 'https://gazette.example/2025/03/14/bridge');
  assert.match(raw.text, /corroded steel cables/);
  assert.ok(!raw.text.includes('Share on Facebook'));
});

test('encodings: windows-1252 and ISO-8859-2 by <meta>, Shift_JIS by detection, gzip, BOM; no mojibake', async () => {
  const dir = await scratch();
  await writeFile(join(dir, 'cafe.htm'), iconv.encode(pageWith(FRENCH_TEXT, '<meta charset="windows-1252">'), 'windows-1252'));
  await writeFile(join(dir, 'most.html'), iconv.encode(pageWith(CZECH_TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">'), 'iso-8859-2'));
  await writeFile(join(dir, 'hashi.html'), iconv.encode(pageWith(JAPANESE_TEXT.repeat(3)), 'shift_jis'));
  await writeFile(join(dir, 'zipped.html.gz'), gzipSync(Buffer.from(`\uFEFF${pageWith(FRENCH_TEXT)}`)));
  const raws = articles(await collect([dir]));
  const text = (name: string) => raws.find((raw) => raw.origin.path.endsWith(name))?.text ?? '';
  assert.match(text('cafe.htm'), /Hélène Dubœuf/);
  assert.match(text('most.html'), /Příliš žluťoučký kůň/);
  assert.match(text('hashi.html'), /港の橋は四か月の修理/);
  assert.match(text('zipped.html.gz'), /Le café de la gare/);
  const latin2 = decodePage(iconv.encode(CZECH_TEXT, 'iso-8859-2'), 'ISO-8859-2');
  assert.ok(latin2.ok && latin2.source === 'header' && latin2.text === CZECH_TEXT, 'a charset from the HTTP header wins');
});

async function warcBytes(records: { url: string; html: Uint8Array; contentType: string; status?: string }[], gzip: boolean): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const { url, html, contentType, status } of records) {
    const record = WARCRecord.create(
      { url, type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': contentType }, statusline: `HTTP/1.1 ${status ?? '200 OK'}` },
      (async function* () {
        yield html;
      })(),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip }));
  }
  return Buffer.concat(parts);
}

test('WARC and WARC.gz: HTML responses become articles with the target URI and record id; the HTTP charset is used', async () => {
  const dir = await scratch();
  const records = [
    { url: 'https://a.example/2025/01/05/cafe', html: iconv.encode(pageWith(FRENCH_TEXT), 'windows-1252'), contentType: 'text/html; charset=windows-1252' },
    { url: 'https://a.example/logo.png', html: new Uint8Array([137, 80, 78, 71]), contentType: 'image/png' },
    { url: 'https://a.example/most', html: Buffer.from(pageWith(CZECH_TEXT)), contentType: 'text/html' },
  ];
  await writeFile(join(dir, 'crawl.warc'), await warcBytes(records, false));
  await writeFile(join(dir, 'crawl2.warc.gz'), await warcBytes(records, true));
  for (const name of ['crawl.warc', 'crawl2.warc.gz']) {
    const items = await collect([join(dir, name)]);
    assert.deepEqual(problems(items), []);
    const raws = articles(items);
    assert.equal(raws.length, 2, 'the PNG response is skipped');
    assert.equal(raws[0]?.url, 'https://a.example/2025/01/05/cafe');
    assert.equal(raws[0]?.origin.format, 'warc');
    assert.match(raws[0]?.origin.record ?? '', /^<urn:uuid:/);
    assert.match(raws[0]?.text ?? '', /Hélène Dubœuf/);
    assert.equal(raws[0]?.published, '2025-01-05T00:00:00.000Z', 'the date in the URL');
    assert.match(raws[1]?.text ?? '', /Příliš žluťoučký/);
  }
});

const FEED = (link: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Port Alder Gazette</title><language>en-gb</language>
<item><title>Harbour bridge reopens</title><link>${link}</link><pubDate>Fri, 14 Mar 2025 08:30:00 GMT</pubDate><dc:creator>Mira Holt</dc:creator>
<description>&lt;p&gt;The harbour bridge reopened on Friday after four months of repairs.&lt;/p&gt;</description></item>
<item><title>Library extends opening hours</title><link>https://gazette.example/2025/03/15/library</link><pubDate>Sat, 15 Mar 2025 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The town library will open until nine in the evening from April, the council said.</p><p>Volunteers will staff the late shift.</p>]]></content:encoded></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Linden Row Blog</title>
<entry><title>Saatguttausch</title><link rel="alternate" href="https://linden.example/saatgut"/><published>2025-04-02T07:00:00Z</published><author><name>Jonas Keller</name></author>
<content type="html">&lt;p&gt;Am Samstag tauschen die Mitglieder wieder Saatgut im Vereinsheim.&lt;/p&gt;</content></entry></feed>`;

test('RSS and Atom items become articles; an item whose link is a page in the input loses to the page', async () => {
  const dir = await scratch();
  await writeFile(join(dir, 'gazette.rss'), FEED('https://gazette.example/2025/03/14/bridge'));
  await writeFile(join(dir, 'linden.atom'), ATOM);
  const feedsOnly = articles(await collect([join(dir, 'gazette.rss'), join(dir, 'linden.atom')]));
  assert.equal(feedsOnly.length, 3);
  const bridge = feedsOnly.find((raw) => raw.title === 'Harbour bridge reopens');
  assert.equal(bridge?.published, '2025-03-14T08:30:00.000Z');
  assert.equal(bridge?.byline, 'Mira Holt');
  assert.equal(bridge?.source, 'Port Alder Gazette');
  assert.equal(bridge?.origin.record, 'item 1');
  assert.match(feedsOnly.find((raw) => raw.title === 'Library extends opening hours')?.text ?? '', /Volunteers will staff/);
  const atom = feedsOnly.find((raw) => raw.title === 'Saatguttausch');
  assert.equal(atom?.url, 'https://linden.example/saatgut');
  assert.equal(atom?.byline, 'Jonas Keller');
  assert.equal(atom?.language, 'de');
  await writeFile(join(dir, 'bridge.html'), NEWS_PAGE);
  const withPage = articles(await collect([join(dir, 'gazette.rss'), join(dir, 'bridge.html')]));
  assert.deepEqual(withPage.map((raw) => raw.origin.format).sort(), ['feed', 'html']);
  assert.equal(withPage.find((raw) => raw.origin.format === 'feed')?.title, 'Library extends opening hours');
});

test('bad input: truncated gzip, broken WARC record, unknown encoding, oversized page, feed that is not XML; the rest goes on', async () => {
  const dir = await scratch();
  const zipped = gzipSync(Buffer.from(pageWith(FRENCH_TEXT)));
  await writeFile(join(dir, 'a-truncated.html.gz'), zipped.subarray(0, Math.floor(zipped.length / 2)));
  const good = await warcBytes([{ url: 'https://a.example/one', html: Buffer.from(pageWith(FRENCH_TEXT)), contentType: 'text/html' }], false);
  await writeFile(join(dir, 'b-broken.warc'), Buffer.concat([good, Buffer.from('WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n')]));
  await writeFile(join(dir, 'c-klingon.html'), Buffer.concat([Buffer.from('<html><head><meta charset="x-klingon"></head><body><p>'), Buffer.from([0xc3, 0x28, 0xa0, 0xe9, 0xff]), Buffer.from('</p></body></html>')]));
  const big = Buffer.alloc(50 * 1024 * 1024, 'a');
  big.write('<html><body><p>', 0);
  await writeFile(join(dir, 'd-huge.html'), big);
  await writeFile(join(dir, 'e-notxml.rss'), 'this feed is { not XML at all }');
  await writeFile(join(dir, 'f-good.html'), NEWS_PAGE);
  const items = await collect([dir]);
  const byFile = new Map(problems(items).map((problem) => [problem.path.split('/').pop(), problem]));
  assert.equal(byFile.get('a-truncated.html.gz')?.code, 'E_GZIP');
  assert.equal(byFile.get('b-broken.warc')?.code, 'E_WARC');
  assert.equal(byFile.get('b-broken.warc')?.record, '#2', 'the broken record is named');
  assert.equal(byFile.get('c-klingon.html')?.code, 'E_ENCODING');
  assert.match(byFile.get('c-klingon.html')?.message ?? '', /x-klingon/);
  assert.equal(byFile.get('d-huge.html')?.code, 'E_TOO_LARGE');
  assert.ok(big.length > MAX_PAGE_BYTES);
  assert.equal(byFile.get('e-notxml.rss')?.code, 'E_FEED');
  assert.match(describeProblem(byFile.get('b-broken.warc')!), /b-broken\.warc record #2: .*\[E_WARC\]/);
  const raws = articles(items);
  assert.deepEqual(raws.map((raw) => raw.origin.path.split('/').pop()), ['b-broken.warc', 'f-good.html'], 'the good WARC record before the broken one and the good page are read');
});

test('a page declared UTF-8 with one stray Latin-1 byte stays UTF-8 (the byte replaced), not a single-byte charset', () => {
  const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>Grüße aus Köln, schöne Straße. '), Buffer.from([0xe4]), Buffer.from(' Ende</p>')]);
  const decoded = decodePage(bytes);
  assert.ok(decoded.ok);
  assert.equal(decoded.encoding, 'utf-8');
  assert.match(decoded.text, /Grüße aus Köln, schöne Straße\. \uFFFD Ende/);
});

test('WARC.gz cut inside a record\'s gzip member, before its content runs out, is that record cut short, not a quiet end (walk, session 30)', async () => {
  const dir = await scratch();
  const page = { url: 'https://a.example/one', html: Buffer.from(pageWith(FRENCH_TEXT)), contentType: 'text/html' };
  const first = await warcBytes([page], true);
  const second = await warcBytes([{ ...page, url: 'https://a.example/two', html: Buffer.from(pageWith(CZECH_TEXT)) }], true);
  for (const keep of [20, Math.floor(second.length / 2)]) {
    await writeFile(join(dir, 'cut.warc.gz'), Buffer.concat([first, second.subarray(0, keep)]));
    const items = await collect([join(dir, 'cut.warc.gz')]);
    assert.equal(articles(items).length, 1, 'the whole first record is read');
    assert.deepEqual(problems(items).map((problem) => [problem.code, problem.record]), [['E_WARC', '#2']], `cut ${keep} bytes into the second member`);
    assert.match(problems(items)[0]!.message, /cut short/);
  }
  // A file that ends at a member's end is whole.
  await writeFile(join(dir, 'whole.warc.gz'), Buffer.concat([first, second]));
  assert.deepEqual(problems(await collect([join(dir, 'whole.warc.gz')])), []);
});

test('WARC responses that are not the page asked for (404, 500, a redirect) are skipped, not stored as articles (walk, session 33)', async () => {
  const dir = await scratch();
  const notFound = Buffer.from(pageWith('Page not found. The page you asked for does not exist on this server any more; try the search box or go back to the front page.'));
  const records = [
    { url: 'https://a.example/most', html: Buffer.from(pageWith(CZECH_TEXT)), contentType: 'text/html' },
    { url: 'https://a.example/gone', html: notFound, contentType: 'text/html', status: '404 Not Found' },
    { url: 'https://a.example/broken', html: notFound, contentType: 'text/html', status: '500 Internal Server Error' },
    { url: 'https://a.example/old', html: Buffer.from('<html><body><a href="/new">Moved</a></body></html>'), contentType: 'text/html', status: '301 Moved Permanently' },
  ];
  await writeFile(join(dir, 'crawl.warc'), await warcBytes(records, false));
  const items = await collect([join(dir, 'crawl.warc')]);
  assert.deepEqual(problems(items), [], 'a redirect is no "no main text found" problem');
  assert.deepEqual(articles(items).map((raw) => raw.url), ['https://a.example/most']);
});
