// A story in another language: its digest says which language it is in (CLI JSON, API, web page), and the facts read
// with English patterns (quotes and speakers, numbers, disagreements) give nothing for it rather than wrong readings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDigest } from '../../src/digest/index.ts';
import { digestJson } from '../../src/engine/json.ts';
import { storyTimeline } from '../../src/stories/timeline.ts';
import { summarize } from '../../src/engine/views.ts';
import { storyPage } from '../../src/web/pages/story.ts';
import { articleFrom, WIRE_STORY } from '../fixtures.ts';

// Written for this test, in the form of examples/port-alder-tanker.
const GERMAN_REPORT = `Tanker läuft vor Port Alder auf Grund

PORT ALDER — Der Tanker Kestrel Dawn ist am Dienstagmorgen gegen 5.40 Uhr vor der Küste von Port Alder auf Grund gelaufen. Die 14 Besatzungsmitglieder wurden von der Küstenwache gerettet, wie ein Sprecher mitteilte.

„Wir haben alle Seeleute sicher an Land gebracht“, sagte Kapitän Jonas Weber von der Küstenwache. Das Schiff hat 8.400 Tonnen Lösungsmittel geladen.

Die Reederei Halvard Shipping erklärte, es gebe keine Hinweise auf ausgetretene Ladung. Nach Angaben der Behörden wurden 2.000 Meter Ölsperren ausgelegt. Die Untersuchung werde mindestens sechs Monate dauern, sagte Ministerin Anna Berg am Mittwoch.`;

const GERMAN_FOLLOW_UP = `Kestrel Dawn: Bergung vor Port Alder beginnt

PORT ALDER — Nach der Havarie des Tankers Kestrel Dawn vor Port Alder hat die Bergung begonnen. An Bord waren 14 Seeleute, die alle unverletzt blieben.

„Die Lage ist unter Kontrolle“, sagte ein Sprecher der Reederei Halvard Shipping. Der Tanker hat rund 8.400 Tonnen Lösungsmittel an Bord, teilte das Verkehrsministerium mit.

Die Küstenwache hat zwei Kilometer Ölsperren ausgelegt. Umweltschützer fordern eine unabhängige Untersuchung, die in drei Wochen beginnen soll.`;

const FRENCH_REPORT = `Un pétrolier s'échoue au large de Port Alder

PORT ALDER — Le pétrolier Kestrel Dawn s'est échoué mardi matin vers 5h40 au large de Port Alder. Les 14 membres d'équipage ont été secourus par les garde-côtes, a indiqué un porte-parole.

« Nous avons ramené tous les marins à terre », a déclaré le capitaine Jonas Weber. Le navire transporte 8 400 tonnes de solvants, selon l'armateur Halvard Shipping.

L'enquête durera au moins six mois, a dit la ministre Anna Berg mercredi. Plus de 2 000 mètres de barrages flottants ont été déployés.`;

test('a German story: no numbers, quotes, names or disagreements read with English patterns ("2.000 Meter" is no 2 m)', () => {
  const articles = [articleFrom('de-a.txt', GERMAN_REPORT), articleFrom('de-b.txt', GERMAN_FOLLOW_UP)];
  assert.deepEqual(articles.map((article) => article.language), ['de', 'de']);
  const facts = buildDigest({ storyId: 's', articles, relations: [], words: 120 }).facts!;
  // Before: "14 Besatzungsmitglieder wurden von", "2.000 Meter" (2 m); names "Sprecher", "Seeleute", "Tonnen L".
  assert.deepEqual(facts.numbers, []);
  assert.deepEqual(facts.quotes, []);
  assert.deepEqual(facts.entities, [], 'German capitalises every noun: a capitalised run is no name');
  assert.deepEqual(facts.disagreements, []);
});

test('a French article: no numbers or speakers read with English patterns ("8 400 tonnes" is no 400), names still read', () => {
  const facts = buildDigest({ storyId: 's', articles: [articleFrom('fr.txt', FRENCH_REPORT)], relations: [], words: 120 }).facts!;
  assert.deepEqual(facts.numbers, [], 'was "400 tonnes", "000 m"');
  assert.deepEqual(facts.quotes, []);
  assert.ok(facts.entities.some((entity) => entity.name === 'Kestrel Dawn'));
});

test('a story in two languages keeps the English article\'s numbers and quotes', () => {
  const english = articleFrom('wire.txt', WIRE_STORY);
  const facts = buildDigest({ storyId: 's', articles: [english, articleFrom('de-a.txt', GERMAN_REPORT)], relations: [], words: 120 }).facts!;
  assert.ok(facts.numbers.length > 0);
  assert.ok(facts.numbers.every((number) => number.sources.every((id) => id === english.id)));
  assert.ok(facts.quotes.every((quote) => quote.sources.every((id) => id === english.id)));
});

test('a digest carries its language to JSON (summarize, story, the API) and the web page marks its sentences', () => {
  const articles = [articleFrom('de-a.txt', GERMAN_REPORT), articleFrom('de-b.txt', GERMAN_FOLLOW_UP)];
  const digest = buildDigest({ storyId: 's', articles, relations: [], words: 120 });
  assert.equal(digest.language, 'de');
  const json = digestJson(digest);
  assert.equal(json.language, 'de');
  assert.ok(json.digest.every((sentence) => !('language' in sentence)), 'a sentence names its language only where it differs');
  const mixed = buildDigest({ storyId: 's', articles: [articleFrom('wire.txt', WIRE_STORY), articles[0]!], relations: [], words: 400 });
  const languages = new Set(mixed.sentences.map((sentence) => sentence.language));
  assert.deepEqual([...languages].sort(), ['de', 'en'], 'both articles are told');
  const other = mixed.language === 'de' ? 'en' : 'de';
  const marked = digestJson(mixed).digest.filter((sentence) => 'language' in sentence);
  assert.equal(marked.length, mixed.sentences.filter((sentence) => sentence.language === other).length);
  assert.ok(marked.every((sentence) => 'language' in sentence && sentence.language === other));
  const story = { id: 's', headline: 'Tanker läuft vor Port Alder auf Grund', articleIds: articles.map((article) => article.id), firstSeen: '2026-04-01T00:00:00Z', lastSeen: '2026-04-01T00:00:00Z' };
  const page = storyPage({ story, articles: articles.map(summarize), relations: [], digest, assignments: [], timeline: storyTimeline(articles) }, [], 1).toString();
  const digestHtml = page.slice(page.indexOf('<ol class="digest">'), page.indexOf('</ol>', page.indexOf('<ol class="digest">')));
  assert.equal((digestHtml.match(/<bdi lang="de">/g) ?? []).length, digest.sentences.length);
  assert.equal(englishPageMarks(storyPage({ story, articles: [], relations: [], digest: buildDigest({ storyId: 's', articles: [articleFrom('wire.txt', WIRE_STORY)], relations: [], words: 120 }), assignments: [], timeline: storyTimeline([]) }, [], 1).toString()), 0);
});

/** lang attributes inside an English story's digest list: none (the page is English). */
function englishPageMarks(page: string): number {
  const list = page.slice(page.indexOf('<ol class="digest">'), page.indexOf('</ol>', page.indexOf('<ol class="digest">')));
  return (list.match(/ lang="/g) ?? []).length;
}
