import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDigest, isOneOutlet } from '../../src/digest/index.ts';
import { figureFacts, sameFigure } from '../../src/digest/figures.ts';
import { opensMidSentence, pointsBack, speaksInFirstPerson, unintroducedDefinites } from '../../src/digest/reading.ts';
import { independentSupport } from '../../src/digest/units.ts';
import type { Relation } from '../../src/model.ts';
import { articleFrom, LIFTING_PAGE, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

const INDEPENDENT_REPORT = `Dunmere homes flooded after barrier breach

Water poured into the lower town of Dunmere on Sunday after a temporary flood barrier on the River Lune collapsed before dawn.

Fire crews in boats rescued residents from upper floors on Mill Street, where the water was more than a metre deep.

The Environment Office said river levels had peaked at 5.2 metres overnight, the highest reading since records began at the Dunmere gauge in 1968.

He added that the barrier would be inspected.

Residents said they had warned the council about the barrier for months.`;

test('every digest sentence cites its sources, and a sentence carried by several outlets cites them all', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const report = articleFrom('report.txt', INDEPENDENT_REPORT);
  const digest = buildDigest({ storyId: 's', articles: [wire, report], relations: [], words: 200 });
  assert.ok(digest.sentences.length > 0);
  for (const sentence of digest.sentences) assert.ok(sentence.sources.length > 0, sentence.text);
  const shared = digest.sentences.find((sentence) => sentence.text.includes('5.2 metres'));
  assert.deepEqual(shared?.sources, [wire.id, report.id], 'the corroborated sentence is chosen and cites both, earliest first');
  assert.ok(digest.words <= 200);
});

test('a sentence that points back ("He added...") comes only right after the sentence it points to', () => {
  const report = articleFrom('report.txt', INDEPENDENT_REPORT);
  const alone = buildDigest({ storyId: 's', articles: [report], relations: [], words: 500 });
  const pointing = alone.sentences.findIndex((sentence) => sentence.text.startsWith('He added'));
  assert.ok(pointing > 0, 'with room for both, the pair is kept');
  assert.match(alone.sentences[pointing - 1]!.text, /^The Environment Office said/);
  // With the wire first, that antecedent is shown from the wire: "He added" would follow the wrong sentence.
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const both = buildDigest({ storyId: 's', articles: [wire, report], relations: [], words: 500 });
  assert.ok(!both.sentences.some((sentence) => sentence.text.startsWith('He added')));
  const tight = buildDigest({ storyId: 's', articles: [report], relations: [], words: 30 });
  for (const [index, sentence] of tight.sentences.entries()) {
    if (sentence.text.startsWith('He added')) assert.match(tight.sentences[index - 1]?.text ?? '', /^The Environment Office said/);
  }
});

test('the word budget is respected', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const digest = buildDigest({ storyId: 's', articles: [wire], relations: [], words: 40 });
  assert.ok(digest.words <= 40);
  assert.ok(digest.sentences.length >= 1);
});

test('copies count once: outlets joined by a copy relation are one source of support', () => {
  const related = (a: string, b: string) => (a === 'wire' && b === 'copy') || (a === 'copy' && b === 'wire');
  assert.equal(independentSupport(['wire', 'copy', 'report'], related), 2);
  assert.equal(independentSupport(['wire', 'report'], related), 2);
});

test('a version and a page lifting from it add their ids to the sentences they carry', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const update = articleFrom('update.txt', WIRE_UPDATE);
  const page = articleFrom('page.txt', LIFTING_PAGE);
  const relations: Relation[] = [
    { a: wire.id, b: update.id, kind: 'version', score: 0.9, coverage: { a: 1, b: 0.9 }, direction: { known: true, reason: 't' }, passages: [] },
  ];
  const digest = buildDigest({ storyId: 's', articles: [wire, update, page], relations, words: 400 });
  const boats = digest.sentences.find((sentence) => sentence.text.startsWith('Firefighters used boats'));
  assert.deepEqual(boats?.sources, [wire.id, update.id, page.id]);
});

test('outlets: copies, versions and whole-article spins are one outlet; a spun or lifted passage leaves the page its own', () => {
  const relation = (kind: Relation['kind'], a: number, b: number): Relation => ({
    a: 'x',
    b: 'y',
    kind,
    score: Math.max(a, b),
    coverage: { a, b },
    direction: { known: false, reason: 'test' },
    passages: [],
  });
  assert.equal(isOneOutlet(relation('duplicate', 1, 1)), true);
  assert.equal(isOneOutlet(relation('version', 0.8, 0.9)), true);
  assert.equal(isOneOutlet(relation('rewrite', 0.9, 0.85)), true, 'an article spun as a whole');
  // Two spun sentences in a host three times longer (issue 21's planted shape): the host is another outlet.
  assert.equal(isOneOutlet(relation('rewrite', 0.12, 0.4)), false, 'a spun passage');
  assert.equal(isOneOutlet(relation('reuse', 0.3, 0.9)), false, 'a lifted passage');
});

// Session 30, issue 20 item 3: a digest tells one figure of one thing once, whatever the wording.
const RECALL_NOTICE = `Brightwell recalls 120,000 Halo 2 heaters over fire risk

Brightwell Appliances is recalling about 120,000 Halo 2 fan heaters after receiving reports that some units overheated or began to smoke in living rooms and offices.

The company said a batch of thermostats supplied between May and July may contain a wiring fault that can cause the element to stay on.

Owners are being told to unplug the heater immediately and request a free collection.`;
const RECALL_ADVICE = `Own a Halo 2 heater? Check the label now

If you bought a Brightwell Halo 2 in the past year, look at the label on its base before you switch it on again.

The maker has pulled roughly 120,000 of the compact models from shops and asked buyers to send them back, saying faulty thermostats can leave them running hot.

Retailers have cleared their shelves and are offering refunds at the till.`;

test('two sentences telling one figure of one thing in other words are not both chosen (issue 20, session 30)', () => {
  const notice = articleFrom('notice.txt', RECALL_NOTICE, { published: '2026-03-09T10:00:00Z', source: 'Appliance Ledger' });
  const advice = articleFrom('advice.txt', RECALL_ADVICE, { published: '2026-03-10T08:00:00Z', source: 'Home Watch' });
  const digest = buildDigest({ storyId: 's', articles: [notice, advice], relations: [], words: 200 });
  const telling = digest.sentences.filter((sentence) => sentence.text.includes('120,000'));
  assert.equal(telling.length, 1, digest.sentences.map((sentence) => sentence.text).join('\n'));
});

test('figure facts: one figure of one counted thing, not two things counted alike', () => {
  const same = (x: string, y: string) => figureFacts(x).some((fact) => figureFacts(y).some((other) => sameFigure(fact, other)));
  assert.ok(same('The maker is recalling about 120,000 Halo 2 heaters.', 'It has pulled roughly 120,000 of the models.'), 'a specific figure, nouns unread');
  assert.ok(same('The blast killed 11 people.', 'At least 11 people died in the blast.'), 'a small count with the same counted noun');
  assert.ok(!same('About 5,000 people were treated in hospitals.', 'Over 5,000 cases of malaria were handled.'), 'two counted things');
  assert.ok(!same('Two people were hurt.', 'Two buses collided.'), 'a small count needs the same noun');
  assert.ok(!same('The plant opened in 2015.', 'Sales doubled in 2015.'), 'a year is no figure of a thing');
  assert.ok(!same('A tanker carrying 8,400 tonnes of solvents ran aground.', 'The operator said the 8,400 tons of solvents appeared to be secure.'), '"the 8,400 tons" points back to the figure: it tells something new of it');
});

// Session 31, issue 20 item 1: a sum, share or length of time is one fact only about the same thing.
const STAKE_NEWS = `Gulf carrier seeks stake in Meridian Air

Qatar Airways said on Thursday it wants to buy a 10 percent stake in Meridian Air, the largest carrier on the east coast.

Meridian shares rose 6 percent in early trading after the filing was published.

Analysts said the move would give the Gulf airline a seat at the table as Meridian renegotiates its regional contracts.`;
const STAKE_LETTER = `Meridian chief writes to staff over Gulf approach

Meridian Air chief executive Dana Ortiz told employees in a letter that the airline was not consulted before the offer.

The Gulf carrier is seeking a stake as large as 10 percent in Meridian, which employs 41,000 people.

Ortiz said the board would review any request that would take a stake above 4.75 percent.`;

test('two sentences telling one share of one thing in other words are not both chosen (issue 20, session 31)', () => {
  const news = articleFrom('news.txt', STAKE_NEWS, { published: '2026-03-09T10:00:00Z', source: 'Air Ledger' });
  const letter = articleFrom('letter.txt', STAKE_LETTER, { published: '2026-03-10T08:00:00Z', source: 'Business Watch' });
  const digest = buildDigest({ storyId: 's', articles: [news, letter], relations: [], words: 200 });
  const telling = digest.sentences.filter((sentence) => /10 percent/.test(sentence.text));
  assert.equal(telling.length, 1, digest.sentences.map((sentence) => sentence.text).join('\n'));
});

test('figure facts: a sum, share or length of time is one fact about one thing, or when written specifically', () => {
  const same = (x: string, y: string) => figureFacts(x).some((fact) => figureFacts(y).some((other) => sameFigure(fact, other)));
  assert.ok(same('The airline wants to buy a 10 percent stake in Meridian.', 'It is seeking a stake as large as 10% in Meridian.'), 'the same share of the same thing');
  assert.ok(!same('Hernandez was released from custody after posting a $50,000 bond.', 'Kuisis, who has been released on $50,000 bail, is charged.'), 'one sum of two things');
  assert.ok(!same('Active women had a 10 percent lower risk of cancer.', '"If women lose just 10 percent of their weight, it helps," she said.'), 'one share of two things');
  assert.ok(same('The owners handed over a cheque for $136,927 on Monday.', 'The agency said it received a payment of $136,927.'), 'a specific sum, whatever it is said of');
  assert.ok(!same('They sealed a two-year budget pact.', 'Spending rises by $300 billion over two years.'), 'the deal\'s length is no length of the spending');
});

test('a prison term told as "six months in prison" and as "a six-month sentence" is one fact told twice (issue 20, session 32)', () => {
  const same = (x: string, y: string) => figureFacts(x).some((fact) => figureFacts(y).some((other) => sameFigure(fact, other)));
  assert.ok(same('Marsh was ordered to serve six months in prison.', 'The judge handed Marsh a six-month sentence.'));
  assert.ok(same('Marsh was jailed for six months on Friday.', 'Her lawyer said a six-month sentence was harsh.'));
  assert.ok(!same('Marsh was jailed for six months on Friday.', 'Marsh was jailed for a year on Friday.'), 'another length');
  assert.ok(!same('Marsh was jailed for six months.', 'The plant will close for six months.'), 'another thing');
  // In a digest: the court's sentence once.
  const court = articleFrom('court.txt', `Harbour official jailed over bribes

A former Kellow harbour official was ordered on Friday to serve six months in prison for taking bribes from a dredging contractor.

Judge Ellen Okafor said the official had betrayed the trust of the port's workers over several years.`, { published: '2026-05-01T09:00:00Z', source: 'Coast Daily' });
  const wire = articleFrom('wire.txt', `Kellow bribery case ends

Ruth Marsh, who managed dredging contracts at the port of Kellow, received a six-month sentence at Kellow Crown Court.

The dredging contractor, Sandline Marine, paid a fine of $40,000 last year.`, { published: '2026-05-01T11:00:00Z', source: 'Wire' });
  const digest = buildDigest({ storyId: 's', articles: [court, wire], relations: [], words: 300 });
  const telling = digest.sentences.filter((sentence) => /six months|six-month/.test(sentence.text));
  assert.equal(telling.length, 1, digest.sentences.map((sentence) => sentence.text).join('\n'));
});

// Session 30, issue 20 item 3: "the talks" comes after the sentence that tells of talks, when only the order must change.
test('a sentence using a definite reference follows the digest sentence that introduces it (issue 20, session 30)', () => {
  const report = articleFrom('report.txt', `Harbour strike ends after pay deal

Dockworkers at the port of Kellow returned to work on Friday, ending a nine-day strike that had left dozens of container ships waiting offshore.

Shipping lines said the talks had dragged on for too long and that the backlog would take at least a week to clear.

Union leaders said members had won a seven percent rise over two years and new limits on night shifts.`, { published: '2026-05-01T09:00:00Z', source: 'Coast Daily' });
  const wire = articleFrom('wire.txt', `Port operator and union agree terms

The port operator and the dockworkers' union held talks through Thursday night in a hotel near the Kellow terminal, mediated by the labour ministry.

A ministry mediator said both sides had agreed to meet again in six months to review night shifts at the terminal.`, { published: '2026-05-01T11:00:00Z', source: 'Wire' });
  const digest = buildDigest({ storyId: 's', articles: [report, wire], relations: [], words: 300 });
  const texts = digest.sentences.map((sentence) => sentence.text);
  const talksUsed = texts.findIndex((text) => text.startsWith('Shipping lines said the talks'));
  const talksTold = texts.findIndex((text) => text.includes('held talks'));
  assert.ok(talksUsed >= 0 && talksTold >= 0, texts.join('\n'));
  // Reading order puts the earlier report first; "the talks" must wait for the wire's sentence that tells of them.
  assert.ok(talksUsed > talksTold, texts.join('\n'));
  assert.equal(texts[0], digest.sentences[0]!.text);
  assert.match(texts[0]!, /^Dockworkers at the port of Kellow/, 'the lead stays first');
});

test('unintroduced definite references: the rule the digest is measured by', () => {
  assert.deepEqual(unintroducedDefinites('Ministers will discuss the plan at the meeting in Brussels next week.', ''), ['plan', 'meeting']);
  assert.deepEqual(unintroducedDefinites('The talks ended without agreement.', 'Both sides met for talks on Monday.'), []);
  assert.deepEqual(unintroducedDefinites('The mother of the victim said the meeting of ministers was cancelled.', ''), ['victim'], '"of" says which one');
  assert.deepEqual(unintroducedDefinites('He faces the death penalty, the president said.', ''), [], 'another noun heads it; a well-known reference');
  assert.deepEqual(unintroducedDefinites('"We will study the proposal," she said.', ''), [], 'inside a quotation');
  assert.deepEqual(unintroducedDefinites('The company said a batch of cells may be faulty.', 'Corvid Devices is recalling about 120,000 power banks.'), [], 'a name introduces a company');
  assert.deepEqual(unintroducedDefinites('Officials said the survey found most homes had no cover.', 'Corvid Devices is recalling about 120,000 power banks.'), ['survey'], 'a name introduces no survey');
});

test('a definite phrase that says which one, or follows its introduction in its own sentence, is introduced (issue 20, session 31)', () => {
  // From Multi-News and DUC 2006 digests that session 30's rule counted as unintroduced.
  const none = (text: string, why: string) => assert.deepEqual(unintroducedDefinites(text, ''), [], why);
  none('Jared Kushner is under scrutiny by the FBI as part of the Russia investigation, it was reported.', 'a name before the head');
  none('Parents of victims of the 2012 school shooting will sue the gun maker.', 'a year before the head');
  none('Once the user opens that file, the virus digs into the user\'s address book.', 'a possessor says whose');
  none('He was 76; the cause of death was not announced.', 'the phrase is headed by "cause"');
  none('In the first study in the country on autism, researchers found a striking number of cases.', 'an ordinal');
  none('The Macpherson report denounced the police for its handling of the investigation into the murder of Stephen Lawrence.', '"into" says which');
  none('Among the items put to use in the new film "Evil Dead," a chainsaw stands out.', 'a title says which');
  none('After a year of controversy over Facebook Inc.\'s role, Mark Zuckerberg is positioning the company as a privacy champion.', 'a name earlier in the sentence');
  // Still unintroduced: nothing says which incident or which study.
  assert.deepEqual(unintroducedDefinites('The sheriff\'s office was told the incident does not meet the criteria.', ''), ['incident']);
  assert.deepEqual(unintroducedDefinites('The study was performed in a university hospital.', ''), ['study']);
});

test('a sentence that still uses an unintroduced definite reference is chosen again without (issue 20, session 30)', () => {
  const report = articleFrom('report.txt', `River Lune floods lower Dunmere

Water from the River Lune flooded the lower town of Dunmere on Sunday after a temporary barrier failed before dawn.

Fire crews rescued residents of Mill Street in Dunmere from upper floors by boat.

Officials said the survey found most households along the River Lune in Dunmere had no flood insurance.`, { published: '2026-04-05T09:00:00Z', source: 'Lune Post' });
  const other = articleFrom('other.txt', `Dunmere counts the cost of River Lune flood

The council said on Monday that it would open a relief fund for Dunmere families, as the water of the River Lune went down.

Residents of Mill Street in Dunmere began clearing mud from their homes.`, { published: '2026-04-06T09:00:00Z', source: 'Valley News' });
  const digest = buildDigest({ storyId: 's', articles: [report, other], relations: [], words: 80 });
  const texts = digest.sentences.map((sentence) => sentence.text);
  assert.ok(!texts.some((text) => text.includes('the survey found')), texts.join('\n'));
  assert.ok(texts.some((text) => text.startsWith('The council said on Monday')), texts.join('\n'));
});

test('a sentence chosen in place of an unintroduced one and itself unintroduced is chosen again without (issue 20, session 31)', () => {
  const report = articleFrom('report.txt', `River Lune floods lower Dunmere

Water from the River Lune flooded the lower town of Dunmere on Sunday after a temporary barrier failed before dawn.

Officials said the survey found most flooded households in Dunmere had no flood insurance and no savings.

Volunteers handed out blankets.`, { published: '2026-04-05T09:00:00Z', source: 'Lune Post' });
  const other = articleFrom('other.txt', `Dunmere counts the cost of River Lune flood

Residents said the report blamed the council for the flood insurance gap in Dunmere households.

Most flooded households in Dunmere have no savings, a charity said.

A relief fund for Dunmere families opened on Monday.`, { published: '2026-04-06T09:00:00Z', source: 'Valley News' });
  // One round of choosing again put "the report blamed ..." (as unintroduced as "the survey") in the survey's place.
  const digest = buildDigest({ storyId: 's', articles: [report, other], relations: [], words: 40 });
  const texts = digest.sentences.map((sentence) => sentence.text);
  assert.ok(!texts.some((text) => / the (?:survey|report) /.test(text)), texts.join('\n'));
  assert.ok(texts.some((text) => text.startsWith('A relief fund')), texts.join('\n'));
});

test('"..., he told reporters yesterday." names no speaker: it comes only right after the sentence naming him (issue 20, session 32)', () => {
  // Multi-News val250 cluster 160: the quote followed "Passing the spending bill would let Republicans leave ...".
  assert.equal(pointsBack('"Hopefully, the Senate will act," he told reporters yesterday.'), 'pronoun speaker');
  assert.equal(pointsBack('"We will not wait," she told the Associated Press.'), 'pronoun speaker');
  assert.equal(pointsBack('"Hopefully, the Senate will act," Rogers told reporters yesterday.'), undefined);
  assert.equal(pointsBack('He told reporters that the Senate would act.') === undefined, false, 'an opening pronoun, as before');
});

test('a sentence opening on an agency\'s placeless dateline ("(CNN) -- As the death toll ...") is told without it (issue 20, session 32)', () => {
  // Multi-News val250 cluster 47: the digest showed "(CNN) -- As the death toll from Syria's almost year-long uprising ...".
  const report = articleFrom('cnn.txt', `Syria vows to defend its independence

(CNN) -- As the death toll from the uprising in Varnia continues to climb, its foreign minister vowed on Monday to defend the country's independence against foreign pressure.

The minister spoke after a meeting with envoys in the capital, where shelling continued through the night.`);
  const digest = buildDigest({ storyId: 's', articles: [report], relations: [], words: 200 });
  assert.match(digest.sentences[0]!.text, /^As the death toll/);
  assert.ok(digest.sentences.every((sentence) => !sentence.text.includes('(CNN)')));
});

test('"Plus, at $15 ..., it\'s ..." points back, and a live blog\'s "4:49 pm: Well, I got through my day." is no sentence of the account (issue 20, session 32)', () => {
  // Multi-News val250 cluster 222: both were in its digest, the first after a sentence it did not follow.
  assert.equal(pointsBack("Plus, at $15 for 40 doses, it's cheaper than a can of cola."), 'opens with a pointer');
  const blog = articleFrom('blog.txt', `I tried the caffeine spray for a day

Two students have launched a caffeine spray that users apply directly to the skin, selling it online for $15 a bottle.

The makers say four sprays deliver about as much caffeine as a cup of coffee.

4:49 pm: Well, I got through my day without a single cup of coffee and felt fine.`);
  const digest = buildDigest({ storyId: 's', articles: [blog], relations: [], words: 200 });
  assert.ok(digest.sentences.length >= 2);
  assert.ok(digest.sentences.every((sentence) => !/^4:49/.test(sentence.text)), digest.sentences.map((sentence) => sentence.text).join('\n'));
});

test('the tail of a sentence cut inside a quotation ("\' responded Tom Sherak, ...") is no digest sentence, and ``...,\'\' he said names no speaker (issue 20, session 32)', () => {
  // DUC 2006 D0604D: both were in its digest.
  assert.equal(pointsBack("``The core audience of the Internet is the core audience of `Star Wars,''' he said."), 'pronoun speaker');
  assert.ok(opensMidSentence("' responded Tom Sherak, distribution head of 20th Century Fox, which is releasing the film."));
  assert.ok(opensMidSentence('said the minister, who declined to give details.'));
  assert.ok(!opensMidSentence('eBay said on Monday that sales had risen.'), 'a name written in lower case');
  assert.ok(!opensMidSentence("``Star Wars'' creator George Lucas is credited with founding the industry."));
});

test('someone\'s own words told without quote marks ("... against both Marco and me", "I need portable skills") are no digest sentence; a transcript label or a signature names the speaker (issue 20, session 33)', () => {
  // Multi-News val250 cluster 133 (a blog post's "me" told as the digest's own), 29 ("Our findings"), 171; DUC D0613D.
  assert.equal(speaksInFirstPerson('The ruling exposes a weakness in the case against both Marco and me.'), true);
  assert.equal(speaksInFirstPerson('I need portable, marketable skills to take from job to job.'), true);
  assert.equal(speaksInFirstPerson('He fought in World War I and later in Korea.'), false);
  assert.equal(speaksInFirstPerson('"I need a job," she said.'), false);
  assert.equal(speaksInFirstPerson('LEE: I have no idea, but I will be trying.'), false);
  const post = articleFrom('post.txt', `Court frees Varnian student

An appeals court in Varnia freed the student Lena Ostrova on Monday, overturning her conviction for the theft of museum papers.

Ostrova wrote on her blog that the prosecution had never understood the case.

Attorney Bongiorno's closing arguments in the appeals court exposed a fundamental weakness in the prosecution's case against both Marco and me.

Prosecutor Ivan Sorel said he would study the appeals court ruling before deciding whether to appeal.`);
  const digest = buildDigest({ storyId: 's', articles: [post], relations: [], words: 200 });
  assert.ok(digest.sentences.every((sentence) => !/\bme\b/.test(sentence.text)), digest.sentences.map((sentence) => sentence.text).join('\n'));
});

test('"The firm succeeded by growing ..." has a verb after its head, not a participle: the firm is unintroduced; "the car driven by ..." says which one (issue 20, session 34)', () => {
  // Multi-News val250 cluster 220 opened with "The firm succeeded by growing and fixing companies."
  assert.equal(pointsBack('The firm succeeded by growing and fixing companies.'), '"the firm" unintroduced');
  assert.equal(pointsBack('The company prospered by cutting costs.'), '"the company" unintroduced');
  assert.equal(pointsBack('The car driven by the suspect was found in a lake.'), undefined);
  assert.deepEqual(unintroducedDefinites('Analysts said the firm succeeded by growing.', ''), ['firm']);
  assert.deepEqual(unintroducedDefinites('Police found the car driven by Tom Hale.', ''), []);
});

test('an interview\'s answer label ("A. West Nile encephalitis is ...") is told without it (issue 20, session 34)', () => {
  // DUC 2006 D0622D (NYT20000727.0096): the digest showed "A. West Nile encephalitis is an infection of the brain ...".
  const explainer = articleFrom('qa.txt', `Questions about the Lune fever

Health officials confirmed on Friday that a dead crow found in Dunmere had tested positive for Lune fever.

Q. What is Lune fever?

A. Lune fever is an infection of the brain caused by a virus carried by mosquitoes and birds.

Q. How can people protect themselves?

A. Officials advise wearing long sleeves outdoors at dusk and emptying standing water from gardens.`);
  const digest = buildDigest({ storyId: 's', articles: [explainer], relations: [], words: 200 });
  assert.ok(digest.sentences.some((sentence) => sentence.text.startsWith('Lune fever is an infection')), digest.sentences.map((sentence) => sentence.text).join('\n'));
  assert.ok(digest.sentences.every((sentence) => !/^A\. /.test(sentence.text)));
});

test('a story that is one piece and its copies (an op-ed) may open on its writer\'s first-person lead; its other first-person sentences stay out, and so does a first-person lead beside other outlets (issue 20, session 34)', () => {
  // Multi-News val250 220 (Romney's op-ed, two copies) opened mid-piece on "The firm succeeded by ..." once first-person
  // sentences were barred; 223 (a commuter's column beside a report) keeps its report's lead.
  const column = `What the harbour taught me

I have watched the Dunmere harbour close three times in forty years, and each time the town came back stronger than before.

The first closure came in 1986, when a storm wrecked the outer wall and the fleet moved to Lune Bay for a winter.

The second came after the fire at the fish market in 1999, which put two hundred people out of work for a year.

My father lost his boat that year, and I learned then what the harbour means to the families who depend on it.

This week the council closed the harbour again after the flood barrier on the River Lune gave way on Sunday.`;
  const piece = articleFrom('column.txt', column);
  const digest = buildDigest({ storyId: 's', articles: [piece], relations: [], words: 80 });
  assert.match(digest.sentences[0]!.text, /^I have watched the Dunmere harbour close/, digest.sentences.map((sentence) => sentence.text).join('\n'));
  assert.ok(digest.sentences.slice(1).every((sentence) => !speaksInFirstPerson(sentence.text)));
  const report = articleFrom('report.txt', `Dunmere harbour closed after flood barrier fails

The council closed Dunmere harbour on Monday after the flood barrier on the River Lune gave way on Sunday, flooding the quay.

Fishing boats were moved to Lune Bay, and the ferry to the islands will not sail this week, the harbour office said.`);
  const both = buildDigest({ storyId: 's', articles: [piece, report], relations: [], words: 80 });
  assert.ok(both.sentences.every((sentence) => !speaksInFirstPerson(sentence.text)), both.sentences.map((sentence) => sentence.text).join('\n'));
});

test('an AP live blog header ("The Latest on ...") is no sentence of the account', () => {
  const blog = articleFrom('blog.txt', `Storm latest

MONTPELIER, Vt. (AP) — The Latest on the April Fools' Day storm to hit northern New England.

The April Fools' Day snowstorm that hit parts of northern New England dumped more than a foot of snow on Saturday.

Ploughs cleared the main roads in Montpelier by the afternoon and most power lines were back up by evening.`);
  const digest = buildDigest({ storyId: 's', articles: [blog], relations: [], words: 200 });
  assert.ok(digest.sentences.length > 0);
  assert.ok(digest.sentences.every((sentence) => !/The Latest on/.test(sentence.text)), digest.sentences.map((sentence) => sentence.text).join(' | '));
});

test('a quotation in another language is not told in an English account', () => {
  const report = articleFrom('ad.txt', `McDonald's brings a new sandwich to Austria

McDonald's restaurants across Austria added the McRibster, a breaded pork sandwich, to their menus on Monday.

According to the ad, the McRibster features "Saftiges Schweinefleisch, Speck, Pepper Jack Käse, knackiger Eisbergsalat, köstliche Honig Senf-Sauce und würzige Sweet Chili-Sauce."

The company describes it as "juicy pork, bacon, pepper-Jack cheese and crunchy iceberg lettuce with a honey-mustard sauce."

The sandwich joins a limited-time menu that also brings back last year's popular 1955 Burger in Austria.`);
  const digest = buildDigest({ storyId: 's', articles: [report], relations: [], words: 300 });
  const texts = digest.sentences.map((sentence) => sentence.text);
  assert.ok(texts.length > 0);
  assert.ok(texts.every((text) => !/Schweinefleisch/.test(text)), texts.join(' | '));
});
