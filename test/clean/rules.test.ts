import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES, cleanText } from '../../src/clean/index.ts';
import { BODY, HEADLINE, LEAD, LEAD_BODY, page } from './fixtures.ts';

/** [rule, line]: each line stands alone between two body paragraphs and must be dropped by that rule. */
const BOILERPLATE: Array<[string, string]> = [
  ['browser-notice', 'You are using an older browser version. Please use a supported version for the best experience.'],
  ['browser-notice', 'Your browser is out of date. Please upgrade your browser to view this site.'],
  ['browser-notice', 'Please enable JavaScript to view the comments.'],
  ['cookie-notice', 'We use cookies to improve your experience. By continuing you agree to our cookie policy.'],
  ['cookie-notice', 'This site uses cookies. Accept all or manage your settings.'],
  ['scrape-notice', 'Starting in 1998, Alexa Internet has been donating their crawl data to the archive, which keeps it for later readers.'],
  ['scrape-notice', 'These crawls are part of an effort to archive pages before they vanish, so that links to them keep working.'],
  ['scrape-notice', 'Tweet with a location'],
  ['scrape-notice', 'You can add location information to your Tweets from any device you use.'],
  ['scrape-notice', 'Story Continued Below'],
  ['scrape-notice', 'This crawl was run at a level 1 (URLs including their embeds, plus the URLs of all outbound links including their embeds)'],
  ['scrape-notice', '-- up to a maximum of 100 most highly ranked URLs per domain'],
  ['scrape-notice', 'These files are currently not publicly accessible.'],
  ['scrape-notice', 'This feature is not available right now. Please try again later.'],
  ['scrape-notice', 'Sorry, the page you requested could not be found.'],
  ['scrape-notice', 'Sign in using your harbourtv profile'],
  ['scrape-notice', 'By submitting your registration information, you agree to our Terms of Service and Privacy Policy.'],
  ['scrape-notice', 'Your custom domain mapping may take as little as 15-30 minutes to resolve.'],
  ['browser-notice', 'You need to enable JavaScript to use the audio player'],
  ['share-bar', 'Share:'],
  ['share-bar', 'Share this:'],
  ['share-bar', 'Share this article'],
  ['share-bar', 'Facebook Twitter Email'],
  ['share-bar', 'Share | Tweet | Email'],
  ['share-bar', 'Like this:'],
  ['navigation', 'More In Home'],
  ['navigation', 'Post navigation'],
  ['navigation', 'More From The Gull Haven Gazette'],
  ['navigation', 'Skip to main content'],
  ['navigation', 'Tags: ferries, Gull Haven, weather'],
  ['navigation', 'Previous article'],
  ['navigation', 'Home » World » Europe'],
  ['advertisement', 'Advertisement'],
  ['advertisement', 'ADVERTISEMENT'],
  ['advertisement', 'Story continues below advertisement'],
  ['newsletter', 'Sign up for our newsletter'],
  ['newsletter', 'Subscribe to the Harbour Briefing newsletter for daily updates in your inbox.'],
  ['newsletter', 'Newsletter'],
  ['photo-caption', 'The crane lies across the ferry deck in Gull Haven on Monday. (AP Photo/Jane Roe)'],
  ['photo-caption', 'Harbour workers inspect the crane base, Monday, March 4, 2024. ( K. Voss, Harbour Trust via AP)'],
  ['photo-caption', 'A crane lies on the deck of a ferry in Gull Haven, March 4, 2024. REUTERS/Stringer'],
  ['photo-caption', 'The quay after the storm. AFP/Getty Images'],
  ['photo-caption', 'Cranes over the quay in Gull Haven. © Provided by Example Media LLC'],
  ['photo-credit', 'REUTERS/Stringer'],
  ['photo-credit', '(AP Photo/Jane Roe)'],
  ['photo-credit', '© Provided by Example Media LLC d/b/a The Gull Haven Gazette'],
  ['photo-credit', 'Getty Images'],
  ['photo-credit', 'Photo: Jane Roe/Meridian Press'],
  ['byline', 'By Maren O. Falk, Meridian Press.'],
  ['byline', 'By MAREN FALK'],
  ['byline', 'By Maren Falk and Ivo Brandt | The Gull Haven Gazette'],
  ['byline', 'By Reuters'],
  ['byline', 'Gull Haven Gazette | Staff report'],
  ['copyright', 'Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.'],
  ['copyright', '© 2024 Meridian Press'],
  ['copyright', 'Copyright © 2020-2024 Example Media LLC. All rights reserved.'],
  ['copyright', 'All rights reserved.'],
  ['contributor-line', 'Associated Press writers Ana Ruiz and Tomas Brenner contributed to this report.'],
  ['contributor-line', 'AP writer Ana Ruiz contributed to this report.'],
  ['distribution-note', 'Story Filed By Harbour Newspapers'],
  ['distribution-note', 'For Use By Clients of the New York Times News Service'],
  ['distribution-note', '(For use by New York Times News Service clients.)'],
  ['distribution-note', 'c.1999 N.Y. Times News Service'],
  ['distribution-note', '(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)'],
  ['contributor-line', 'Meridian Press writer Ana Ruiz in Port Alder contributed to this report.'],
  ['contributor-line', '(Reporting by Ana Ruiz; Editing by Tomas Brenner)'],
  ['related-link', '[Ferry operator faces questions over crane inspections]'],
  ['related-link', 'Related: Ferry crossings suspended after storm'],
  ['related-link', 'Read more: What the harbour closure means for the islands'],
  ['related-link', 'See also: A history of the Gull Haven quay'],
  ['beacon', 'image beaconimage beaconimage beacon'],
  ['beacon', 'image beacon'],
  ['separator', '___'],
  ['separator', '* * *'],
  ['separator', '-----'],
  ['outlet-logo', 'The Gull Haven Gazette logo The Gull Haven Gazette 3/7/2024 Ivo Brandt'],
  ['timestamp', 'Published: March 7, 2024 at 9:40 a.m.'],
  ['timestamp', 'Updated 3/8/2024 11:05 AM'],
];

for (const [rule, line] of BOILERPLATE) {
  test(`${rule}: ${JSON.stringify(line)} is dropped`, () => {
    const out = cleanText({ text: page(HEADLINE, LEAD, line, BODY[0]!), format: 'text' });
    assert.deepEqual(out.paragraphs, [LEAD_BODY, BODY[0]]);
    assert.ok(
      out.dropped.some((d) => d.rule === rule && d.text === line),
      `expected ${rule}, got ${JSON.stringify(out.dropped)}`,
    );
  });
}

/** Body sentences that mention a trigger word but are story text. */
const BODY_SENTENCES = [
  'Distributed by volunteers, the food parcels reached 300 families.',
  'Share prices of the ferry operator fell 4 percent on Tuesday.',
  'Readers can share their photos of the storm with the council, which will publish them next month.',
  'The copyright on the photographs belongs to the harbour trust, a spokesperson said.',
  'Copyright 2016 legislation was cited by the trust\'s lawyers.',
  'By the time the crane fell, the ferry\'s passengers had already gone ashore.',
  'By Monday evening, Gull Haven had reopened its outer quay.',
  'More from the council will follow at a meeting on Thursday, the mayor said.',
  'Photos by local residents showed the jib lying across the funnel.',
  'The ferry operator said it would post navigation warnings for the harbour entrance.',
  'Advertisement revenue at the local paper has fallen, its editor said.',
  'Subscribe to the council newsletter for updates on the repairs, the mayor urged residents.',
  'Facebook and Twitter users shared video of the collapse within minutes.',
  'The agency licensed the pictures to Getty Images.',
  'Two students who contributed to this report\'s research later joined the trust.',
  'He contributed to the report.',
  'We use cookies as bait for the gulls, one fisherman joked.',
  'Related talks with the ferry operator will continue next week.',
  'Home owners near the quay were asked to stay indoors.',
  'All rights reserved seats on the ferry were refunded, the operator said.',
  '"You are using an older crane than you think," the inspector told the council.',
  'The harbour trust said the crane (photo, right) had been repainted in May.',
  'Sign in using your library card to read the council minutes, the clerk told residents.',
  'This feature is not available on the older ferries, the operator said.',
];

for (const sentence of BODY_SENTENCES) {
  test(`body sentence survives: ${JSON.stringify(sentence)}`, () => {
    const out = cleanText({ text: page(HEADLINE, LEAD, sentence, BODY[0]!), format: 'text' });
    assert.deepEqual(out.paragraphs, [LEAD_BODY, sentence, BODY[0]]);
  });
}

test('rules are anchored: a trigger phrase inside a long paragraph keeps the paragraph', () => {
  const paragraph =
    'Harbour staff had put up signs saying Share: your photos with us, Advertisement space for sale and ' +
    'Post navigation warnings, the inspector said, and none of them had anything to do with the crane.';
  const out = cleanText({ text: page(HEADLINE, LEAD, paragraph), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY, paragraph]);
});

test('lines of one block are judged one by one: a share bar and a navigation label together', () => {
  const out = cleanText({ text: page(HEADLINE, LEAD, 'Share:\nMore In Home'), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY]);
  assert.deepEqual(
    out.dropped.filter((d) => d.rule !== 'title' && d.rule !== 'dateline'),
    [{ text: 'Share:', rule: 'share-bar' }, { text: 'More In Home', rule: 'navigation' }],
  );
});

test('a caption wrapped over several lines is dropped whole', () => {
  const caption = 'The crane lies across the ferry deck\nin Gull Haven on Monday.\n(AP Photo/Jane Roe)';
  const out = cleanText({ text: page(HEADLINE, LEAD, caption, BODY[0]!), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY, BODY[0]]);
  assert.ok(out.dropped.some((d) => d.rule === 'photo-caption'));
});

test('a caption glued before body text is cut, MSN style (caption, © line, caption again)', () => {
  const caption = 'Cranes stand over the quay in Gull Haven, March 4, 2024. REUTERS/Stringer';
  const glued = `${caption} © Provided by Example Media LLC d/b/a The Gull Haven Gazette ${caption} ${BODY[0]}`;
  const out = cleanText({ text: page(HEADLINE, LEAD, glued, BODY[1]!), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY, BODY[0], BODY[1]]);
  assert.ok(
    out.dropped.some(
      (d) => d.rule === 'photo-caption' && d.text.startsWith(caption) && d.text.endsWith(`Gazette ${caption}`),
    ),
  );
});

test('a caption glued before body text is cut after its last credit', () => {
  const glued = `The crane lies across the ferry deck on Monday. (AP Photo/Jane Roe) ${BODY[0]}`;
  const out = cleanText({ text: page(HEADLINE, LEAD, glued), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY, BODY[0]]);
  assert.deepEqual(out.dropped.at(-1), {
    text: 'The crane lies across the ferry deck on Monday. (AP Photo/Jane Roe)',
    rule: 'photo-caption',
  });
});

test('a credit in mid-sentence is not a glued caption', () => {
  const paragraph = 'The photo, credited (AP Photo/Jane Roe) in the paper, was taken from the harbour wall at dawn.';
  const out = cleanText({ text: page(HEADLINE, LEAD, paragraph), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY, paragraph]);
});

test('a line that only names the outlet is dropped once the page names its outlet', () => {
  const logo = 'The Gull Haven Gazette logo The Gull Haven Gazette 3/7/2024 Ivo Brandt';
  const tail = 'The Gull Haven Gazette\nThe Gull Haven Gazette\nimage beaconimage beacon';
  const out = cleanText({ text: page(HEADLINE, logo, LEAD, 'More From The Gull Haven Gazette', tail), format: 'text' });
  assert.deepEqual(out.paragraphs, [LEAD_BODY]);
  assert.equal(out.dropped.filter((d) => d.rule === 'outlet-name').length, 2);
});

test('an agency name alone on a line is dropped when the dateline names that agency', () => {
  const out = cleanText({ text: page(HEADLINE, 'PARIS (AP) — The crane fell on Monday night.', 'Associated Press'), format: 'text' });
  assert.deepEqual(out.paragraphs, ['The crane fell on Monday night.']);
  assert.ok(out.dropped.some((d) => d.rule === 'outlet-name' && d.text === 'Associated Press'));
});

test('a short line shown again is dropped as repeated; its first showing stays', () => {
  const text = `${HEADLINE}\n${BODY[0]}\nGull Haven Weekly\n${BODY[1]}\nGull Haven Weekly`;
  const out = cleanText({ text, format: 'text' });
  assert.deepEqual(out.paragraphs, [BODY[0], 'Gull Haven Weekly', BODY[1]]);
  assert.deepEqual(out.dropped.at(-1), { text: 'Gull Haven Weekly', rule: 'repeated-line' });
});

test('a repeated quote that ends like a sentence is not dropped', () => {
  const quote = '"We were lucky."';
  const out = cleanText({ text: page(HEADLINE, quote, BODY[0]!, quote), format: 'text' });
  assert.deepEqual(out.paragraphs, [quote, BODY[0], quote]);
});

test('every rule named in the audit trail is documented in RULES, and the trail is in text order', () => {
  const text = page(
    'You are using an older browser version. Please use a supported version for the best experience.',
    HEADLINE,
    'By Maren O. Falk, Meridian Press.',
    LEAD,
    'Advertisement',
    BODY[0]!,
    'Copyright 2024 Meridian Press. All rights reserved.',
  );
  const out = cleanText({ text, format: 'text' });
  for (const drop of out.dropped) assert.ok(drop.rule in RULES, drop.rule);
  assert.deepEqual(
    out.dropped.map((d) => d.rule),
    ['browser-notice', 'title', 'byline', 'dateline', 'advertisement', 'copyright'],
  );
});

test('moreWordsThan is wordCount(text) > limit, counting no further than it needs', async () => {
  const { moreWordsThan, wordCount } = await import('../../src/clean/blocks.ts');
  const texts = ['', '   ', 'one', ' one two ', 'a\tb\nc  d', `${'word '.repeat(200)}end`, '\u00a0x\u2003y\u3000z '];
  for (const text of texts) {
    for (const limit of [0, 1, 2, 3, 4, 14, 150, 250]) assert.equal(moreWordsThan(text, limit), wordCount(text) > limit, `${JSON.stringify(text)} ${limit}`);
  }
});
