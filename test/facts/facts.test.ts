import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareStory } from '../../src/engine/summarize.ts';
import { buildDigest } from '../../src/digest/index.ts';
import { extractFacts, findDisagreements, findQuotes, numberMentions, ownerOf, quantities, textMoment, timeMentions } from '../../src/facts/index.ts';
import { planWindow, plansMeet } from '../../src/facts/mentions.ts';
import { figureFacts, sameFigure } from '../../src/digest/figures.ts';
import type { Disagreement, RawArticle } from '../../src/model.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE_STORY = join(ROOT, 'examples', 'port-alder-tanker');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');

function rawFiles(dir: string): RawArticle[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ origin: { path: join(dir, file), format: 'text' }, text: readFileSync(join(dir, file), 'utf8') }));
}

function hasSides(disagreements: readonly Disagreement[], first: RegExp, second: RegExp): boolean {
  return disagreements.some((disagreement) => disagreement.sides.some((side) => first.test(side.value)) && disagreement.sides.some((side) => second.test(side.value)));
}

test('numbers come with what they count', () => {
  const mentions = numberMentions('Ministers from 26 nations met, and 27 defense ministers signed; a crew of 14 was rescued in 1998.');
  assert.deepEqual(
    mentions.map((mention) => [mention.value, mention.counts]),
    [[26, 'nations'], [27, 'defense ministers'], [14, 'crew']],
  );
  assert.deepEqual(numberMentions('It cost 1.2 million dollars and two ministers resigned.').map((mention) => [mention.value, mention.counts]), [
    [1_200_000, 'dollars'],
    [2, 'ministers'],
  ]);
});

test('relative times are found as written', () => {
  assert.deepEqual(
    timeMentions('They meet next month; inspectors arrive within ten days, and the vote comes in three weeks.').map((time) => time.key),
    ['next month', 'within ten days', 'in three weeks'],
  );
});

test('quotes get their speaker, and "she said" is the last person named', () => {
  const text = [
    '"The bridge will reopen on Friday," said Orla Penhallow, the county engineer.',
    'Mayor Tamsin Roe said the repairs had cost more than planned.',
    '"We had no choice but to close it," she said.',
    'Engineer Bram Tulley said: "The cracks were deeper than anyone expected."',
  ].join('\n\n');
  const quotes = findQuotes({ text });
  assert.deepEqual(
    quotes.map((quote) => [quote.speaker, quote.text]),
    [
      ['Orla Penhallow', 'The bridge will reopen on Friday'],
      ['Tamsin Roe', 'We had no choice but to close it'],
      ['Bram Tulley', 'The cracks were deeper than anyone expected.'],
    ],
  );
});

test('the same claim with different figures or times is a disagreement, each side with its sources', () => {
  const disagreements = findDisagreements(
    [
      { text: 'Rescuers said 40 miners were trapped underground at the Kelden colliery after the roof collapsed on Monday.', sources: ['a', 'b'] },
      { text: 'Rescuers said 42 miners were trapped underground at the Kelden colliery when the roof collapsed.', sources: ['c'] },
      { text: 'The inquiry into the Kelden colliery collapse will report next month, the energy minister said.', sources: ['a'] },
      { text: 'The energy minister said the inquiry into the Kelden colliery collapse would report in three months.', sources: ['c'] },
      { text: 'The Kelden colliery employs 300 people in the valley.', sources: ['b'] },
    ],
    ['a', 'b', 'c'],
  );
  const miners = disagreements.find((disagreement) => disagreement.about === 'number of miners (Kelden)');
  assert.deepEqual(miners?.sides.map((side) => [side.value, side.sources]), [
    ['40 miners', ['a', 'b']],
    ['42 miners', ['c']],
  ]);
  assert.ok(hasSides(disagreements, /^next month$/, /^in three months$/), JSON.stringify(disagreements));
  assert.ok(!disagreements.some((disagreement) => disagreement.sides.some((side) => side.value.includes('300'))), 'an unrelated figure is no side');
});

test('a name next to a figure that the other side\'s articles never write is another event, not a disagreement', () => {
  const sentences = [
    { text: 'The Boeing 767 crashed into the sea and all 217 people on board were killed, investigators said.', sources: ['a'] },
    { text: 'The Boeing 767 crash of Lauda Air in Thailand killed all 223 people on board, investigators said.', sources: ['b'] },
  ];
  const texts = new Map([
    ['a', `Investigators searched the sea off Nantucket. ${sentences[0]!.text}`],
    ['b', `The jet had a good safety record. ${sentences[1]!.text}`],
  ]);
  // Without the articles there is no telling the two crashes apart; with them, article a never writes "Lauda".
  assert.ok(hasSides(findDisagreements(sentences, ['a', 'b']), /^all 217|^217/, /223/));
  assert.deepEqual(findDisagreements(sentences, ['a', 'b'], undefined, texts), []);
  // The same pair is one event when article a names the airline too.
  texts.set('a', `Investigators searched the sea off Thailand for the Lauda Air jet. ${sentences[0]!.text}`);
  assert.ok(hasSides(findDisagreements(sentences, ['a', 'b'], undefined, texts), /^all 217|^217/, /223/));
});

test('a figure told of a coming moment and one told of a past moment are two facts', () => {
  const past = { text: 'The studio showed a 2-minute trailer for the Quill Harbour film, its first since the original opened 15 years ago.', sources: ['a'] };
  const ahead = { text: 'Next month will bring a new 3-minute trailer for the Quill Harbour film, the studio said.', sources: ['b'] };
  const plain = { text: 'The studio showed a new 3-minute trailer for the Quill Harbour film, its first in years.', sources: ['b'] };
  assert.deepEqual(findDisagreements([past, ahead], ['a', 'b']), []);
  assert.ok(hasSides(findDisagreements([past, plain], ['a', 'b']), /^2-minute/, /^3-minute/));
});

test('one article stating two figures is not a disagreement with itself', () => {
  const disagreements = findDisagreements(
    [
      { text: 'The lifeboat took 11 of the 15 crew ashore after the ferry hit rocks near Skarn.', sources: ['a'] },
      { text: 'A helicopter took the other 4 crew ashore after the ferry hit rocks near Skarn.', sources: ['a'] },
    ],
    ['a'],
  );
  assert.deepEqual(disagreements, []);
});

test('examples: crew 14 vs 15, and "next week" vs "in three weeks", as examples/expected.json lists', () => {
  const story = prepareStory(rawFiles(EXAMPLE_STORY));
  const digest = buildDigest({ storyId: 's', articles: story.articles, relations: story.relations, words: 150 });
  const disagreements = digest.facts?.disagreements ?? [];
  assert.ok(hasSides(disagreements, /^14 crew/, /^15 crew/), JSON.stringify(disagreements));
  assert.ok(hasSides(disagreements, /^next week$/, /^in three weeks$/), JSON.stringify(disagreements));
  const byPath = new Map(story.articles.map((article) => [article.id, article.origin.path]));
  const crew = disagreements.find((disagreement) => disagreement.about.startsWith('number of crew'))!;
  const fifteen = crew.sides.find((side) => side.value.startsWith('15'))!;
  assert.ok(fifteen.sources.some((id) => byPath.get(id)!.endsWith('report-b.txt')), 'report-b says 15');
  // Session 31: report-c's "a crew of 14" (the same vessel's crew, told in other words) is on the 14 side, and is
  // one number with "14 crew members" in the story's Numbers.
  const fourteen = crew.sides.find((side) => side.value.startsWith('14'))!;
  assert.ok(fourteen.sources.some((id) => byPath.get(id)!.endsWith('report-c.txt')), `report-c says 14: ${JSON.stringify(fourteen)}`);
  const fourteens = (digest.facts?.numbers ?? []).filter((number) => number.value === 14);
  assert.equal(fourteens.length, 1, JSON.stringify(fourteens));
  assert.equal(fourteens[0]!.text, '14 crew members', 'the figure first, in full');
  assert.ok(fourteens[0]!.sources.some((id) => byPath.get(id)!.endsWith('report-c.txt')), JSON.stringify(fourteens));
});

test('seeds: "26 nations" and "27 ministers (26 nations and Iraq)" agree; so do "next month" and "in three weeks", told on 20 January (issue 20)', (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`seed articles not found at ${SEEDS}`);
    return;
  }
  const story = prepareStory(rawFiles(SEEDS));
  const digest = buildDigest({ storyId: 's', articles: story.articles, relations: story.relations });
  const disagreements = digest.facts?.disagreements ?? [];
  assert.ok(!hasSides(disagreements, /^26 nations$/, /^27 (?:defense )?ministers$/), JSON.stringify(disagreements));
  // The wire story's "next month" and the reports' "in three weeks" are both early February: one meeting.
  assert.ok(!hasSides(disagreements, /^next month$/, /^in three weeks$/), JSON.stringify(disagreements));
});

test('plans in relative time contradict only when their windows cannot meet (issue 20)', () => {
  const wednesday = new Date('2016-01-20T10:00:00Z');
  assert.deepEqual(planWindow('next week', wednesday), [5, 11]);
  assert.deepEqual(planWindow('within ten days'), [0, 10]);
  assert.deepEqual(planWindow('in three weeks'), [19.25, 22.75]);
  assert.ok(!plansMeet('next week', undefined, 'in two weeks', undefined), 'they touch only at their ends');
  assert.ok(plansMeet('next week', undefined, 'in a week', undefined));
  assert.deepEqual(planWindow('next month', wednesday), [12, 40]);
  assert.equal(planWindow('last week'), undefined);
  assert.ok(plansMeet('next month', wednesday, 'in three weeks', wednesday));
  assert.ok(plansMeet('next month', undefined, 'in three weeks', undefined), 'undated: "next month" may be three weeks off');
  assert.ok(plansMeet('next week', undefined, 'within ten days', undefined));
  assert.ok(!plansMeet('next week', undefined, 'in three weeks', undefined));
  assert.ok(!plansMeet('next week', wednesday, 'in two months', wednesday));
  // Each counted from its own telling day: "in two weeks" on the 1st and "next week" on the 10th are one week.
  assert.ok(plansMeet('in two weeks', new Date('2026-06-01'), 'next week', new Date('2026-06-10')));
  assert.ok(!plansMeet('in two weeks', new Date('2026-06-01'), 'next week', new Date('2026-05-01')));
  assert.deepEqual(
    findDisagreements(
      [
        { text: 'The ministers of the coalition will meet again in Brussels next month to review the campaign, Carter said.', sources: ['a'] },
        { text: 'The ministers of the coalition will meet again in Brussels in three weeks to review the campaign, Carter said.', sources: ['b'] },
      ],
      ['a', 'b'],
    ),
    [],
  );
});

test('typed quantities: times of day, durations, ages, money, counts are never compared across types (issue 20)', () => {
  const found = findDisagreements(
    [
      { text: 'The first explosion was heard at 9:32 p.m. near the stadium, and the second 70 minutes later, police said.', sources: ['a'] },
      { text: 'The first explosion was heard at 9:30 p.m. near the stadium, and the second 48 minutes before the match ended, police said.', sources: ['b'] },
      { text: 'The outbreak has killed 4,000 people in the region since March, health officials said on Monday.', sources: ['a'] },
      { text: 'Health officials said on Monday the region had recorded 10,000 new cases since March.', sources: ['b'] },
      { text: 'The team spent two field seasons mapping the lake under the glacier, the survey leader said.', sources: ['a'] },
      { text: 'The survey leader said the team mapped the lake 400 metres under the glacier.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(found, []);
  const ages = findDisagreements(
    [
      { text: 'Police said the driver, a 45-year-old man from Tarran, was arrested at the scene on Friday night.', sources: ['a'] },
      { text: 'The driver, a 47-year-old man from Tarran, was arrested at the scene on Friday night, police said.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(ages.map((item) => [item.about, item.sides.map((side) => side.value)]), [['age of the man (Tarran)', ['45-year-old', '47-year-old']]]);
});

test('a duration in minutes is counted in minutes, and a count says what it counts however it is written (walk, session 30)', () => {
  const value = (sentence: string) => quantities(sentence).map((quantity) => [quantity.text, quantity.value]);
  // "minutes" lost its unit ("minut"), so forty minutes was forty seconds and compared equal to them.
  assert.deepEqual(value('The trip used to take forty minutes.'), [['forty minutes', 2400]]);
  assert.deepEqual(value('The delay was 90 minutes, an hour and a half.'), [['90 minutes', 5400], ['an hour and a half', 5400]], 'the half counted (session 32; was an hour)');
  assert.deepEqual(value('They waited 40 seconds.'), [['40 seconds', 40]]);
  const sentences = [
    { text: 'The Kestrel Dawn, with a crew of 14, grounded on the shoal.', sources: ['a'] },
    { text: 'The singer posted the picture to her four million followers.', sources: ['a'] },
  ];
  const article = { id: 'a', title: 'A', text: sentences.map((sentence) => sentence.text).join(' ') } as unknown as Parameters<typeof extractFacts>[0][number];
  const numbers = extractFacts([article], sentences).numbers.map((number) => [number.text, number.counts]);
  assert.deepEqual(numbers, [['crew of 14', 'crew'], ['four million followers', 'followers']], 'before: "of 14" and "million followers"');
});

test('years and days of the month are dates, not counts', () => {
  assert.deepEqual(numberMentions('The 1999 budget set the May 21 release, and 12 theaters opened.').map((mention) => mention.text), ['12 theaters']);
});

test('a number after a capitalised word is part of a name, not a count', () => {
  assert.deepEqual(numberMentions('Owners of the Nimbus 3 portable charger reported 37 incidents.').map((mention) => mention.text), ['37 incidents']);
  assert.deepEqual(numberMentions('Carter said 26 nations would attend.').map((mention) => mention.text), ['26 nations']);
});

test('a capitalised ordinary word opening a sentence is not a name', () => {
  const { articles } = prepareStory([
    {
      origin: { path: 'recall-a.txt', format: 'text' },
      text: 'Harbor Tools recalls drills\n\nAffected drills were sold by Harbor Tools in May. Several owners said the drills were not affected before the update. Customer safety comes first, said Ines Moreau.',
    },
  ]);
  const facts = buildDigest({ storyId: 'names', articles, relations: [] }).facts!;
  const names = facts.entities.map((entity) => entity.name);
  assert.ok(names.includes('Harbor Tools'), names.join(', '));
  assert.ok(names.includes('Ines Moreau'), names.join(', '));
  for (const ordinary of ['Affected', 'Several', 'Customer']) assert.ok(!names.includes(ordinary), `${ordinary} in ${names.join(', ')}`);
});

test('a formal name goes on across "and" only when the next word is never capitalised on its own ("Journal of Ice and Climate"; "Bank of England" and "Barclays")', () => {
  const { articles } = prepareStory([
    { origin: { path: 'a.txt', format: 'text' }, text: 'Glacier lake found\n\nThe findings, published Thursday in the Journal of Ice and Climate, suggest the lake drains. The Bank of England and Barclays said rates would rise. Barclays said more later. Officials at the Department of Health and Human Services agreed.' },
    { origin: { path: 'b.txt', format: 'text' }, text: 'Lake study\n\nThe results appear in the Journal of Ice and Climate, the team said.' },
  ]);
  const names = buildDigest({ storyId: 'names', articles, relations: [] }).facts!.entities.map((entity) => entity.name);
  for (const name of ['Journal of Ice and Climate', 'Bank of England', 'Barclays', 'Department of Health and Human Services']) assert.ok(names.includes(name), `${name} not in ${names.join(', ')}`);
  for (const part of ['Journal of Ice', 'Climate', 'Bank of England and Barclays', 'Department of Health']) assert.ok(!names.includes(part), `${part} in ${names.join(', ')}`);
});

test('a line or model number is part of the name ("Line 5", "Nimbus 3"); a year or a date\'s day is not', () => {
  const { articles } = prepareStory([
    { origin: { path: 'a.txt', format: 'text' }, text: 'Tram approved\n\nCouncillors voted 27 to 14 for Line 5 on Wednesday. Owners of the Nimbus 3 should check. The Paris Summit 2015 ended. The vote on March 5 passed.' },
  ]);
  const names = buildDigest({ storyId: 'numbered', articles, relations: [] }).facts!.entities.map((entity) => entity.name);
  for (const name of ['Line 5', 'Nimbus 3', 'Paris Summit']) assert.ok(names.includes(name), `${name} not in ${names.join(', ')}`);
  for (const wrong of ['Line', 'Nimbus', 'Paris Summit 2015', 'March 5']) assert.ok(!names.includes(wrong), `${wrong} in ${names.join(', ')}`);
});

test('a one-word name that ends exactly one longer name is that name ("Szabo" is Hana Szabo); an ambiguous one stays', () => {
  const { articles } = prepareStory([
    { origin: { path: 'a.txt', format: 'text' }, text: 'Tram approved\n\nThe council, led by Mayor Hana Szabo, backed Line 5 in West Oakmere and in East Oakmere.' },
    { origin: { path: 'b.txt', format: 'text' }, text: 'Tram vote\n\nThe mayor, Szabo, said the vote was right, and Oakmere residents agreed.' },
  ]);
  const entities = buildDigest({ storyId: 'folded', articles, relations: [] }).facts!.entities;
  const names = entities.map((entity) => entity.name);
  assert.ok(!names.includes('Szabo'), names.join(', '));
  assert.equal(entities.find((entity) => entity.name === 'Hana Szabo')?.sources.length, 2);
  assert.ok(names.includes('Oakmere'), names.join(', '));
});

test('speakers after the quote, pronouns, tweets, groups and roles (issue 20)', () => {
  const text = [
    'Defense Secretary Jim Mattis met the ministers of seven countries on Tuesday.',
    '"The coalition will not stand down," said Dr. Sunniva Eklund, the alliance\'s envoy.',
    '"We have to be careful about the timing here," she cautioned.',
    '"This is a great day for our state and its farmers," Noem tweeted.',
    'The seven countries said in a joint statement that "the strikes will continue until the group is defeated."',
    '"We are not going to leave our partners behind," the defense secretary told reporters.',
  ].join('\n\n');
  assert.deepEqual(
    findQuotes({ text }).map((quote) => quote.speaker),
    ['Sunniva Eklund', 'Sunniva Eklund', 'Noem', 'The seven countries', 'Jim Mattis'],
  );
});

test('"210 meters a year" is a rate and "a second radar campaign" an ordinal: neither is a duration (found in the bundled glacier story\'s Numbers)', () => {
  const kinds = (sentence: string) => quantities(sentence).map((quantity) => `${quantity.kind}:${quantity.text}`);
  assert.deepEqual(kinds('The lower tongue now slides about 210 meters a year, compared with around 140 meters a year in 2015.'), ['measure:210 meters', 'measure:140 meters']);
  assert.deepEqual(kinds('Workers there earn $15 an hour and take a break twice a day.'), ['money:$15']);
  assert.deepEqual(kinds('The next step is a second radar campaign next winter.'), []);
  // Still durations: a length of time stated on its own.
  assert.deepEqual(kinds('The strike lasted a year.'), ['duration:a year']);
  assert.deepEqual(kinds('He paused for a second, then spoke.'), ['duration:a second']);
});

test('a role written without an article before an inverted cue\'s name makes that person the antecedent of "she" (issue 20)', () => {
  // From the bundled glacier explainer: both halves of the split quote were unattributed.
  const text = [
    'Is it connected to the speed-up? Probably, says lead author Sunniva Eklund. The team found that spikes in velocity followed periods when the lake appeared to shrink. "Correlation is not proof," she cautioned, "but the timing lines up remarkably well."',
    'The plant will close in June, said company spokesman Tomas Lindqvist.',
  ].join('\n\n');
  assert.deepEqual(findQuotes({ text }).map((quote) => quote.speaker), ['Sunniva Eklund', 'Sunniva Eklund']);
});

test('a quote that continues in the next paragraph keeps its speaker; "Thursday. Kidd" is no name', () => {
  const text = [
    'The council voted on Thursday. Kidd said the decision was "a long time coming for the whole town."',
    '"Nobody here wanted to wait another year for the bridge," she added.',
    '"It was the right call, and the numbers back it up completely."',
  ].join('\n\n');
  assert.deepEqual(findQuotes({ text }).map((quote) => quote.speaker), ['Kidd', 'Kidd', 'Kidd']);
});

test('a name a preposition governs is not the subject of the role that follows it, so "he said" finds the role\'s person (issue 20)', () => {
  const text = [
    'Defense Secretary Ash Carter met his counterparts from six nations in Paris on Wednesday.',
    'The plan was shown last week to a division that will soon deploy to Iraq, the American defense secretary said. The next step was to show it to the closest allies.',
    '"We agreed we all must do more," he said.',
  ].join('\n\n');
  assert.deepEqual(findQuotes({ text }).map((quote) => quote.speaker), ['Ash Carter']);
});

test('a near-copy that changes a figure disagrees; a wire update changing its own figure does not (issue 20)', () => {
  const lifted = 'Firefighters said 60 homes in the lower town were flooded when the barrier on the River Lune gave way on Sunday.';
  const changed = 'Firefighters said 75 homes in the lower town were flooded when the barrier on the River Lune gave way on Sunday.';
  const story = prepareStory([
    { origin: { path: 'a.txt', format: 'text' }, text: `Barrier fails in Dunmere\n\n${lifted}\n\nResidents spent the night in the school hall, and the council opened a helpline for anyone who needed a bed, food or dry clothes.\n\nThe barrier was bought from a Dutch supplier last autumn and had passed its inspection in the spring, the council leader told a meeting on Monday evening.` },
    { origin: { path: 'b.txt', format: 'text' }, text: `Dunmere flood: homes under water\n\n${changed}\n\nThe Environment Office said river levels would fall slowly through the week, but warned that more rain was forecast for the hills above the valley.\n\nInsurers said claims from the town could take months to settle, and urged owners to photograph the damage before they began to clear their houses.` },
  ]);
  const digest = buildDigest({ storyId: 's', articles: story.articles, relations: story.relations });
  assert.ok(hasSides(digest.facts?.disagreements ?? [], /^60 homes$/, /^75 homes$/), JSON.stringify(digest.facts?.disagreements));
  const examples = prepareStory(rawFiles(EXAMPLE_STORY));
  const facts = buildDigest({ storyId: 's', articles: examples.articles, relations: examples.relations }).facts;
  assert.ok(!hasSides(facts?.disagreements ?? [], /^40,000 litres$/, /^65,000 litres$/), 'wire-v1 and wire-v2 are one text updated');
});

test('consistent figures are no disagreement: a part of a total, nested past times (issue 20)', () => {
  const found = findDisagreements(
    [
      { text: 'Jurors found Dunn guilty this week on three charges of attempted murder for the shooting at the petrol station.', sources: ['a'] },
      { text: 'Jurors found Dunn guilty this week on four of five charges for the shooting at the petrol station.', sources: ['b'] },
      { text: 'Albright raised the settlement issue during talks with Sharon in Washington last Friday, officials said.', sources: ['a'] },
      { text: 'Albright raised the settlement issue during talks with Sharon in Washington last week, officials said.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(found, []);
});

test('issue 20 cases: "9:32 p.m." is no count, "people died" and "new cases" or "nations" and "defense ministers" are not one thing', () => {
  // A time of day is typed as one: no "32 p" count is read from it, and 9:30 agrees with 9:32.
  assert.deepEqual(quantities('The first explosion was heard at 9:32 p.m. near the stadium.').map((quantity) => [quantity.kind, quantity.text]), [['time-of-day', '9:32 p.m.']]);
  assert.deepEqual(
    findDisagreements(
      [
        { text: 'Witnesses said the first explosion was heard at 9:32 p.m. near the Tarran stadium gates.', sources: ['a'] },
        { text: 'Witnesses said the first explosion was heard at 9:30 p.m. near the Tarran stadium gates.', sources: ['b'] },
      ],
      ['a', 'b'],
    ),
    [],
  );
  // Same sentence frame, different counted things: deaths and new cases, nations and defense ministers.
  const found = findDisagreements(
    [
      { text: 'Health officials in the region said on Monday that 4,000 people died since the outbreak began in March.', sources: ['a'] },
      { text: 'Health officials in the region said on Monday that 10,000 new cases were recorded since the outbreak began in March.', sources: ['b'] },
      { text: 'Defence officials said 26 nations will send delegations to the Brussels meeting next month.', sources: ['a'] },
      { text: 'Defence officials said 27 defense ministers will attend the Brussels meeting next month.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(found, []);
  // The same counted thing told differently by two sources is one (the control: the tests above can fail).
  const deaths = findDisagreements(
    [
      { text: 'Health officials in the region said on Monday that 4,000 people died since the outbreak began in March.', sources: ['a'] },
      { text: 'Health officials in the region said on Monday that 5,000 people died since the outbreak began in March.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(deaths.map((item) => [item.about, item.sides.map((side) => side.value)]), [['number of people', ['4,000 people', '5,000 people']]]);
});

test('a paraphrase of one fact with another figure disagrees; figures of different size or two people\'s own words do not (issue 20)', () => {
  const paraphrase = findDisagreements(
    [
      { text: 'The confrontation left the caseworker, 53-year-old Theresa Hunt, dead and the psychiatrist with a graze wound.', sources: ['a'] },
      { text: 'The gunman had come to the unit with his caseworker, 57-year-old Theresa Hunt of Philadelphia, the district attorney said.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(paraphrase.map((item) => [item.about, item.sides.map((side) => side.value)]), [['age of Theresa Hunt', ['53-year-old', '57-year-old']]]);
  const different = findDisagreements(
    [
      { text: 'Doctors wrote 11,185 prescriptions for the new diet pill last month, according to researcher IMS Health.', sources: ['a'] },
      { text: 'Doctors wrote 76.7 million prescriptions for anti-arthritis drugs last year, according to researcher IMS Health.', sources: ['b'] },
      { text: '"I\'ve waited 16 years for this film," said Tom Rell, who queued outside the theatre all night.', sources: ['a'] },
      { text: '"I\'ve been waiting for this moment for 15 years," said Ana Bray, a student outside the theatre.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(different, []);
});

test('figures agree within their written rounding; an end of "between ages 14 and 22 months" is a range (issue 20)', () => {
  const found = findDisagreements(
    [
      { text: 'With nearly all polling stations reporting, the Parti Quebecois had 42.8 percent of the popular vote in the provincial election.', sources: ['a'] },
      { text: 'With nearly all polling stations reporting, the Parti Quebecois had 43 percent of the popular vote in the provincial election.', sources: ['b'] },
      { text: 'Doctors said signs of the condition typically appear between ages 14 and 22 months in most children.', sources: ['a'] },
      { text: 'Doctors said signs of the condition typically appear by 30 months in most children.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(found, []);
  const population = findDisagreements(
    [
      { text: 'Quebec is the only Canadian province with a French majority, 80 percent of its 7.3 million people.', sources: ['a'] },
      { text: 'Quebec is the only Canadian province with a French majority, 80 percent of its 7.4 million people.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(population.map((item) => item.sides.map((side) => side.value)), [['7.3 million people', '7.4 million people']]);
});

test('the learned speaker chooser: reader comments, papers, coordinated cues, honorifics, a trailing cue after "?" (issue 20)', () => {
  const speakers = (...paragraphs: string[]) => findQuotes({ text: paragraphs.join('\n\n') }).map((quote) => quote.speaker);
  assert.deepEqual(
    speakers('"Mr. Trump embodies the worst of our politics today." - Krystal Correa "He cannot answer a question without scaring people." - Esther Tapia "The most unqualified child to ever run for president." - Francisco Herrero'),
    ['Krystal Correa', 'Esther Tapia', 'Francisco Herrero'],
  );
  assert.deepEqual(
    speakers('The senator railed against the bill on Tuesday.', 'The four "loopholes" he cited are "the ability to use real estate losses to offset other income," The Hill reported.'),
    ['The Hill'],
  );
  assert.deepEqual(speakers('Donald Trump, her Republican opponent, bemoaned the unrest in Charlotte and said that drugs were "a very, very big factor in the violence."'), ['Donald Trump']);
  assert.deepEqual(speakers('Civil rights leaders will seek to engage voters in battleground states. "It\'s all about creating some enthusiasm around this race," Mr. King added.'), ['King']);
  assert.deepEqual(speakers('"This is a waste of time. It\'s destroying this committee," said Del. Stacey Plaskett of the Virgin Islands.'), ['Stacey Plaskett']);
  assert.deepEqual(
    speakers('Clinton spoke on a morning radio show. "How many times do we have to see this in our country?" Clinton said. "This is just unbearable and it has to stop."'),
    ['Clinton', 'Clinton'],
  );
  // A one-word name opening a sentence counts only when the article also writes it mid-sentence ("Hence" never is).
  assert.deepEqual(
    speakers('Leaders in Japan and Russia answered within hours.', 'Japan branded North Korea an "outlaw nation in the neighborhood." Russia insisted that Pyongyang "stop its dangerous escapades." The International Atomic Energy Agency said North Korea had displayed "complete disregard of the repeated demands."'),
    ['Japan', 'Russia', 'The International Atomic Energy Agency'],
  );
});

test('quoted words with no one saying them stay unattributed: no "Hence", "Nowhere" or song title speakers (issue 20)', () => {
  for (const text of [
    'Hence the line "in all thy sons command" was changed by Parliament in 2018.',
    'Nowhere is "The Klingon language itself is an idea or a system" more true than at the convention.',
    'The band closed the night with "Whole Lotta Love and Other Songs" before midnight.',
  ]) {
    const quotes = findQuotes({ text });
    assert.equal(quotes.length, 1, text);
    assert.equal(quotes[0]!.speaker, undefined, text);
  }
});

test('an age is paired by the person it is given for, a converted measure agrees, two years are two moments (issue 20)', () => {
  // A paraphrase sharing few words, but the age is of the same named person in both.
  const age = findDisagreements(
    [
      { text: 'Dunn killed 17-year-old Jordan Davis in the parking lot of a Jacksonville gas station on the evening of Nov. 23.', sources: ['a'] },
      { text: 'Prosecutors released audio of jailhouse calls placed by Michael Dunn, shedding new light on his mindset after he fatally shot 21-year-old Jordan Davis over loud music.', sources: ['b'] },
      // Other figures of the story: the name is rare among them, as in a real story (its weight counts).
      { text: 'The jury deliberated for four days before reaching a verdict in the courthouse.', sources: ['a'] },
      { text: 'About 40 reporters waited outside as the trial entered its second week.', sources: ['b'] },
      { text: 'The defence called 12 witnesses over three days of testimony.', sources: ['a'] },
      { text: 'Deputies fired 3 warning shots during the scuffle outside the jail.', sources: ['b'] },
      { text: 'The state spent $2 million on the trial, officials said.', sources: ['a'] },
      { text: 'Some 300 protesters marched downtown on Saturday.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(age.map((item) => item.sides.map((side) => side.value)), [['17-year-old', '21-year-old']]);
  // Without the shared name, the same frame is not enough.
  const otherPerson = findDisagreements(
    [
      { text: 'Dunn killed 17-year-old Jordan Davis in the parking lot of a Jacksonville gas station on the evening of Nov. 23.', sources: ['a'] },
      { text: 'Prosecutors released audio of jailhouse calls placed by Michael Dunn, shedding new light on his mindset after he fatally shot 21-year-old Trayvon Martin over loud music.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(otherPerson, []);
  const converted = findDisagreements(
    [
      { text: 'He said that a 50 cm rise in the sea level will threaten 92 million people with flooding every year.', sources: ['a'] },
      { text: 'He said that a 20-inch rise in the sea level will threaten 92 million people with flooding every year.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(converted, []);
  const moments = (first: string, second: string) =>
    findDisagreements(
      [
        { text: `The county recorded 1,200 new home sales ${first}, the housing office said in its report.`, sources: ['a'] },
        { text: `The county recorded 1,500 new home sales ${second}, the housing office said in its report.`, sources: ['b'] },
      ],
      ['a', 'b'],
    );
  assert.deepEqual(moments('in 1998', 'in 2004'), []);
  assert.deepEqual(moments('last year', 'this year'), []);
  assert.equal(moments('in 2004', 'in 2004').length, 1);
});

test('`about` names what a figure is of, written before it or as a capitalised noun, without dangling words (issue 20)', () => {
  const about = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b']).map((item) => item.about);
  assert.deepEqual(about('The national per capita income is about $35,225, the bureau said in its report.', 'The national per capita income is about $15,390, the bureau said in its report.'), ['amount of per capita income']);
  assert.deepEqual(about('Bush met with 13 gay Republicans at the campaign office on Monday afternoon.', 'Bush met with 12 gay Republicans at the campaign office on Monday afternoon.'), ['number of gay Republicans']);
  // A score of 1290 measures, it counts nothing: no "number of score" (two students' SAT scores were paired as counts).
  assert.deepEqual(quantities('The team recorded a combined score of 1290 in the final round.').filter((item) => item.kind === 'count'), []);
  assert.deepEqual(about('Analysts say either drug could reach $1 billion in annual sales that year, the report said.', 'Analysts say either drug could reach $2 billion in annual sales that year, the report said.'), ['amount of annual sales']);
});

test('`about` of a plan reads as a phrase: the subject before a parenthesis, no sentence-opening capital, the clause after an opening time (user walk, session 29)', () => {
  const about = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]])).map((item) => item.about);
  const brussels = (when: string) => `Carter also said the main 26 nations in the anti-IS coalition, as well as Iraq, will assemble in Brussels ${when}, after a NATO defense ministers' meeting, to continue the talks.`;
  assert.deepEqual(about(brussels('next week'), brussels('in three weeks')), ['when the main 26 nations will assemble in Brussels']);
  const investigators = (when: string) => `PORT ALDER — Safety investigators will arrive in Port Alder ${when} to determine why the tanker ran aground, the safety board said.`;
  assert.deepEqual(about(investigators('in three weeks'), investigators('next week')), ['when safety investigators will arrive in Port Alder']);
  assert.deepEqual(about('Next week, the ministers will meet again in Brussels to review the campaign, Carter said.', 'In three weeks, the ministers will meet again in Brussels to review the campaign, Carter said.'), ['when the ministers will meet again in Brussels']);
  // No subject to be found: the plan and the name both sentences use, not "when will assemble".
  assert.deepEqual(about(', as well as Iraq, will assemble in Brussels next week to continue the talks on the campaign.', ', as well as Iraq, will assemble in Brussels in three weeks to continue the talks on the campaign.'), ['planned time (Iraq)']);
});

test('two sources more than a week apart tell two moments, not one event (issue 20, session 17)', () => {
  const sentences = [
    { text: 'Some 78,000 refugees have crossed into Ingushetia since the bombing began, officials said.', sources: ['a'] },
    { text: 'Some 170,000 refugees have crossed into Ingushetia since the bombing began, officials said.', sources: ['b'] },
  ];
  // Without dates (or within the week) the pair is one claim told two ways ...
  assert.equal(findDisagreements(sentences, ['a', 'b']).length, 1);
  assert.equal(findDisagreements(sentences, ['a', 'b'], undefined, undefined, undefined, new Map([['a', '1999-10-12'], ['b', '1999-10-15']])).length, 1);
  // ... a month apart it is two moments of a topic.
  assert.deepEqual(findDisagreements(sentences, ['a', 'b'], undefined, undefined, undefined, new Map([['a', '1999-10-12'], ['b', '1999-11-15']])), []);
  // One undated source is not held apart.
  assert.equal(findDisagreements(sentences, ['a', 'b'], undefined, undefined, undefined, new Map([['a', '1999-10-12']])).length, 1);
});

test('a paraphrase whose values are exclusive to each source disagrees at a lower bar; a source stating both values does not (issue 20, session 17)', () => {
  const rats = [
    { text: 'They trained 29 rats to perform a behavioural experiment in which the animals had to choose whether they wanted an easy or difficult challenge to earn sugary treats.', sources: ['a'] },
    { text: 'Researchers trained 38 rats on two different challenges: rats which successfully carried out the more difficult task earned two sugar pellets.', sources: ['b'] },
    { text: 'The study in Current Biology looked at how animals weigh effort against reward.', sources: ['a'] },
  ];
  assert.ok(hasSides(findDisagreements(rats, ['a', 'b']), /^29 rats$/, /^38 rats$/));
  // Without the lower bar this pair scores under the one-fact test (the failing-without case): the second source
  // also writing "29 rats" elsewhere makes the values not exclusive, and nothing is reported.
  const both = [...rats, { text: 'An earlier pilot had trained 29 rats in a simpler maze with no sugar at all.', sources: ['b'] }];
  assert.deepEqual(findDisagreements(both, ['a', 'b']).filter((item) => item.sides.some((side) => /38 rats/.test(side.value))), []);
});

test('ranks, spans a figure is counted over and the time a statement went out are no figures to compare (issue 20, session 17)', () => {
  assert.deepEqual(quantities('It toppled the No. 1 grossing movie; the original is the No. 2 movie of all time.').filter((item) => item.kind === 'count'), []);
  assert.deepEqual(quantities('Stores helped 1,000 customers during the first two days of legal sales.').map((item) => item.text), ['1,000 customers']);
  const telling = findDisagreements(
    [
      { text: 'Holt said officer Collin Rose, of St. Clair Shores, passed away at 5:35 p.m. Wednesday.', sources: ['a'] },
      { text: 'Officer Collin Rose died of his wound, the university president said in a message to the campus community at 6 p.m. Wednesday.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(telling, []);
  // Two people's own words with their names: two claims, however alike the sentences are.
  assert.deepEqual(
    findDisagreements(
      [
        { text: '"I\'ve waited 16 years for this film," said Tom Rell outside the theatre.', sources: ['a'] },
        { text: '"I\'ve waited 15 years for this film," said Ana Bray outside the theatre.', sources: ['b'] },
      ],
      ['a', 'b'],
    ),
    [],
  );
});

test('"up to 70 percent" is a bound, not a range end; shares of different wholes and a name telling the figure (issue 20, session 17)', () => {
  assert.deepEqual(quantities('According to the report, up to 70 percent of the habitat could be lost.').map((item) => item.qualifier), ['at-most']);
  assert.deepEqual(
    findDisagreements(
      [
        { text: 'China has more than 63 million hectares of wetlands, accounting for 11.9 percent of the world\'s total.', sources: ['a'] },
        { text: 'China has 63 million hectares of wetlands, or 6.6 percent of the national total area.', sources: ['b'] },
      ],
      ['a', 'b'],
    ),
    [],
  );
  // "the IAAF disclosed ... the 39-year-old sprinter": the IAAF tells the age, so an article never naming it is no other event.
  const texts = new Map([
    ['a', 'At the world championships in Spain, Merlene Ottey withdrew. Ottey, 43-year-old sprinter, tested positive for nandrolone in her urine sample.'],
    ['b', 'Ottey tested positive for nandrolone, and the IAAF disclosed Thursday that the 39-year-old sprinter tested positive in her urine sample again.'],
  ]);
  const sentences = [
    { text: 'Ottey, the 43-year-old sprinter, tested positive for nandrolone in her urine sample.', sources: ['a'] },
    { text: 'Ottey tested positive for nandrolone, and the IAAF disclosed Thursday that the 39-year-old sprinter tested positive in her urine sample again.', sources: ['b'] },
  ];
  assert.ok(hasSides(findDisagreements(sentences, ['a', 'b'], undefined, texts), /43-year-old/, /39-year-old/));
});

test('an end of a range is compared with the same end of another range only (issue 20, session 17)', () => {
  const ranges = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b']);
  assert.ok(hasSides(ranges('The four members will reunite for three gigs at Soldier Field in Chicago on July 3-5 next summer.', 'The four members will reunite for three gigs at Soldier Field in Chicago on July 6 to 8 next summer.'), /July 3/, /July 6/));
  assert.ok(hasSides(ranges('The healthiest joggers ran 1 to 2.4 hours per week at a slow pace, the Copenhagen study found.', 'The healthiest joggers ran one to 3.1 hours per week at a slow pace, the Copenhagen study found.'), /2\.4 hours/, /3\.1 hours/));
  // A high end against an exact figure is still not compared.
  assert.deepEqual(ranges('The healthiest joggers ran 1 to 2.4 hours per week at a slow pace, the Copenhagen study found.', 'The healthiest joggers ran 3.1 hours per week at a slow pace, the Copenhagen study found.'), []);
});

test('a date with no words of its own pairs with the date whose neighbours its sentence tells (issue 20, session 17)', () => {
  const found = findDisagreements(
    [
      { text: 'On June 24, he struck again, this time at a Walgreens at 3099 N. State Road 7 in Lauderdale Lakes.', sources: ['a'] },
      { text: 'Security cameras recorded Knowles robbing a Walgreens in Plantation on June 11, and a second Walgreens on June 21 at 3099 N. State Road 7 in Lauderdale Lakes.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(found.map((item) => item.sides.map((side) => side.value)), [['June 24', 'June 21']]);
});

test('three sources giving three dates of one court date are one disagreement; "a Sept. 25 complaint" is one of several (issue 20, session 17)', () => {
  const court = findDisagreements(
    [
      { text: 'Her next appearance in Denver County Court is scheduled for Oct. 6.', sources: ['a'] },
      { text: 'Her next appearance in Denver County Court is scheduled for Oct. 21.', sources: ['b'] },
      { text: 'Her next appearance in Denver County Court is scheduled for Oct. 18, her lawyer said.', sources: ['c'] },
    ],
    ['a', 'b', 'c'],
  );
  assert.deepEqual(court.map((item) => item.sides.length), [3]);
  const complaints = findDisagreements(
    [
      { text: 'A Sept. 25 complaint about the elevator noted that both elevators were not working in the building.', sources: ['a'] },
      { text: 'A Jan. 24 complaint about the elevator noted that both elevators were not working in the building.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(complaints, []);
});

test('figures with names next to them and none in common are of two scopes (issue 20, session 17)', () => {
  const scopes = findDisagreements(
    [
      { text: 'Activists said a total of 125 people had died across Syria on Monday, many of them at a checkpoint.', sources: ['a'] },
      { text: 'Activists said 104 people had died in Homs on Monday, many of them at a checkpoint.', sources: ['b'] },
    ],
    ['a', 'b'],
  );
  assert.deepEqual(scopes, []);
});

test('a part and the rest adding up to the other side agree: "all 109 aboard and four on the ground" / "113 killed" (issue 20, session 17)', () => {
  const crash = (first: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: 'The crash of the Concorde that killed 113 people was the first in its 24 years of commercial service.', sources: ['b'] }], ['a', 'b']);
  assert.deepEqual(crash('The crash of the Concorde, the first in its 24 years of commercial service, killed all 109 people aboard and four on the ground.'), []);
  assert.equal(crash('The crash of the Concorde, the first in its 24 years of commercial service, killed all 109 people aboard.').length, 1);
});

test('three sides chained through one sentence (A against B, B against C) are a heap, not a disagreement (issue 20, session 17)', () => {
  const chain = findDisagreements(
    [
      { text: 'Norwegian divers opened the inner hatch at 7:45 a.m., the Northern Fleet said.', sources: ['a'] },
      { text: 'Norwegian divers opened the inner hatch of the flooded ninth compartment at about 1 p.m., Russian media reported.', sources: ['b'] },
      { text: 'A rescue crew reached the flooded ninth compartment at 11:45 a.m., Russian media reported.', sources: ['c'] },
    ],
    ['a', 'b', 'c'],
  );
  assert.deepEqual(chain, []);
});

test('figures of sentences anchored to different weekdays are two moments (issue 20, session 17)', () => {
  const days = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b']);
  assert.deepEqual(days('Divers opened the inner hatch of the ninth compartment at 7:45 a.m. Moscow time on Monday.', 'Divers opened the inner hatch of the ninth compartment at 11:45 a.m. Moscow time on Saturday.'), []);
  assert.equal(days('Divers opened the inner hatch of the ninth compartment at 7:45 a.m. Moscow time on Monday.', 'Divers opened the inner hatch of the ninth compartment at 11:45 a.m. Moscow time on Monday.').length, 1);
});

test('ages named for two different people are two ages (issue 20, session 17)', () => {
  const ages = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b']);
  assert.deepEqual(ages('Robyn Anderson, an 18-year-old Columbine senior, said the shooting at the school left her shaken.', 'Samantha Roman, a 16-year-old Columbine sophomore, said the shooting at the school left her shaken.'), []);
  assert.equal(ages('Robyn Anderson, an 18-year-old Columbine senior, said the shooting at the school left her shaken.', 'Robyn Anderson, a 16-year-old Columbine sophomore, said the shooting at the school left her shaken.').length, 1);
});

test('three sides whose two unpaired sides agree ("163 died" and "at least 144", both against "as many as 125") are one disagreement (issue 20, session 18)', () => {
  const toll = (first: string) =>
    findDisagreements(
      [
        { text: first, sources: ['a'] },
        { text: 'As many as 125 people died across Syria on Monday, many of them in a single incident at a checkpoint in Homs, the activists said.', sources: ['b'] },
        { text: 'At least 144 people were reported killed across Syria on Monday, many of them at a checkpoint in Homs.', sources: ['c'] },
      ],
      ['a', 'b', 'c'],
    );
  assert.deepEqual(toll('The activists said a total of 163 people had died across Syria on Monday, many of them in a single incident at a checkpoint in Homs.').map((item) => item.sides.length), [3]);
  // The same three told consistently (125 as the total, at least 144 against it still), two sides only.
  assert.deepEqual(toll('The activists said a total of 125 people had died across Syria on Monday, many of them in a single incident at a checkpoint in Homs.').map((item) => item.sides.length), [2]);
});

test('"from midnight to 2 a.m." is a range: its end is not a time told against "12:01 a.m." (issue 20, session 18)', () => {
  const times = (first: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: 'Toy stores across the country planned to open their doors at 12:01 a.m. Monday for the Star Wars toys.', sources: ['b'] }], ['a', 'b']);
  assert.deepEqual(times('Toy stores across the country planned to open their doors from midnight to 2 a.m. Monday for the Star Wars toys.'), []);
  assert.equal(times('Toy stores across the country planned to open their doors at 2 a.m. Monday for the Star Wars toys.').length, 1);
});

const pairOf = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b']);

test('a round share or amount is a rounding of a finer one near it: "2 percent" / "2.3 percent", not "10 percent" / "13 percent" (issue 20, session 18)', () => {
  assert.deepEqual(pairOf('In the city more than 20 percent of residents are minorities, but only 2.3 percent of the police force.', 'In the city more than 20 percent of residents are minorities, but only 2 percent of the police force.'), []);
  assert.ok(hasSides(pairOf('In the city more than 20 percent of residents are minorities, but only 13 percent of the police force.', 'In the city more than 20 percent of residents are minorities, but only 10 percent of the police force.'), /13 percent/, /10 percent/));
  // A one-digit amount is no rounding of half of it: "$1 million" / "$500,000".
  assert.ok(hasSides(pairOf('The state made $1 million in tax revenue from marijuana sales in the first four days.', 'The state made $500,000 in tax revenue from marijuana sales in the first four days.'), /\$1 million/, /\$500,000/));
});

test('"several hundred birds" is a magnitude, not a count told against "200 birds" (issue 20, session 18)', () => {
  assert.deepEqual(pairOf('Health officials tested samples from several hundred birds collected in each county for the virus.', 'Health officials tested samples from 200 birds collected in each county for the virus.'), []);
  assert.ok(hasSides(pairOf('Health officials tested samples from 300 birds collected in each county for the virus.', 'Health officials tested samples from 200 birds collected in each county for the virus.'), /300 birds/, /200 birds/));
});

test('a date and a span of days in its sentence giving the other date agree; dates a month apart are two events (issue 20, session 18)', () => {
  const rescue = (first: string) => pairOf(first, 'Nov. 22 -- Elian, his mother and 12 others leave Cuba for Florida aboard a small motor boat.');
  assert.deepEqual(rescue('Elian was rescued at sea on Nov. 25, three days after the boy, his mother and 12 others left Cuba for Florida in a small motor boat.'), []);
  assert.ok(hasSides(rescue('Elian, his mother and 12 others left Cuba for Florida in a small motor boat on Nov. 25.'), /Nov\. 25/, /Nov\. 22/));
  const sitting = (first: string) => pairOf(first, 'The Central Election Commission scheduled a sitting for April 5 to sum up the results of the presidential election.');
  assert.deepEqual(sitting('The Central Election Commission tentatively scheduled the inauguration after the presidential election for May 5.'), []);
  assert.ok(hasSides(sitting('The Central Election Commission scheduled a sitting for April 9 to sum up the results of the presidential election.'), /April 9/, /April 5/));
});

test('a toll of two coordinated places against one of them is a whole and a part (issue 20, session 18)', () => {
  const toll = (first: string) => pairOf(first, 'The embassy bombing in Kenya killed 247 people and injured more than 5,000, officials said.');
  assert.deepEqual(toll('The twin embassy bombings in Kenya and Tanzania killed 258 people and injured more than 5,000, officials said.'), []);
  assert.ok(hasSides(toll('The embassy bombing in Kenya killed 258 people and injured more than 5,000, officials said.'), /258 people/, /247 people/));
});

test('figures over two spans ("over the next 15 years" / "over the next 10 years") and a projection against a result are two figures (issue 20, session 18)', () => {
  const surplus = (first: string) => pairOf(first, 'The budget office says the federal budget surplus over the next 10 years will be $2.9 trillion.');
  assert.deepEqual(surplus('The budget office says the federal budget surplus over the next 15 years will be $5.9 trillion.'), []);
  assert.ok(hasSides(surplus('The budget office says the federal budget surplus over the next 10 years will be $5.9 trillion.'), /5\.9/, /2\.9/));
  const vote = (first: string) => pairOf(first, 'Liberal economist Grigory Yavlinsky finished third in the election with 6 percent of the vote.');
  assert.deepEqual(vote('Liberal economist Grigory Yavlinsky was projected to finish third in the election with 8 percent of the vote.'), []);
  assert.ok(hasSides(vote('Liberal economist Grigory Yavlinsky finished third in the election with 8 percent of the vote.'), /8 percent/, /6 percent/));
});

test('"between 11:30 a.m. and 11:45 a.m." is a range of times of day (issue 20, session 18)', () => {
  assert.deepEqual(quantities('The submarine must have been rising at between 11:30 a.m. and 11:45 a.m. Moscow time.').map((item) => item.rangeEnd), ['low', 'high']);
  assert.deepEqual(quantities('The submarine must have been rising at 11:45 a.m. Moscow time.').map((item) => item.qualifier), ['exact']);
});

test('figures said of one rare common noun in agreeing sentences are one fact, without a shared name (issue 20, session 18)', () => {
  const habitat = (first: string) =>
    findDisagreements(
      [
        { text: first, sources: ['a'] },
        { text: 'According to the report, up to 70 percent of the natural habitat could be lost, and 20 percent of the species rendered extinct, in the Arctic and northernmost areas of places like Canada, Russia and Scandinavia, where warming is predicted to be most rapid.', sources: ['b'] },
        { text: 'The report said the seas would rise by half a metre and storms would grow stronger along the coasts.', sources: ['c'] },
        { text: 'The report was released at a meeting of environment ministers who debated the costs of cutting emissions.', sources: ['d'] },
        // Source b also writes a share that 91 percent agrees with: the values are not exclusive (no lower bar).
        { text: 'Scientists found that more than 90 percent of the coral reefs they surveyed were bleached.', sources: ['b'] },
        // A story of many figures, as the cluster this comes from: "habitat" is rare in it.
        ...Array.from({ length: 80 }, (_, index) => ({ text: `Delegates from ${index + 3} countries signed document ${index} of the accord in the hall.`, sources: ['c'] })),
      ],
      ['a', 'b', 'c', 'd'],
    );
  // Session 32: two shares are compared only as versions of one statement (STATISTIC_VERSION_MIN); this one is told in
  // other words ("could lose 91 percent of their habitat" / "up to 70 percent of the natural habitat could be lost").
  assert.deepEqual(habitat('The northern latitudes of Canada, Russia and Scandinavia, where climate change is expected to occur fastest, could lose 91 percent of their habitat -- a level that rises to 82 percent for Iceland, according to the report.'), []);
  assert.deepEqual(habitat('The northern latitudes of Canada, Russia and Scandinavia, where climate change is expected to occur fastest, could lose 60 percent of their habitat -- a level that rises to 82 percent for Iceland, according to the report.'), []);
});

test('a nationality next to a figure ("a 32-year-old Frenchwoman") is no name of another event; a place still is (issue 20, session 18)', () => {
  const victim = (second: string) => {
    const sentences = [
      { text: 'The 36-year-old was visiting the Paris area to attend a training course when she was shot.', sources: ['a'] },
      { text: second, sources: ['b'] },
    ];
    const texts = new Map(sentences.map((sentence) => [sentence.sources[0]!, sentence.text]));
    return findDisagreements(sentences, ['a', 'b'], undefined, texts);
  };
  assert.ok(hasSides(victim('Aurelie Chatelain, a 32-year-old Frenchwoman visiting the Paris area for a training course, was shot.'), /36-year-old/, /32-year-old/));
  assert.deepEqual(victim('Aurelie Chatelain, a 32-year-old from Lyon visiting the Paris area for a training course, was shot.'), []);
});

test('a running total ("has killed four people" / "has killed five") told on two days is one toll at two moments (issue 20, session 18)', () => {
  const toll = (second: string, secondDay: string) =>
    findDisagreements(
      [
        { text: 'Migrating birds may have brought the virus to New York, where it has killed four people and sickened at least 37 others.', sources: ['a'] },
        { text: second, sources: ['b'] },
      ],
      ['a', 'b'],
      undefined,
      undefined,
      undefined,
      new Map([['a', '1999-09-27T12:00:00Z'], ['b', secondDay]]),
    );
  assert.deepEqual(toll('Migrating birds may have brought the virus to New York, where it has killed five people and sickened at least 38 others.', '1999-09-29T12:00:00Z'), []);
  assert.ok(hasSides(toll('Migrating birds may have brought the virus to New York, where it has killed five people and sickened at least 38 others.', '1999-09-27T18:00:00Z'), /four people/, /five people/));
  assert.ok(hasSides(toll('Migrating birds brought the virus to New York, where it killed five people and sickened 38 others.', '1999-09-29T12:00:00Z'), /four people/, /five people/));
});

test('an approximate time takes in a quarter hour; a truncated share agrees; a count of a selection is no tally (issue 20, session 19)', () => {
  const spotted = (second: string) => pairOf('A few hours later, around 9:30 p.m., the Coast Guard helicopter spotted Hackett treading water near the shore.', second);
  assert.deepEqual(spotted('A Coast Guard helicopter spotted Hackett treading water near the shore at 9:19 p.m. and deployed a swimmer.'), []);
  assert.ok(hasSides(spotted('A Coast Guard helicopter spotted Hackett treading water near the shore at 9:10 p.m. and deployed a swimmer.'), /9:30/, /9:10/));
  const vote = (second: string) => pairOf('Communist Party leader Gennady Zyuganov finished second in the election with 29.6 percent of the vote.', second);
  assert.deepEqual(vote('Communist Party leader Gennady Zyuganov finished second in the election with 29 percent of the vote.'), []);
  assert.ok(hasSides(vote('Communist Party leader Gennady Zyuganov finished second in the election with 28 percent of the vote.'), /29\.6/, /28 percent/));
  assert.deepEqual(quantities('It sends a copy of itself to the first 50 people in the address book.').map((item) => item.kind), []);
  assert.deepEqual(quantities('It sends a copy of itself to 50 people in the address book.').map((item) => item.text), ['50 people']);
});

test('a condition against a result, the whole of "75 of the 125 seats" and "the 3000 block" are no figures told against another (issue 20, session 19)', () => {
  const vote = (first: string) => pairOf(first, 'The Liberal Party won only 48 seats but received 44 percent of the popular vote in the provincial election.');
  assert.deepEqual(vote('A pollster said that if the Parti Quebecois exceeds 50 percent of the popular vote in the provincial election, it will call a referendum.'), []);
  assert.ok(hasSides(vote('The Liberal Party won only 48 seats but received 50 percent of the popular vote in the provincial election.'), /50 percent/, /44 percent/));
  const seats = (first: string) => pairOf(first, 'In the provincial election the Liberal Party, which favors keeping Quebec in Canada, won 48 seats in the assembly.');
  assert.deepEqual(seats('In the provincial election the Parti Quebecois won 75 of the 125 seats in the assembly, keeping Quebec in Canada.'), []);
  assert.ok(hasSides(seats('In the provincial election the Liberal Party, which favors keeping Quebec in Canada, won 51 seats in the assembly.'), /51 seats/, /48 seats/));
  const shot = (first: string) => pairOf(first, 'Tavin Price was fatally shot in front of his mother in the 3300 block of West Florence Avenue about 11 a.m.');
  assert.deepEqual(shot('Tavin Price was at a car wash in the 3000 block of West Florence Avenue about 11 a.m. when he was shot.'), []);
  assert.deepEqual(quantities('The 15 crew were lifted off the tanker.').map((item) => item.text), ['15 crew']);
});

test('two parts of a day ("Friday morning" / "closed Friday") and the time a call reporting an event came in are two moments (issue 20, session 19)', () => {
  const price = (first: string) => pairOf(first, 'The shares of the company were trading at $135.57 on Friday morning, below the analyst target price.');
  assert.deepEqual(price('The shares of the company closed at $137.95 on Friday, below the analyst target price.'), []);
  // Two quotes of one morning are two moments too (session 21: a market quote is one fact only at one named moment).
  assert.deepEqual(price('The shares of the company were trading at $147.95 on Friday morning, below the analyst target price.'), []);
  assert.ok(hasSides(pairOf('The shares of the company closed at $147.95 on Friday, below the analyst target price.', 'The shares of the company closed at $137.95 on Friday, below the analyst target price.'), /147\.95/, /137\.95/));
  const collision = (first: string) => pairOf(first, 'The two ships collided around 1:30 a.m. local time in the Pacific Ocean off the Izu Peninsula, the coast guard said.');
  assert.deepEqual(collision('The coast guard said it received an emergency call from the container ship reporting the collision at around 2:20 a.m. off the Izu Peninsula in the Pacific.'), []);
  assert.ok(hasSides(collision('The coast guard said the container ship and the destroyer collided at around 2:20 a.m. off the Izu Peninsula in the Pacific Ocean.'), /2:20/, /1:30/));
});

test('dates whose words just before them tell one event ("released ..., on Sept. 2" / "release as Sept. 2") are one fact; a website listing is its owner telling it (issue 20, session 19)', () => {
  const release = (first: string) => {
    const sentences = [
      { text: first, sources: ['a'] },
      { text: "The Santa Clara County's Department of Corrections website lists Turner's release as Sept. 2, three months after his booking.", sources: ['b'] },
      // A story of many figures, as the cluster this comes from: "release" is rare in it.
      ...Array.from({ length: 40 }, (_, index) => ({ text: `Students at the university held ${index + 3} vigils for the victim on campus.`, sources: ['c'] })),
    ];
    return findDisagreements(sentences, ['a', 'b', 'c'], undefined, new Map([['a', `${first} Turner was booked in June.`], ['b', sentences[1]!.text], ['c', sentences[2]!.text]]));
  };
  assert.ok(hasSides(release("The judge sentenced Turner to six months in county jail, though he's scheduled to be released even sooner than that, on Sept. 5."), /Sept\. 5/, /Sept\. 2/), 'the release date told twice');
  // The same sentence with the date of another event (a hearing) is not told against the release.
  assert.deepEqual(release("The judge sentenced Turner to six months in county jail, though his lawyers asked for a hearing, on Sept. 5."), []);
});

test('a difference ("5mm taller than its predecessor") or an increment ("another 22 countries") is no figure of the thing; two differences against one thing still are (issue 20, session 20)', () => {
  const height = (first: string) => pairOf(first, 'The Galaxy S5 is 10 mm taller than the iPhone 5s and its screen is bigger, the reviewers found.');
  assert.deepEqual(height('The Galaxy S5 is 5mm taller than its predecessor and its screen is bigger, the reviewers found.'), []);
  assert.ok(hasSides(height('The Galaxy S5 is 4 mm taller than the iPhone 5s and its screen is bigger, the reviewers found.'), /4 mm/, /10 mm/));
  const countries = (first: string) => pairOf(first, 'Ships and aircraft from 26 countries are now searching for the missing Malaysia Airlines jet in the Indian Ocean.');
  assert.deepEqual(countries('Ships and aircraft from another 22 countries are now searching for the missing Malaysia Airlines jet in the Indian Ocean.'), []);
  assert.ok(hasSides(countries('Ships and aircraft from 22 countries are now searching for the missing Malaysia Airlines jet in the Indian Ocean.'), /22 countries/, /26 countries/));
  assert.equal(quantities('The party won 48 seats, 6 points below its result in the last election.')[1]?.relative, true);
});

test('a version or model number ("micro-USB 3.0 port", "Android 4.4 devices") is no count (issue 20, session 20)', () => {
  assert.deepEqual(quantities('As a result, the micro-USB 3.0 port at the bottom is protected by a tab that keeps water out.').map((item) => item.text), []);
  assert.deepEqual(quantities('Samsung said 4.4 devices will get the update first.').map((item) => item.text), []);
  assert.deepEqual(quantities('The flood displaced 2.5 million people and 3 ports closed.').map((item) => item.text), ['2.5 million people', '3 ports']);
});

test('an undated article\'s moment is the latest date it writes with its year, not a plan ahead of it (issue 20, session 20)', () => {
  const day = (text: string) => {
    const moment = textMoment(text);
    return moment === undefined ? undefined : new Date(moment * 86_400_000).toISOString().slice(0, 10);
  };
  assert.equal(day('The plane vanished on March 8, 2014. Search teams said on March 24, 2014 that it ended in the Indian Ocean.'), '2014-03-24');
  assert.equal(day('The plane vanished on March 8, 2014. A final report will be published on March 8, 2015.'), '2014-03-08');
  assert.equal(day('The plane vanished on March 8. Search teams kept looking.'), undefined);
});

test('in a topic of undated articles, figures of sources whose moment cannot be read, or of moments weeks apart, are not told against each other; one event\'s few reports still are (issue 20, session 20)', () => {
  // A topic: a dozen undated reports over weeks of a search, none of them dating itself.
  const filler = Array.from({ length: 10 }, (_, index) => `filler${index}`);
  const story = (first: string, second: string, firstText = first, secondText = second) => {
    const sentences = [{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }];
    const texts = new Map<string, string>([['a', firstText], ['b', secondText], ...filler.map((id) => [id, 'Search teams kept looking for the plane.'] as [string, string])]);
    return findDisagreements(sentences, ['a', 'b', ...filler], undefined, texts);
  };
  const first = 'Ships and aircraft from 26 countries are now searching for the missing Malaysia Airlines jet in the Indian Ocean.';
  const second = 'Ships and aircraft from 18 countries are now searching for the missing Malaysia Airlines jet in the Indian Ocean.';
  assert.deepEqual(story(first, second), [], 'no moment known in a topic: withheld');
  assert.deepEqual(story(first, second, `On March 10, 2014, the search widened. ${first}`, `On April 2, 2014, the search moved south. ${second}`), [], 'three weeks apart');
  assert.ok(hasSides(story(first, second, `On March 10, 2014, the search widened. ${first}`, `On March 11, 2014, the search moved south. ${second}`), /26 countries/, /18 countries/), 'one day apart');
  // One event's two reports, undated: compared as before.
  assert.ok(hasSides(pairOf(first, second), /26 countries/, /18 countries/));
});

test('figures of polls are one fact only when both sentences name one poll; a survey in another clause makes no poll figure (issue 20, session 20)', () => {
  const support = (first: string) => pairOf(first, 'In his highest percentage to date, Trump achieved 45 percent support among Republican voters in a new Fox News poll released Thursday.');
  assert.deepEqual(support('Trump drew the support of 41 percent of the Republican voters surveyed in the state this week.'), []);
  assert.deepEqual(support('Trump drew the support of 41 percent of Republican voters in a Quinnipiac University poll released Thursday.'), []);
  // Session 32: one poll named by both, but the shares told in other words ("drew the support of" / "In his highest
  // percentage to date, ... achieved"): no version of one statement (STATISTIC_VERSION_MIN), so not compared.
  assert.deepEqual(support('Trump drew the support of 41 percent of Republican voters in the Fox News poll released Thursday.'), []);
  assert.ok(hasSides(pairOf('In his highest percentage to date, Trump achieved 41 percent support among Republican voters in a new Fox News poll released Thursday.', 'In his highest percentage to date, Trump achieved 45 percent support among Republican voters in a new Fox News poll released Thursday.'), /41 percent/, /45 percent/));
  // "surveys have shown" is another clause: the province's population is no poll's figure.
  assert.ok(hasSides(pairOf('Quebec is the only Canadian province with a French majority, 80 percent of 7.3 million people, and surveys have shown that two-thirds of French speakers support sovereignty.', 'About 83 percent of Quebec\'s 7.4 million people are French speakers, the only Canadian province with a French majority.'), /7\.3 million/, /7\.4 million/));
});

test('a count told in millions is a rounding ("two million members" / "2.1 million members"); "9/11 families" counts no families (issue 20, session 20)', () => {
  const members = (first: string) => pairOf(first, 'The head of the Service Employees International Union is worried about what Trump is stirring up in her 2.1 million members.');
  assert.deepEqual(members('Of all the voters, the two million members of the Service Employees International Union would most likely resist Trump.'), []);
  assert.ok(hasSides(members('Of all the voters, the 1.6 million members of the Service Employees International Union would most likely resist Trump.'), /1\.6 million/, /2\.1 million/));
  assert.deepEqual(quantities('The Senate passed a bill making it easier for families of 9/11 victims to sue Saudi Arabia.').map((item) => item.text), []);
  assert.deepEqual(quantities('Obama is set to veto legislation that would allow 9/11 families to sue Saudi Arabia.').map((item) => item.text), []);
});

test('two counts told with the same comparative and nothing named against ("eight stories below" / "six stories below") are still one figure (issue 20, session 20)', () => {
  assert.ok(hasSides(pairOf('The woman and the stroller fell down the shaft and landed on the elevator car, which was out of service eight stories below, police said.', 'The baby and stroller fell down the shaft and landed on top of the elevator car, which was six stories below.'), /eight stories/, /six stories/));
});

test('figures of two named owners are two things: "Florida\'s 99 delegates" / "Texas\'s 155 delegates", "Britz earned" / "Johnston made"; one owner named alike still disagrees (issue 20, session 21)', () => {
  assert.deepEqual(ownerOf("Florida's 99 delegates are awarded winner-take-all.", { start: 10 }), ['florida']);
  assert.deepEqual(ownerOf('Among Republicans, Rubio (13%) trails.', { start: 26 }), ['rubio']);
  assert.equal(ownerOf('Taiwan reported 55 new cases.', { start: 16 }), undefined, 'the name tells the figure');
  assert.equal(ownerOf('Shares of the company fell 5 percent.', { start: 27 }), undefined, 'a word opening the sentence may be any word');
  const delegates = (first: string) => pairOf(first, "With Florida's 99 delegates awarded winner-take-all on March 15, the front-runner's lead could become insurmountable.");
  assert.deepEqual(delegates("With Texas's 155 delegates awarded winner-take-all on March 15, the front-runner's lead could become insurmountable."), []);
  assert.ok(hasSides(delegates("With Florida's 90 delegates awarded winner-take-all on March 15, the front-runner's lead could become insurmountable."), /90 delegates/, /99 delegates/));
  // A name opening a sentence is told from an ordinary word by the story's texts: never written in lower case.
  assert.deepEqual(ownerOf('Johnston earned $5.8 million.', { start: 16 }, new Set(['earned'])), ['johnston']);
  assert.equal(ownerOf('Shares fell $1.49 on Friday.', { start: 12 }, new Set(['shares'])), undefined);
  const salary = (first: string) => {
    const second = 'Britz earned $3.77 million in salary, bonus and other compensation last year, the filing showed.';
    return findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]]));
  };
  assert.deepEqual(salary('Johnston earned $5.8 million in salary, bonus and other compensation last year, the filing showed.'), []);
  assert.ok(hasSides(salary('Britz earned $5.8 million in salary, bonus and other compensation last year, the filing showed.'), /\$5\.8 million/, /\$3\.77 million/));
});

test('a market quote or move is one fact only at one named moment (the close, a clock time); a period\'s result only for the same periods; a quoted statement is one text (issue 20, session 21)', () => {
  // Two quotes of one morning: both can be true.
  assert.deepEqual(pairOf("Lucent's stock was off 7 cents, or 3.7 percent, at $1.84 in morning trading on the New York Stock Exchange.", 'Lucent shares fell 8 cents, or 4.19 percent, to $1.83 a share in morning trading on the New York Stock Exchange.'), []);
  // Both told at the close of one day: one fact.
  assert.ok(hasSides(pairOf('Lucent shares closed Friday down 7 cents at $1.84 on the New York Stock Exchange.', 'Lucent shares closed Friday down 9 cents at $1.82 on the New York Stock Exchange.'), /\$1\.84/, /\$1\.82/));
  // This quarter and the year-ago quarter are two periods; the same quarter told twice is one.
  assert.deepEqual(pairOf('The San Jose-based company posted a net income of $64.2 million, or 27 cents per share, in the quarter ended May 30.', 'That was up from the year-ago quarter, when the company earned $54.3 million, or 22 cents a share.'), []);
  assert.ok(hasSides(pairOf('The San Jose-based company posted a net income of $64.2 million in its second quarter, ended May 30.', 'The San Jose-based company earned $54.3 million in its second quarter, which ended May 30.'), /\$64\.2 million/, /\$54\.3 million/));
  // "the Treasury said": the department tells a bank's assets, no market quote.
  assert.ok(hasSides(pairOf('It has $10 billion in assets and handles the accounts of some top government officials, the Treasury said.', 'Bank Rossiya was described as having $13 billion in assets and as handling the accounts of top government officials.'), /\$10 billion/, /\$13 billion/));
  // A statement both quote is one text, whatever moment each reports it at.
  assert.ok(hasSides(pairOf('"The stock market has smashed one record after another, gaining $8 trillion in value," the president proudly stated.', '"The stock market has smashed one record after another, gaining $10 trillion in value," Trump said in his address to Congress.'), /\$8 trillion/, /\$10 trillion/));
});

test('a move to a price is a market quote; a day\'s new cases are a series; "excluding" a part, "the other two", "Of the 23.5 million" and a relative clause\'s owner are no figures of the same thing (issue 20, session 21)', () => {
  assert.deepEqual(pairOf('BHP Billiton fell 1.3 percent to A$12.43 after a weak performance overnight.', 'BHP Billiton fell two percent to A$12.34 after a weak performance overnight.'), []);
  assert.deepEqual(pairOf('Telecom equipment maker Lucent Technologies Inc. scrambled up $2.19, or almost 12 percent, to $20.59.', 'Telecom equipment maker Lucent Technologies Inc. rallied 43 cents, or 12.3 percent, to $3.95.'), []);
  assert.ok(hasSides(pairOf('Net profit at BHP Billiton fell 13 percent to $1.9 billion in the year to June.', 'Net profit at BHP Billiton fell 23 percent to $1.7 billion in the year to June.'), /13 percent/, /23 percent/), 'a result, not a price');
  assert.deepEqual(pairOf('Earlier Friday, Taiwan reported 55 new cases but no new deaths.', 'Yesterday, Taiwan reported 65 new cases, its biggest one-day increase yet.'), []);
  assert.ok(hasSides(pairOf('On Friday, Taiwan health officials reported 55 new cases but no new deaths.', 'On Friday, Taiwan health officials reported 65 new cases, its biggest increase yet.'), /55 new cases/, /65 new cases/));
  assert.deepEqual(pairOf('Excluding autos, retail sales rose by 0.3% in September, lower than a forecast rise of 0.5%.', 'Retail sales rose 0.2 percent overall in September, lower than forecasts.'), []);
  assert.deepEqual(pairOf('Chief Executive Rod Eddington is to meet the three unions separately on Monday afternoon.', 'Eddington is to meet the other two unions separately later on Monday.'), []);
  assert.deepEqual(pairOf('Of the 23.5 million high-speed lines, 16.3 million provided advanced services, the FCC said.', 'A total of 16.3 million lines provided advanced services, of 23.5 million high-speed lines in all.').filter((item) => item.sides.some((side) => /23\.5/.test(side.value))), []);
  const leung = 'Leung, who faces a maximum of 50 years in prison if convicted, pleaded not guilty.';
  assert.deepEqual(ownerOf(leung, { start: leung.indexOf('50') }, new Set(['faces'])), ['leung']);
  const prison = (first: string) => {
    const second = 'Smith, who faces a maximum 40 years in prison if convicted, is free on $250,000 bond.';
    return findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]]));
  };
  assert.deepEqual(prison('Leung, who faces a maximum of 50 years in prison if convicted, also told the judge that she understood her rights.'), []);
  assert.ok(hasSides(prison('Smith, who faces a maximum of 50 years in prison if convicted, also told the judge that she understood her rights.'), /50 years/, /40 years/));
});

test('a channel ("through Ticketmaster") is no name of another event next to a date (issue 20, session 21)', () => {
  const first = 'A local public presale will occur Feb. 12-13; a general public on-sale starts Feb. 17.';
  const onsale = (second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]]));
  assert.ok(hasSides(onsale('The Grateful Dead Ticketing Service will have first crack at tickets, with a general public onsale through Ticketmaster starting February 14th.'), /Feb\. 17/, /February 14th/));
  // A name owning the date still parts the two: another band's onsale.
  assert.deepEqual(onsale('The Grateful Dead Ticketing Service will have first crack at tickets, with a general public onsale for Phish starting February 14th.'), []);
});

test('analysts\' expectations are projections; two quarters and two GMT clocks are two moments (issue 20, session 21)', () => {
  const earnings = (first: string) => pairOf(first, 'Hewlett-Packard reported second-quarter earnings of 29 cents a share on revenue of $18 billion.');
  assert.deepEqual(earnings('Analysts expected second-quarter earnings of 27 cents a share on revenue of $17.7 billion.'), []);
  assert.ok(hasSides(earnings('Hewlett-Packard reported second-quarter earnings of 27 cents a share on revenue of $17.7 billion.'), /27 cents/, /29 cents/));
  assert.deepEqual(earnings('Hewlett-Packard reported first-quarter earnings of 27 cents a share on revenue of $17.7 billion.'), []);
  const storm = (first: string) => pairOf(first, 'The storm was centred about 100 miles southwest of Cedar Key at 1100 GMT, forecasters said.');
  assert.deepEqual(storm('The storm was centred about 75 miles southwest of Cedar Key at 0500 GMT, forecasters said.'), []);
  assert.ok(hasSides(storm('The storm was centred about 75 miles southwest of Cedar Key at 1100 GMT, forecasters said.'), /75 miles/, /100 miles/));
});

test('undated running tallies are one fact only at one named moment: "has killed 296" / "has killed 300", "As of Wednesday" / "yesterday"; a tally of one moment, or a tally in another clause, still disagrees (issue 20, session 22)', () => {
  const sars = (first: string) => pairOf(first, 'Throughout China\'s mainland, the disease has killed 300 people and infected more than 5,270.');
  assert.deepEqual(sars('SARS has killed 296 people on China\'s mainland and infected more than 5,200.'), []);
  // Told as a toll once by both ("killed"), not as a total so far: still one fact told two ways.
  assert.ok(hasSides(pairOf('In all, SARS killed 296 people on China\'s mainland and infected more than 5,200.', 'In all, the disease killed 300 people on China\'s mainland and infected more than 5,270.'), /296/, /300/), 'a toll told once, not so far');
  const toronto = (first: string) => pairOf(first, 'As of Wednesday, there were 65 probable SARS cases in the Toronto region.');
  assert.deepEqual(toronto('Toronto yesterday had 64 probable cases of SARS in the region.'), []);
  assert.ok(hasSides(toronto('As of Wednesday, there were 61 probable SARS cases in the Toronto region.'), /61 probable/, /65 probable/), 'both as of Wednesday');
  // Dated sources on one day stay comparable: the moment is the publication's.
  const dated = findDisagreements([{ text: 'SARS has killed 296 people on China\'s mainland and infected more than 5,200.', sources: ['a'] }, { text: 'Throughout China\'s mainland, the disease has killed 300 people and infected more than 5,270.', sources: ['b'] }], ['a', 'b'], undefined, undefined, undefined, new Map([['a', '2003-05-06T10:00:00Z'], ['b', '2003-05-06T15:00:00Z']]));
  assert.ok(hasSides(dated, /296/, /300/));
  // "which has raised" is the fundraising page's clause, not the age's.
  const brother = (first: string) => pairOf(first, 'Elijah leaves behind his heartbroken mother, Dina, father, Thomas, and his 5-year-old brother Sebastian, as well as dozens of friends.');
  assert.ok(hasSides(brother('The boy is survived by his "heartbroken mother, Dina, father, Thomas, and his 9-year-old brother, Sebastian," according to the page, which has raised nearly $20,000 by 325 donors.'), /9-year-old/, /5-year-old/));
});

test('"23 days into early voting" is a point in a span, no length; "version 2", "phase 3" name things and count nothing (issue 20, session 22)', () => {
  const into = quantities('The ruling came 23 days into early voting and only four days before an election.').find((quantity) => quantity.text === '23 days');
  assert.equal(into?.relative, true);
  assert.equal(quantities('Ohio allows a 29-day early voting period before an election.').find((quantity) => quantity.kind === 'duration')?.relative, undefined);
  assert.deepEqual(pairOf('The judge ruled 23 days into early voting that the period stays, the court said.', 'The judge ruled that the 29-day early voting period stays, the court said.'), []);
  assert.equal(numberMentions('The company shipped version 2 updates to phones and phase 3 trials began.').length, 0);
  assert.equal(numberMentions('The company shipped 2 updates to phones.').length, 1);
});

test('shares told among two groups ("among voters 45 and older" / "Among Democrats alone") are two figures; one group told twice still disagrees; "After a day of testimony" is no plan (issue 20, session 22)', () => {
  const lead = (first: string) => pairOf(first, 'Among Democrats alone, Mrs. Clinton leads Mr. Sanders 49 percent to 41 percent, according to the institute.');
  assert.deepEqual(lead('Sanders holds a large advantage among younger voters, while Clinton leads, 59 percent to 28 percent, among voters 45 and older, according to the institute.'), []);
  assert.ok(hasSides(lead('Among Democrats, Mrs. Clinton leads Mr. Sanders 55 percent to 41 percent, according to the institute.'), /55 percent/, /49 percent/));
  const cancer = (first: string) => pairOf(first, 'The researchers found that 18 percent of the men who took finasteride, or 803 men, developed prostate cancer.');
  assert.deepEqual(cancer('About 24 percent of men who took placebo, or 1,147 men, developed prostate cancer.'), []);
  assert.ok(hasSides(cancer('The researchers found that 24 percent of the men who took finasteride developed prostate cancer.'), /24 percent/, /18 percent/));
  const hearing = (first: string) => pairOf(first, 'Cohen recessed the hearing until this afternoon and said he expected to issue his findings next week.');
  assert.deepEqual(hearing('After a day of testimony, Cohen recessed the hearing until this afternoon and said he expected findings.'), []);
  assert.equal(hearing('Cohen recessed the hearing until this afternoon and said he expected to issue his findings in two weeks.').length, 1, 'two plans told differently');
});

/** Two one-sentence articles, with their texts (the same-statement test reads names by the story's lower-case words). */
const storyPair = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', first], ['b', second]]));

test('the same statement: figures are one fact only when the statements carrying them agree on every slot both fill, the subject named before the figure and the thing an amount or a measure is of (issue 20, session 23)', () => {
  // Two subjects: "the Senate-passed plan" / "the House-passed plan" (a comma opens no new statement).
  const plan = (first: string) => storyPair(first, 'Under the House-passed plan, seniors would pay 20 percent of drug costs, plus a $250 deductible annually.');
  assert.deepEqual(plan('By contrast, the Senate-passed prescription drug plan requires seniors to pay 50 percent of drug costs, with a $275 deductible each year.'), []);
  assert.ok(hasSides(plan('Under the House-passed plan, seniors would pay 20 percent of drug costs, plus a $275 deductible annually.'), /\$275/, /\$250/));
  // A country and a state, one named where the other is not.
  assert.deepEqual(storyPair('In the United States, 20.7 percent of all women smoke.', 'Nevada is where the most women smoke, 28 percent.'), []);
  assert.ok(hasSides(storyPair('In the United States, 20.7 percent of all women smoke.', 'In the United States, 28 percent of all women smoke.'), /20\.7 percent/, /28 percent/));
  // Two parties of one event: a name the other side's article writes elsewhere is no other subject.
  const housing = 'They were angry with Barak for approving the construction of 2,600 new housing units this week in four settlements near Jerusalem.';
  const palestinians = 'The Palestinians have been angered by the Israeli cabinet\'s approval of the construction of 3,380 new housing units in four settlements this week.';
  assert.ok(hasSides(findDisagreements([{ text: palestinians, sources: ['a'] }, { text: housing, sources: ['b'] }], ['a', 'b'], undefined, new Map([['a', `${palestinians} Barak did not comment.`], ['b', `The Palestinians protested. ${housing} The Israeli cabinet met on Sunday.`]])), /3,380/, /2,600/));
  assert.deepEqual(storyPair(palestinians, housing), [], 'with the sentences alone, two subjects');
  // "According to X," names who tells the figure, not whose it is.
  const steroids = storyPair('According to the U.S. Olympic Committee, 52 percent of the women\'s team had probably used steroids by 1988.', 'At the Seoul Games, 40 percent of the women\'s team had probably used steroids, Connolly told senators.');
  // Session 32: the shares are told in other words (the teller and the setting are words of the clause), so they are not
  // compared (STATISTIC_VERSION_MIN): a real disagreement this gate loses. A version of the statement still is.
  assert.deepEqual(steroids, []);
  assert.ok(hasSides(storyPair('According to the U.S. Olympic Committee, 52 percent of the women\'s team had probably used steroids by 1988.', 'According to the U.S. Olympic Committee, 40 percent of the women\'s team had probably used steroids by 1988, Connolly told senators.'), /52 percent/, /40 percent/));
  // Two things of one unit: "1 meter wide" / "2 meters long"; "of various kinds of wetlands" is wetlands, "northeast of" a place.
  const foot = (first: string) => storyPair(first, 'The researchers say that the fossil foot was nearly 1 meter wide when the animal was alive.');
  assert.deepEqual(foot('The researchers say that the fossil foot was nearly 2 meters long when the animal was alive.'), []);
  assert.ok(hasSides(foot('The researchers say that the fossil foot was nearly 2 meters wide when the animal was alive.'), /2 meters/, /1 meter/));
  assert.ok(hasSides(storyPair('According to official statistics, China has more than 82 million hectares of wetlands, ranking first in Asia.', 'China now has 63 million hectares of various kinds of wetlands, ranking first in Asia.'), /82 million/, /63 million/));
  assert.ok(hasSides(storyPair('Putin visited Ivanovo, a textile factory town 180 miles northeast of Moscow, on Tuesday.', 'Putin visited Ivanovo, a textile center 190 miles east of Moscow, on Tuesday.'), /180 miles/, /190 miles/));
});

test('the same statement: two statements whose every figure of a kind differs are two wholes or two moments, not one figure misreported (issue 20, session 23)', () => {
  const crest = (first: string) => storyPair(first, 'The Skagit was expected to crest during the night at 38 feet at Mount Vernon, 10 feet above flood stage, the National Weather Service said.');
  assert.deepEqual(crest('Downstream at Mount Vernon, the Skagit River was expected to crest at 36 feet -- 8 feet above flood stage -- tonight, Burke said.'), []);
  assert.ok(hasSides(crest('Downstream at Mount Vernon, the Skagit River was expected to crest at 38 feet -- 8 feet above flood stage -- tonight, Burke said.'), /8 feet/, /10 feet/));
});

test('the same statement: an age told of the statement\'s subject ("Prodigy of Mobb Deep has passed away at age 46" / "Prodigy, ... died Tuesday (June 20) at age 42") is one fact by that subject, a weekday being no person (issue 20, session 23)', () => {
  // A story of many figures, as the cluster this comes from: "Mobb Deep" is in many of its sentences, "Prodigy" in two.
  const fillers = Array.from({ length: 30 }, (_, index) => ({ text: `Mobb Deep albums sold ${index + 40} copies in district ${index + 2} on the weekend.`, sources: ['c'] }));
  const story = (first: string, second: string) => findDisagreements([{ text: first, sources: ['a'] }, { text: second, sources: ['b'] }, ...fillers], ['a', 'b', 'c'], undefined, new Map([['a', first], ['b', second], ['c', fillers.map((filler) => filler.text).join(' ')]]));
  const prodigy = 'The rap world is reeling from the shocking news that Prodigy, iconic rapper and one-half of Mobb Deep, died Tuesday (June 20) at age 42.';
  assert.ok(hasSides(story('RT @ComplexMusic: Prodigy of Mobb Deep has passed away at age 46.', prodigy), /46/, /42/));
  assert.deepEqual(story('RT @ComplexMusic: Prodigy of Mobb Deep has passed away at age 42.', prodigy), []);
});

test('a short statement of a fact inside a long sentence about more is no longer taken by the learned pair score (session 34)', () => {
  // The long sentence's other words keep the rules' sentence scores low (weighted Dice 0.26, word Dice 0.37) and
  // article a also writes "June 23" (no exclusive values). Session 25's score, fitted on dev alone, read the short
  // sentence as held whole in the long one (overlap 1, the dates' windows 0.92) and took them for one fact; refitted on
  // dev, DUC 2006 clusters 21-50 and the judged reports (overlap's weight 1.00 -> 0.53), it does not. This is the recall
  // the refit costs, written down: one dev plant (multi-news 21, "June 20"), against 3 more found on DUC 21-50 and none on held.
  const sentences = [
    { text: 'Prodigy of Mobb Deep died in Las Vegas on June 20, his publicist said.', sources: ['a'] },
    { text: 'The rap world is reeling from the shocking news that Prodigy, the iconic rapper and one-half of the Queens duo Mobb Deep, died in a Las Vegas hospital on June 23 after complications of sickle-cell anemia, his publicist said in a statement released to reporters early Wednesday morning from the label offices downtown near the river and the old stadium.', sources: ['b'] },
    { text: 'Mobb Deep released its debut album in 1993, and Prodigy sold 3 million copies of the second.', sources: ['a'] },
    { text: 'Prodigy had been hospitalized for 3 days in Las Vegas after a Mobb Deep show.', sources: ['b'] },
    { text: 'Prodigy, who died at 42, had sickle-cell anemia since he was 3 years old.', sources: ['c'] },
    { text: 'The Mobb Deep rapper Prodigy performed 2 shows last week.', sources: ['c'] },
    { text: 'Fans plan a memorial in Queens on June 23.', sources: ['a'] },
  ];
  assert.ok(!hasSides(findDisagreements(sentences, ['a', 'b', 'c']), /^June 20$/, /^June 23$/));
});

test('an occupation written before a name as a title is no part of the name: "Skipper Anders Koll" is Anders Koll (issue 20)', () => {
  // From the bundled harbour story (examples/pages/gazette-harbour-closed.html).
  const text = [
    'Skipper Anders Koll, who has fished out of the town for thirty-one years, said his two deckhands had not been paid since Monday. "A week without landings we can survive," he said, coiling rope on the deck of the Marta Jo.',
    '"The water came over the rail faster than anyone expected," said fisherman Ola Brekke.',
    'Nurse Helga Dahl said: "We treated four people for cold and shock, and all of them went home the same night."',
  ].join('\n\n');
  assert.deepEqual(findQuotes({ text }).map((quote) => quote.speaker), ['Anders Koll', 'Ola Brekke', 'Helga Dahl']);
});

test('a figure before a name, or a part "of the" things, is a count of what follows: "120,000 Nimbus 3 power banks" (issue 20, session 31)', () => {
  const read = (text: string) => quantities(text).map((quantity) => [quantity.kind, quantity.value, quantity.unit]);
  assert.deepEqual(read('Corvid Devices is recalling about 120,000 Nimbus 3 power banks.'), [['count', 120000, 'power bank']]);
  assert.deepEqual(read('About 40 Boeing 737 jets were grounded.'), [['count', 40, 'jet']]);
  assert.deepEqual(read('Stores pulled roughly 120,000 of the 20,000mAh packs.'), [['count', 120000, 'pack']]);
  assert.deepEqual(read('Labour won 75 of the 125 seats.'), [['count', 125, 'seat']], 'the part of a whole told by number is left to the whole');
  assert.deepEqual(read('He lives at 10 Downing Street.'), [], 'a name with nothing counted after it');
  assert.deepEqual(read('It was one of the first cases.'), []);
  // The story's Numbers table lists it (it was missing: only the digest's own scanner read it).
  const facts = extractFacts([], [{ text: 'Corvid Devices is recalling about 120,000 Nimbus 3 power banks.', sources: ['a'] }]);
  assert.ok(facts.numbers.some((number) => number.value === 120000), JSON.stringify(facts.numbers));
  // The counted noun is the plural the words run to ("power banks", not "portable power"), the text as written.
  assert.deepEqual(quantities('It recalled 120,000 Nimbus 3 portable power banks.').map((quantity) => [quantity.text, quantity.counted]), [['120,000 Nimbus 3 portable power banks', 'power banks']]);
  assert.deepEqual(quantities('It recalled 120,000 portable power banks.').map((quantity) => [quantity.text, quantity.counted]), [['120,000 portable power banks', 'power banks']]);
  // A part "of the" things names them by a reference back: one number with the count it refers to.
  const both = extractFacts([], [
    { text: 'Corvid Devices is recalling about 120,000 Nimbus 3 portable power banks.', sources: ['a'] },
    { text: 'Stores pulled roughly 120,000 of the 20,000mAh packs.', sources: ['b'] },
  ]);
  assert.deepEqual(both.numbers.filter((number) => number.value === 120000).map((number) => number.sources), [['a', 'b']]);
});

test('"a year and a half", "two and a half hours", "half a million", "a dozen" are read as their values (issue 20, session 32)', () => {
  const read = (text: string) => quantities(text).map((quantity) => [quantity.kind, quantity.text, quantity.value]);
  const HOUR = 3600;
  const YEAR = 31557600;
  assert.deepEqual(read('The trial lasted a year and a half.'), [['duration', 'a year and a half', 1.5 * YEAR]], 'was a year');
  assert.deepEqual(read('The flight took two and a half hours.'), [['duration', 'two and a half hours', 2.5 * HOUR]], 'was not read');
  assert.deepEqual(read('It took an hour and a half to reach them.'), [['duration', 'an hour and a half', 1.5 * HOUR]]);
  assert.deepEqual(read('Rescuers waited half an hour for the boat.'), [['duration', 'half an hour', 0.5 * HOUR]]);
  assert.deepEqual(read('Half a million people marched.'), [['count', 'Half a million people', 500_000]]);
  assert.deepEqual(read('About one and a half million people fled.'), [['count', 'one and a half million people', 1_500_000]]);
  assert.deepEqual(read('Police arrested a dozen people.'), [['count', 'a dozen people', 12]], 'was "dozen people"');
  assert.deepEqual(read('Two dozen students were hurt.'), [['count', 'Two dozen students', 24]], 'was 2 "dozen students"');
  assert.deepEqual(read('A million people fled.'), [['count', 'A million people', 1_000_000]]);
  assert.deepEqual(read('It cost half a billion dollars.'), [['money', 'half a billion dollars', 5e8]]);
  assert.deepEqual(read('He left a year and a half ago.'), [], 'a point in time');
  assert.deepEqual(read('Dozens of people died.'), [], 'a magnitude');
});

test('"a $100 million-a-year plan" is a rate, not a year (issue 20, session 32)', () => {
  const read = (text: string) => quantities(text).map((quantity) => [quantity.kind, quantity.text]);
  assert.deepEqual(read('It is part of a $100 million-a-year plan to increase housing.'), [['money', '$100 million']], 'was also a duration "a-year"');
  assert.deepEqual(read('They want $15-an-hour jobs.'), [['money', '$15']]);
  assert.deepEqual(read('He served a year in prison.'), [['duration', 'a year']]);
});

test('"six days per week" and "4 hours a week" are how often, not how long (issue 20, session 32)', () => {
  const read = (text: string) => quantities(text).map((quantity) => [quantity.kind, quantity.text, quantity.unit]);
  assert.deepEqual(read('He said Britain carries out air strikes six days per week.'), [['duration', 'six days per week', 'seconds per week']], 'was "six days", listed among the numbers as a length');
  assert.deepEqual(read('Volunteers work 4 hours a week at the clinic.'), [['duration', '4 hours a week', 'seconds per week']]);
  assert.deepEqual(read('The strike lasted six days.'), [['duration', 'six days', 'seconds']]);
  const same = (x: string, y: string) => figureFacts(x).some((fact) => figureFacts(y).some((other) => sameFigure(fact, other)));
  assert.ok(!same('Britain carries out air strikes six days per week.', 'Britain carried out air strikes for six days.'), 'a rate is no length of time');
});

test('a quoted sentence interrupted by its attribution is one quote in the story\'s list, not a fragment opening on "but" (issue 20, session 32)', () => {
  const text = 'The glacier sped up after the lake shrank, says lead author Sunniva Eklund. "Correlation is not proof," she cautioned, "but the timing lines up remarkably well."\n\n"We will drill next winter," Eklund said. "The borehole will take a month."';
  const article = { id: 'a', title: 'A', language: 'en', text } as unknown as Parameters<typeof extractFacts>[0][number];
  const quotes = extractFacts([article], []).quotes.map((quote) => [quote.speaker, quote.text]);
  assert.deepEqual(quotes, [
    ['Sunniva Eklund', 'Correlation is not proof, but the timing lines up remarkably well.'],
    ['Sunniva Eklund', 'We will drill next winter'],
    ['Sunniva Eklund', 'The borehole will take a month.'],
  ]);
});

test('"on a day when officials announced ..." is a moment, not a length of a day (issue 20, session 32)', () => {
  // Multi-News val250 cluster 47 listed "a day" among the numbers from this sentence.
  assert.deepEqual(quantities('The deaths came on a day when Syrian officials announced that the draft constitution was approved.'), []);
  assert.deepEqual(quantities('The talks lasted a day and ended without a deal.').map((quantity) => quantity.text), ['a day']);
});

test('a large story\'s near-copies: pairs that cannot disagree are set aside, and the disagreements stay those of every pair compared', () => {
  const copies = (count: number, text: (n: number) => string, prefix: string) => Array.from({ length: count }, (_, n) => ({ text: text(n), sources: [`${prefix}${n}`] }));
  const sentences = [
    ...copies(12, (n) => `Rescuers said 40 miners were trapped underground at the Kelden colliery after the roof collapsed on Monday${n % 2 === 0 ? '' : ', officials said'}.`, 'a'),
    ...copies(3, () => 'Rescuers said 42 miners were trapped underground at the Kelden colliery when the roof collapsed.', 'c'),
    // Times and no figure: only the plans can disagree.
    ...copies(12, (n) => `The inquiry into the Kelden colliery collapse will report next month, the energy minister${n % 2 === 0 ? '' : ' of the region'} said.`, 'a'),
    ...copies(3, () => 'The energy minister said the inquiry into the Kelden colliery collapse would report in three months.', 'c'),
  ];
  const order = [...new Set(sentences.flatMap((sentence) => sentence.sources))];
  const found = findDisagreements(sentences, order);
  // A trace sees every pair compared, none set aside.
  const everyPair = findDisagreements(sentences, order, undefined, undefined, () => {});
  assert.deepEqual(found, everyPair);
  assert.ok(hasSides(found, /^40 miners$/, /^42 miners$/), JSON.stringify(found));
  assert.ok(hasSides(found, /^next month$/, /^in three months$/), JSON.stringify(found));
});

test('a language, a title word and "April Fools" are no speakers (issue 20, Multi-News cluster 88)', () => {
  const text = `MOSCOW (AP) — Need some election interference? The Russian Foreign Ministry is ready to help, or so it says on April Fools' Day.

On Saturday, the ministry posted on its Facebook page an audio file of the purported new telephone message for Russian embassies.

"To arrange a call from a Russian diplomat to your political opponent, press 1," the recording begins, in Russian and English. Press 2 "to use the services of Russian hackers," and 3 "to request election interference."

A ministry duty officer confirmed to The Associated Press that the post was an official joke.

Hours later, the actor retweeted a post about April Fools posts before revealing it was all part of an April Fools prank.

"No, I'm not running for Congress. Happy 4/1! Let's flip Congress in the next election," he wrote Saturday morning.`;
  const speakers = findQuotes({ text }).map((quote) => quote.speaker ?? '');
  for (const wrong of ['English', 'Press', 'Fools', 'April Fools']) assert.ok(!speakers.includes(wrong), `${wrong} in ${JSON.stringify(speakers)}`);
});
