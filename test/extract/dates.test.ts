// Publication dates: the rules in src/extract/metadata.ts and src/extract/dates.ts, each on a small
// fictional page that only that rule dates right. At the end, the fixes to title, author and site.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMachineDate, parseTextDate, parseUrlDate } from '../../src/extract/dates.ts';
import { parsePage } from '../../src/extract/dom.ts';
import { mayHoldPublicationLabel, readMetadata } from '../../src/extract/metadata.ts';

const BODY = `<p>${'The ferry timetable changes on Monday, the harbour office said, and the winter service keeps two sailings a day. '.repeat(4)}</p>`;

function dateOf(html: string, url?: string): { day: string | undefined; from: string | undefined } {
  const metadata = readMetadata(parsePage(html), url);
  return { day: metadata.publishedDay, from: metadata.publishedFrom };
}

test('RFC 2822 and JavaScript Date strings keep their time and zone; GMT marks a UTC time', () => {
  assert.deepEqual(parseMachineDate('Wed, 04 May 2022 00:25:56 GMT'), { iso: '2022-05-04T00:25:56Z', day: '2022-05-04', utcTime: true });
  assert.deepEqual(parseMachineDate('Tue, 3 May 2022 21:44:52 -0300'), { iso: '2022-05-03T21:44:52-03:00', day: '2022-05-03' });
  assert.deepEqual(parseMachineDate('Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)'), { iso: '2018-02-20T01:00:00+01:00', day: '2018-02-20' });
  assert.equal(parseMachineDate('Wed, 31 Apr 2022 10:00:00 GMT'), undefined, 'an impossible day is refused');
});

test('a UTC time a day off the dateline yields the dateline\'s day (the RFC 2822 time is read as UTC)', () => {
  const page = `<html lang="es"><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"Wed, 04 May 2022 00:25:56 GMT"}</script></head>
    <body><h1>El puerto reabre</h1><time class="com-date">3 de mayo de 2022</time>${BODY}</body></html>`;
  assert.equal(dateOf(page).day, '2022-05-03');
});

test('slash dates follow the page locale; English without a region leaves them unread', () => {
  const page = (lang: string): string => `<html lang="${lang}"><body><h1>Harbour news</h1><ul class="wgt-date"><li>03/05/2022 21:44</li></ul>${BODY}</body></html>`;
  assert.equal(dateOf(page('pt-BR')).day, '2022-05-03');
  assert.equal(dateOf(page('en-GB')).day, '2022-05-03');
  assert.equal(dateOf(page('en-US')).day, '2022-03-05');
  assert.equal(dateOf(page('en')).day, undefined);
  assert.equal(parseTextDate('13/05/2022')?.day, '2022-05-13', 'one order impossible: read whatever the locale');
});

test('two-digit years are read in short date elements only', () => {
  const meta = `<html lang="de"><body><h1>Frei erfunden</h1><div class="article-meta">Von: Björn Jahner | 31.10.23</div>${BODY}</body></html>`;
  assert.equal(dateOf(meta).day, '2023-10-31');
  assert.equal(parseTextDate('Version 1.10.23 behebt den Fehler'), undefined, 'running text: not a date');
  assert.equal(parseTextDate('31.10.23', { shortYear: true })?.day, '2023-10-31');
  assert.equal(parseTextDate('12.03.98', { shortYear: true })?.day, '1998-03-12');
});

test('times inside reader comments do not date the article', () => {
  const page = `<html><body><h1>Bridge reopens</h1>${BODY}<section id="comments"><div class="comment"><time datetime="2024-02-20T09:00:00+01:00">20 February 2024</time><p>At last.</p></div></section></body></html>`;
  assert.equal(dateOf(page).day, undefined);
  const dated = page.replace('<h1>Bridge reopens</h1>', '<h1>Bridge reopens</h1><time datetime="2024-02-12T08:00:00+01:00">12 February 2024</time>');
  assert.equal(dateOf(dated).day, '2024-02-12');
});

test('dateline-confirms: the machine date the headline\'s dateline repeats wins, but never an update before the publication', () => {
  const page = (published: string, shown: string): string => `<html lang="de"><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"${published}","dateModified":"2023-11-07T10:14+01:00"}</script></head>
    <body><div class="header"><h1>Recherche: Waffen für Russland</h1><p class="stand">Stand: ${shown}, 07:30 Uhr</p></div>${BODY}</body></html>`;
  assert.deepEqual(dateOf(page('2023-11-06T18:19+01:00', '07.11.2023')), { day: '2023-11-07', from: 'json-ld:dateModified' });
  assert.equal(dateOf(page('2023-11-06T18:19+01:00', '06.11.2023')).day, '2023-11-06');
  const early = `<html><head><meta property="article:published_time" content="2022-12-30T07:00:40+01:00"></head><body><article><h1>Five trends</h1>
    <time class="updated" itemprop="dateModified" datetime="2022-12-29T15:36:19+01:00">29 December 2022</time></article>${BODY}</body></html>`;
  assert.equal(dateOf(early).day, '2022-12-30', 'a modification dated before the publication is not the date');
});

test('dateline-beats-weak: a generic date tag loses to the date printed beside the headline, and the headline\'s own words are no dateline', () => {
  const page = `<html><head><meta name="date" content="2026-03-09"></head><body><div class="head"><h1>Will anyone drill into the lake?</h1><p class="article-info">Aud Lindqvist · Friday 6 March 2026</p></div>${BODY}</body></html>`;
  assert.deepEqual(dateOf(page), { day: '2026-03-06', from: 'dateline' });
  const titled = `<html lang="de"><body><div><h1>Tagung am 26. und 27. 2. 2015 in Eichstätt</h1><time class="entry-date" datetime="2015-01-28T15:41:20+01:00">28. Januar 2015</time></div>${BODY}</body></html>`;
  assert.equal(dateOf(titled).day, '2015-01-28');
});

test('labelled publication dates count, update labels do not', () => {
  const page = `<html lang="de"><body><h1>Rezension</h1>${BODY}<p class="footer">Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p></body></html>`;
  assert.equal(dateOf(page).day, '2023-11-01');
});

test('labelled dates: every label word is seen in the one text node that holds it, so pages with none skip joining their text', () => {
  // A label split by markup ("Erschienen <b>am</b>: 01.11.2023") is still found: the word itself is in one node.
  const split = `<html lang="de"><body><h1>Rezension</h1>${BODY}<p class="footer">Erschienen <b>am</b>: <span>01.11.2023</span></p></body></html>`;
  assert.equal(dateOf(split).day, '2023-11-01');
  for (const label of ['Published on', 'POSTED', 'first published', 'Veröffentlicht am', 'veroeffentlicht', 'Erschienen', 'publiziert', 'Publié le', 'publiee', 'publicado el', 'Publicada', 'pubblicato il', 'Opublikowano dnia']) {
    assert.ok(mayHoldPublicationLabel(`x ${label} 3`), label);
  }
  for (const text of ['Aktualisiert am 01.11.2023', 'Updated 2 May 2021', 'Stand: 01.11.2023', 'publish', 'pub lished']) assert.equal(mayHoldPublicationLabel(text), false, text);
  // A date written with no label anywhere is left to the other rules, as before.
  const unlabelled = `<html lang="de"><body><h1>Rezension</h1>${BODY}<p class="footer">Letzte Änderung: 31.10.2023</p></body></html>`;
  assert.notEqual(dateOf(unlabelled).from, 'labelled');
});

test('URL dates: year first, or day first with hyphens; a bare pair of numbers is no date', () => {
  assert.equal(parseUrlDate('https://ring.example/meldungen/29-10-2021')?.day, '2021-10-29');
  assert.equal(parseUrlDate('https://site.example/2019/08/02/story')?.day, '2019-08-02');
  assert.equal(parseUrlDate('https://site.example/kultur/30-11-buch-der-woche'), undefined);
});

test('a publication key in a data script dates the page only when nothing visible does', () => {
  const script = `<script>window.__STATE__ = {"product":{"title":"Sidamo","published_at":"2019-03-02T06:22:28+01:00"}};</script>`;
  assert.deepEqual(dateOf(`<html><body><h1>Sidamo coffee</h1>${BODY}${script}</body></html>`), { day: '2019-03-02', from: 'script' });
  assert.equal(dateOf(`<html><body><h1>Sidamo coffee</h1><p class="date">5 April 2019</p>${BODY}${script}</body></html>`).day, '2019-04-05');
});

test('the date near the headline is asked before the first date anywhere on the page', () => {
  const ticker = `<div class="ticker">${'Markets: shares steady. '.repeat(3)} Updated 02.12.2022</div>`;
  const page = `<html lang="de"><body>${ticker}<div><h1>Bioenergie-Branche protestiert</h1></div><p>29.11.2022 – Mehrfach hatte die Branche gewarnt.</p>${BODY}</body></html>`;
  assert.equal(dateOf(page).day, '2022-11-29');
});

test('a page whose content hangs off the root (empty <body>) is still searched', () => {
  // Some malformed pages parse so: the visible content beside an empty <body>, not inside it.
  const html = `<html lang="de"><head><title>Löhne</title></head><body></body><div><h1>«Gute Löhne alleine reichen nicht»</h1><span class="_publishingdate">07.11.2023</span>${BODY}</div></html>`;
  assert.equal(parsePage(html).body?.textContent, '', 'the premise: linkedom leaves <body> empty here');
  assert.equal(dateOf(html).day, '2023-11-07');
});

test('title: the site name in the middle of a title is cut with the slogan after it', () => {
  const page = `<html><head><title>Winter pike on the lake | anglers.example | Your fishing magazine</title><meta property="og:site_name" content="anglers.example"></head><body>${BODY}</body></html>`;
  assert.equal(readMetadata(parsePage(page)).title, 'Winter pike on the lake');
});

test('author: the publisher\'s own name, a bare domain, a handle or a date is no author; the next candidate is asked', () => {
  const page = (author: string, byline = ''): string => `<html><head><meta property="og:site_name" content="Harbour Times"><meta name="author" content="${author}"></head><body>${byline}${BODY}</body></html>`;
  assert.equal(readMetadata(parsePage(page('Harbour Times'))).author, undefined);
  assert.equal(readMetadata(parsePage(page('Harbour Times, Port Alder'))).author, undefined);
  assert.equal(readMetadata(parsePage(page('harbourtimes.example'))).author, undefined);
  assert.equal(readMetadata(parsePage(page('@HarbourTimes'))).author, undefined);
  assert.equal(readMetadata(parsePage(page('Harbour Times', '<span class="author-name">Mira Holt</span>'))).author, 'Mira Holt');
  assert.equal(readMetadata(parsePage(page('Ola Berg'))).author, 'Ola Berg');
});

test('site: an address in og:site_name becomes its host name; an empty one falls back to the page\'s host', () => {
  const page = (site: string): string => `<html><head><meta property="og:site_name" content="${site}"></head><body>${BODY}</body></html>`;
  assert.equal(readMetadata(parsePage(page('https://www.harbourtimes.example/'))).site, 'harbourtimes.example');
  assert.equal(readMetadata(parsePage(page('&#8203;')), 'https://www.quay.example/news/1').site, 'quay.example', 'a zero-width space only');
});
