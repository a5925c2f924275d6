// A larger HTML input for the queue workers' steady-state throughput (issue 16): the first articles of a JSON Lines
// corpus (the stream bench's, /tmp/newsfold-stream-<size>/corpus.jsonl) each wrapped in one of a few site templates
// with the boilerplate real news pages carry (navigation, teasers, scripts, styles, footer), so extraction and
// cleaning do real work. Written to a directory outside the repository; nothing here is committed data.
//
// Run: node --import tsx bench/html-pages.ts --corpus /tmp/newsfold-stream-100000/corpus.jsonl --pages 5000 --out /tmp/pages [--scale 3]
// --scale multiplies the boilerplate (links, teasers): 1 gives about 60 KB a page, 3 about 150 KB (the real pages
// of the 990-page set average about 117 KB and cost a worker about 20 ms each).
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { prng } from './lib/seeded.ts';

/** Site templates: pages of one site share their boilerplate, as a crawl's do, and cleaning learns nothing across sites. */
const SITES = 12;
/** Navigation and footer links a page carries: real pages in the trafilatura set carry 100-300. */
const NAV_LINKS = 250;
const FOOTER_LINKS = 100;
/** Teasers (headline and a sentence) in a page's sidebar and "more stories" block. */
const TEASERS = 40;

const { values } = parseArgs({ options: { corpus: { type: 'string' }, pages: { type: 'string', default: '5000' }, out: { type: 'string' }, scale: { type: 'string', default: '1' } } });
if (values.corpus === undefined || values.out === undefined) throw new Error('usage: --corpus FILE.jsonl --pages N --out DIR');
const pages = Number(values.pages);
const scale = Number(values.scale);

interface Record {
  id: string;
  text: string;
  title?: string;
  published?: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words for boilerplate, from the corpus itself so no fixed phrase repeats across sites. */
function words(random: () => number, pool: readonly string[], count: number): string {
  return Array.from({ length: count }, () => pool[Math.floor(random() * pool.length)]!).join(' ');
}

function siteChrome(site: number, pool: readonly string[]): { head: string; top: string; side: (random: () => number) => string; bottom: string } {
  const random = prng(1000 + site);
  const name = `${words(random, pool, 2)} ${['Times', 'Post', 'Herald', 'News', 'Journal', 'Daily'][site % 6]}`;
  const link = (path: string, label: string) => `<li class="nav-item"><a class="nav-link" href="https://site${site}.example/${path}">${escape(label)}</a></li>`;
  const nav = Array.from({ length: NAV_LINKS * scale }, (_, i) => link(`section/${i}`, words(random, pool, 1 + (i % 3)))).join('\n');
  const footer = Array.from({ length: FOOTER_LINKS * scale }, (_, i) => link(`about/${i}`, words(random, pool, 2))).join('\n');
  const style = Array.from({ length: 80 }, (_, i) => `.c${site}-${i} { margin: ${i % 7}px ${i % 5}px; color: #${(site * 4099 + i * 97).toString(16).padStart(6, '0').slice(0, 6)}; }`).join('\n');
  const script = Array.from({ length: 60 }, (_, i) => `window.__cfg${i} = { id: ${site * 1000 + i}, slot: "ad-${i}", sizes: [[300, 250], [728, 90]], targeting: { section: "${words(random, pool, 1)}" } };`).join('\n');
  return {
    head: `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style>${style}</style><script>${script}</script>`,
    top: `<div class="cookie-banner">${escape(words(random, pool, 30))} <button>Accept</button></div>
<header class="site-header"><a class="logo" href="https://site${site}.example/">${escape(name)}</a><nav class="main-nav"><ul>${nav}</ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>`,
    side: (teaserRandom) =>
      `<aside class="sidebar"><h3>Most read</h3><ul>${Array.from({ length: TEASERS * scale }, () => `<li class="teaser"><a href="https://site${site}.example/story/${Math.floor(teaserRandom() * 1e6)}">${escape(words(teaserRandom, pool, 6))}</a><p>${escape(words(teaserRandom, pool, 14))}</p></li>`).join('\n')}</ul>
<div class="newsletter">${escape(words(random, pool, 20))}<input type="email"><button>Sign up</button></div></aside>`,
    bottom: `<footer class="site-footer"><ul>${footer}</ul><p class="legal">© 2026 ${escape(name)}. ${escape(words(random, pool, 40))}</p></footer>
<script>(function(){ var s = document.createElement('script'); s.src = 'https://cdn.site${site}.example/analytics.js'; document.head.appendChild(s); })();</script>`,
  };
}

function page(record: Record, chrome: ReturnType<typeof siteChrome>, random: () => number, site: number): string {
  const paragraphs = record.text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph.length > 0);
  const title = record.title ?? (paragraphs[0] ?? '').split(/(?<=[.!?])\s/)[0]!.slice(0, 120);
  const body = record.title === undefined ? paragraphs.slice(1) : paragraphs;
  const time = record.published === undefined ? '' : `<time datetime="${record.published}">${record.published.slice(0, 10)}</time>`;
  const meta = record.published === undefined ? '' : `<meta property="article:published_time" content="${record.published}">`;
  return `<!doctype html><html lang="en"><head><title>${escape(title)}</title>${meta}${chrome.head}</head><body>
${chrome.top}
<main><article class="story"><h1>${escape(title)}</h1><div class="byline">${time}</div>
${(body.length > 0 ? body : paragraphs).map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
<div class="share"><a href="https://site${site}.example/share">Share</a> <a href="https://site${site}.example/print">Print</a></div>
</article>
${chrome.side(random)}</main>
${chrome.bottom}
</body></html>
`;
}

const records: Record[] = [];
for await (const line of createInterface({ input: createReadStream(values.corpus, 'utf8'), crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  records.push(JSON.parse(line) as Record);
  if (records.length >= pages) break;
}
const pool = [...new Set(records.slice(0, 200).flatMap((record) => record.text.split(/\s+/).filter((word) => /^[A-Za-z]{3,12}$/.test(word))))];
const chromes = Array.from({ length: SITES }, (_, site) => siteChrome(site, pool));
await mkdir(values.out, { recursive: true });
const random = prng(16);
let bytes = 0;
for (let at = 0; at < records.length; at++) {
  const site = at % SITES;
  const html = page(records[at]!, chromes[site]!, random, site);
  bytes += html.length;
  await writeFile(join(values.out, `page-${String(at).padStart(6, '0')}.html`), html);
}
console.log(`${records.length} pages from ${values.corpus} in ${values.out}, ${(bytes / records.length / 1024).toFixed(0)} KB a page on average`);
