// `newsfold extract --json` on the bundled web pages and feed (examples/pages): titles, dates, bylines and
// body text come out, the boilerplate written around them (cookie banners, menus, share bars, captions,
// newsletter boxes, related links, reader comments, footers) does not.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { newsfold, ROOT } from '../run-cli.ts';

interface Extracted {
  path: string;
  record: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  author: string | null;
  site: string | null;
  language: string | null;
  text: string;
}

/** Every page's expected fields; `published` as the page states it (its own offset, or the day alone), a feed item's as the pipeline stores it (UTC). */
const EXPECTED: Record<string, Partial<Extracted> & { first: string; last: string }> = {
  'gazette-harbour-closed.html': {
    title: 'Fishing fleet idle as Port Alder harbour stays shut after tanker grounding',
    published: '2026-03-05T07:45:00+01:00',
    author: 'Mira Holt',
    site: 'Port Alder Gazette',
    first: 'Two days after the Kestrel Dawn ran onto Gannet Shoal',
    last: 'the smell of fuel will not help us sell summer holidays."',
  },
  'evening-star-tram-route.html': {
    title: 'Line 5: where the Oakmere tram will run, stop by stop',
    published: '2026-03-05T18:20:00+01:00',
    author: 'Daniel Ostrova',
    first: "Wednesday night's 27 to 14 vote means the tram to Oakmere",
    last: 'has agreed to cover part of the cost of the bridge.',
  },
  // The generic `<meta name="date">` holds the day the page was generated (9 March); the dateline beside
  // the headline says 6 March, and wins.
  'polar-bulletin-skarvald-drilling.html': {
    title: 'Will anyone drill into the Skarvald lake?',
    published: '2026-03-06',
    site: 'Polar Bulletin',
    first: 'Within hours of the announcement that radar had traced a lake',
    last: "and to ask which country's authorities would have to approve it.",
  },
  'harbourline-tech.rss#item 1': {
    title: 'Nimbus 3 recall: how to send your power bank back',
    published: new Date('2026-03-10T18:40:00+01:00').toISOString(),
    author: 'Sunniva Bakke',
    site: 'Harbourline Tech Notes',
    first: 'Corvid Devices has opened its returns site',
    last: 'keep it away from anything that burns.',
  },
  'harbourline-tech.rss#item 2': {
    title: 'Skarvald lake: why the radar saw water at all',
    published: new Date('2026-03-07T10:05:00+01:00').toISOString(),
    first: 'The lake found under the Skarvald Glacier showed up because',
    last: 'wants to survey it again next winter.',
  },
};

/** Text from the boilerplate of the example pages; none of it may reach the extracted body. */
const BOILERPLATE = [
  'cookies', 'Accept all', 'Subscribe', 'Share on', 'Facebook', 'WhatsApp', 'newsletter', 'Sign up', 'Related stories',
  'You may also like', 'Read more', 'Photo: Gazette staff', '(Evening Star)', 'Comments', 'Responses', 'Somebody should explain',
  'Eleven stops in under ten kilometres', 'All rights reserved', 'Copyright', 'Page generated', 'Front page', 'Obituaries', 'Tags:',
];

test('extract --json on examples/pages: titles, dates, authors and bodies, without the boilerplate', async () => {
  const run = await newsfold(['extract', '--json', join(ROOT, 'examples', 'pages')]);
  assert.equal(run.code, 0, run.stderr);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Extracted);
  const byName = new Map(records.map((record) => [`${record.path.split('/').pop()}${record.record === null ? '' : `#${record.record}`}`, record]));
  assert.deepEqual([...byName.keys()].sort(), Object.keys(EXPECTED).sort());
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const record = byName.get(name)!;
    const { first, last, ...fields } = expected;
    for (const [key, value] of Object.entries(fields)) assert.equal(record[key as keyof Extracted], value, `${name}: ${key}`);
    assert.equal(record.language, 'en', `${name}: language`);
    assert.ok(record.text.startsWith(first) || record.text.split('\n\n').some((paragraph) => paragraph.startsWith(first)), `${name}: the first paragraph is there`);
    assert.ok(record.text.endsWith(last), `${name}: the body ends with the article's last paragraph`);
    for (const phrase of BOILERPLATE) assert.ok(!record.text.includes(phrase), `${name}: "${phrase}" is boilerplate`);
  }
});
