// Session 33 (issue 20, the account a reader can trust): speakers and figures found reading DUC 2006 and Multi-News
// digests, each with sentences written here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFacts, findQuotes, quantities } from '../../src/facts/index.ts';

const speakers = (...paragraphs: string[]) => findQuotes({ text: paragraphs.join('\n\n') }).map((quote) => quote.speaker);

test('a state written after a city is a place, not the speaker: "Maria Olsen, a Salem, Ore., lawyer" speaks (DUC D0634G "Ore.")', () => {
  assert.deepEqual(speakers('"We will not back down from this fight," Maria Olsen, a Salem, Ore., lawyer who represents the growers, wrote in a letter.'), ['Maria Olsen']);
  assert.deepEqual(speakers('"The mill will stay open all winter," Tom Reyes, a Fresno, California, union organiser, said on Friday.'), ['Tom Reyes']);
});

test('a title joined by "and" or "of" after an inverted cue runs on to its name: "said Agriculture and Forestry Minister Hanna Berg" (DUC D0634G "Fisheries")', () => {
  assert.deepEqual(speakers('"The quota has been cut for the third year," said Agriculture and Forestry Minister Hanna Berg.'), ['Hanna Berg']);
  assert.deepEqual(speakers('"We are ready to talk again," said Secretary of State Lena Marsh.'), ['Lena Marsh']);
  // A name of its own before "of" stays the speaker.
  assert.deepEqual(speakers('"The numbers do not add up," said Tom Hale of Boston-based Harvard Medical.'), ['Tom Hale']);
});

test('an unnamed speaker described by an appositive is that person: "one caller, a retired teacher, told us" (bundled tram story)', () => {
  assert.deepEqual(speakers('Several listeners welcomed the news. Others were angry. "Nobody asked the people on Lindell Road whether we wanted a building site," one caller, a retired teacher, told us.'), ['one caller, a retired teacher']);
  assert.deepEqual(speakers('"The harbour will reopen in the spring," one resident, a former fisherman, said.'), ['one resident, a former fisherman']);
});

const figures = (sentence: string) => quantities(sentence).map((quantity) => `${quantity.kind} ${quantity.text}`);

test('"A week ..." opening a sentence or a quote is no length of time; "for a week" and "A month-long inquiry" are (bundled harbour story)', () => {
  assert.deepEqual(figures('"A week without landings we can survive," he said.'), []);
  assert.deepEqual(figures('A day after the storm passed, the ferries sailed again.'), []);
  assert.deepEqual(figures('She said: "A year of drought has ruined us."'), []);
  assert.deepEqual(figures('The bridge will be closed for a week.'), ['duration a week']);
  assert.deepEqual(figures('A month-long inquiry began on Monday.'), ['duration A month']);
});

test('a title with a number is no figure: "30 Rock returns", "60 Minutes", "12 Years a Slave" (Multi-News 5, 205; DUC D0604D)', () => {
  assert.deepEqual(figures('30 Rock returns later this year.'), []);
  assert.deepEqual(figures('The interview aired on 60 Minutes on Sunday night.'), []);
  assert.deepEqual(figures('The TV show ``60 Minutes\'\' recently devoted an hour to the director.'), ['duration an hour']);
  assert.deepEqual(figures('Only 12 Years a Slave held on to its status as the favourite.'), []);
  // A figure in digits mid-sentence before a name still counts what follows; a capitalised unit in a headline is a unit.
  assert.deepEqual(figures('The firm recalled 120,000 Nimbus 3 power banks.'), ['count 120,000 Nimbus 3 power banks']);
  assert.deepEqual(figures('Crew Of Trawler Spent 14 Hours In Life Raft'), ['duration 14 Hours']);
});

test('"a noun of N" is no count when N ends a range, a tally or a title: "a vote of 21-20", "visibility of 1-2 kilometers" (DUC D0640D, D0642F)', () => {
  assert.deepEqual(figures('The resolution passed on a vote of 21-20 after four weeks.').filter((figure) => figure.startsWith('count')), []);
  assert.deepEqual(figures('It has a displacement of 14,700 tons.'), ['measure 14,700 tons']);
  assert.deepEqual(figures('The harbour has a crew of 14.'), ['count crew of 14']);
  assert.deepEqual(figures('A limited edition of 25 Years of Harbour Life is on sale.'), []);
});

test('a count in the facts carries its numeral as written, and a scale word is part of the number, never what it counts (DUC D0612C, D0610A)', () => {
  const facts = extractFacts([], ['Four hundred families left the valley.', 'The ferry has a crew of 14.', 'Some 120,000 of the older boats were sold.', 'The town has 1.5 million.', 'One hundred and three patients were admitted.'].map((text) => ({ text, sources: [] })));
  assert.deepEqual(
    facts.numbers.map((number) => [number.text, number.value, number.counts, number.numeral]),
    [['Four hundred families', 400, 'families', 'Four hundred'], ['crew of 14', 14, 'crew', '14'], ['120,000 of the older boats', 120_000, 'boats', '120,000']],
  );
});

test('"one of three" and "four of five" are parts, "comprised of two" a verb: no count (DUC D0610A, D0611B)', () => {
  assert.deepEqual(figures('He was one of three survivors.').filter((figure) => figure.includes(' of ')), []);
  assert.deepEqual(figures('The jury found him guilty on four of five charges.').filter((figure) => figure.startsWith('count four')), []);
  assert.deepEqual(figures('The board is comprised of two members.').filter((figure) => figure.includes('comprised')), []);
  assert.deepEqual(figures('The estate paid a ransom of one billion to the kidnappers.'), ['count ransom of one billion']);
});

test('a surname two people in the article share is not widened to the first one named: the brother who spoke is not the boy who died (Multi-News 240, 17)', () => {
  assert.deepEqual(speakers('A 4-year-old boy, Toby Marsh, was thrown from a roof in Oakmere on Saturday. His brother, Dale R. Marsh, was charged with murder.', '"I took my brother up to the roof," Marsh allegedly told officers.'), ['Marsh']);
  // One person named twice, with and without a title or an initial, is still widened to the full name.
  assert.deepEqual(speakers('Governor Neil M. Harlow visited the dam on Friday. Neil Harlow said he would return.', '"The dam will hold," Harlow told reporters.'), ['Neil M. Harlow']);
});

test('a weekday after an inverted cue\'s name is when it was said, and an office\'s name before its holder is no part of the holder\'s ("Muasher Friday", "Eastern Affairs Martin Indyk", DUC D0609I)', () => {
  assert.deepEqual(speakers('"The harbour must reopen to the fleet," said Berg Friday when ending a visit.'), ['Berg']);
  assert.deepEqual(speakers('Assistant Secretary of State for Near Eastern Affairs Lena Marsh said the plan would fail. "The window is closed," she said.'), ['Lena Marsh']);
});

test('"a town of 11,000" counts people, one figure with "11,000 people"; "WASHINGTON _ A week after" opens on a dateline, no length of time (issue 20, session 34)', () => {
  // The bundled tanker story listed "11,000 — town of" beside "11,000 people"; AP's underscore dateline (DUC 2006).
  const facts = extractFacts([], ['For a town of 11,000, the shutdown of the harbour means an abrupt stop.', 'Port Alder, a town of about 11,000 people, depends on fishing.'].map((text) => ({ text, sources: [] })));
  assert.deepEqual(facts.numbers.map((number) => [number.text, number.counts, number.numeral]), [['11,000 people', 'people', '11,000']]);
  assert.deepEqual(figures('It is a nation of 40 million.'), ['count nation of 40 million']);
  assert.equal(quantities('It is a nation of 40 million.')[0]!.counted, 'people');
  assert.deepEqual(figures('WASHINGTON _ A week after the storm passed, the ferries sailed again.'), []);
  assert.deepEqual(figures('BEIRUT, Lebanon (AP) — A day after the blast, rescuers searched the port.'), []);
  assert.deepEqual(figures('WASHINGTON _ The bridge will be closed for a week.'), ['duration a week']);
});

test('a heading\'s capitals do not run into the name under it ("Million Objects Google"), and a clause before a colon is no speaker ("The message had three parts:") (issue 20, session 34)', () => {
  // Multi-News val250 171 ("3.5 Billion Facts About 500 Million Objects" over "Google says ..."), 191 and 197.
  assert.deepEqual(speakers('Harbour Line launched its new timetable today.', '3.5 Million Journeys About 500 Million Objects', 'Harbour Line says it carried 3.5 million people last year. "We want every journey to be shorter," it said.'), ['Harbour Line']);
  assert.deepEqual(speakers('The family released a statement on Monday.', 'The message had three parts: "You are loved and cherished, dearly, forever."'), [undefined]);
  assert.deepEqual(speakers('The report was released on Monday.', 'The solutions offered include neutralizing attacks: "deal honestly with any disagreement, then move on."'), [undefined]);
  // A group read forward still speaks: "The seven countries have said" names the countries.
  assert.deepEqual(speakers('"The border stays open," the seven countries have said in a joint statement.'), ['the seven countries']);
});

test('a surname shared by people named so far is the person the article names far more often ("Ted Cruz" thrice, "Heidi Cruz" once), and is left bare when neither dominates (PolNeAR dev; issue 20, session 34)', () => {
  const text = [
    'Sen. Ted Cruz endorsed Donald Trump on Friday.',
    'Ted Cruz had refused to do so at the convention in July.',
    'Trump had attacked Heidi Cruz during the primaries, and Ted Cruz never forgot it.',
    '"I am not in the habit of supporting people who attack my wife," Cruz said in July.',
  ];
  assert.deepEqual(speakers(...text), ['Ted Cruz']);
  // Two people named as often: the surname alone (session 33's rule, the Marsh brothers).
  assert.deepEqual(speakers('Toby Marsh died in the fire.', 'His brother, Dale R. Marsh, was at home.', '"The smoke came up the stairs very fast," Marsh told officers.'), ['Marsh']);
  // Only one of them named before the quote: that one, though the other is named later.
  assert.deepEqual(speakers('Ted Cruz spoke in Houston. Ted Cruz was cheered.', '"We will win this state again," Cruz said.', 'Ted Cruz and Heidi Cruz then left for Dallas.'), ['Ted Cruz']);
});

test('the object of a preposition in an appositive is no speaker: "Andy Puzder, the chief executive of CKE Restaurants Inc., which employs ..., has said" (Multi-News 220; issue 20, session 34)', () => {
  assert.deepEqual(speakers('Tom Reyes, the chief executive of Harbour Foods Inc., which employs about 2,000 people, has said that the "tax on fuel is killing the fleet."'), ['Tom Reyes']);
  assert.deepEqual(speakers('"We will not accept it," Jean Morel, the foreign minister of France, told reporters.'), ['Jean Morel']);
  // An organisation before its own relative clause still speaks.
  assert.deepEqual(speakers('Harbour Foods Inc., which employs about 2,000 people, said the "tax on fuel is killing the fleet."'), ['Harbour Foods Inc.']);
});

test('a state after a city set off by commas before the cue is a place, not the speaker: "..., at Joint Base Pearl Harbor-Hickam, Hawaii, explains" (Multi-News 104; issue 20, session 34)', () => {
  assert.deepEqual(speakers('Sergeant Ivan Cooper, with the weather squadron at Joint Base Pearl Harbor-Hickam, Hawaii, explains how it works.', '"The exercise has really opened my eyes to new ways," he said.'), ['Ivan Cooper']);
  // A name set off right before the cue still speaks.
  assert.deepEqual(speakers('"We are ready," her senior adviser, Jake Sullivan, said.'), ['Jake Sullivan']);
});

test('quote marks pair up within a paragraph: a quotation running on into the next paragraph ends at its paragraph, is the speaker\'s of the quote going on with it, and the quotes after it are not turned inside out (Multi-News 176; issue 20, session 34)', () => {
  const found = findQuotes({ text: ['"We were told to leave at once. Nobody came back for us.', '"Then the water rose very fast," said Tom Hale, a fisherman.', 'He said the boats were lost. "We lost everything in one night," he added.'].join('\n\n') });
  assert.deepEqual(found.map((quote) => [quote.speaker, quote.text]), [
    ['Tom Hale', 'We were told to leave at once. Nobody came back for us.'],
    ['Tom Hale', 'Then the water rose very fast'],
    ['Tom Hale', 'We lost everything in one night'],
  ]);
});

test('a phrase whose noun is the quoted title is no speaker of it: "according to a recently-released "jail escort plan"" (Multi-News 14; issue 20, session 34)', () => {
  assert.deepEqual(speakers('He would be driven to a safe house, according to a recently-released "jail escort plan," where he would change his shirt.'), [undefined]);
  assert.deepEqual(speakers('The ferry will not sail, according to the harbour office. "We cannot risk the crossing," the office said.'), ['the office']);
});
