// Shared test fixtures: articles made by the real prepare step from text written for the tests.
import { prepareArticle } from '../src/engine/prepare.ts';
import type { Article, RawArticle } from '../src/model.ts';

let clock = Date.parse('2026-01-01T00:00:00Z');

/** An article prepared from plain text (first line the title), as the engine would store it. */
export function articleFrom(path: string, text: string, fields: Partial<Omit<RawArticle, 'origin' | 'text'>> = {}): Article {
  const raw: RawArticle = { origin: { path, format: 'text' }, text, ...fields };
  const prepared = prepareArticle(raw, (clock += 1000));
  if (!prepared.ok) throw new Error(`fixture ${path} did not prepare: ${prepared.problem.message}`);
  return prepared.article;
}

export const WIRE_STORY = `Flood barrier fails as river rises in Dunmere

DUNMERE (NW) — A temporary flood barrier on the River Lune gave way early on Sunday, sending water into about 60 homes in the lower town, the county fire service said.

Firefighters used boats to reach residents trapped on upper floors along Mill Street and Quay Lane, where the water stood more than a metre deep by dawn.

"The barrier was never designed to hold back a surge of this size," said Colin Marsh, the county's chief fire officer.

The Environment Office said river levels had peaked at 5.2 metres overnight, the highest reading since records began at the Dunmere gauge in 1968.

A rest centre opened at the Dunmere leisure centre, where volunteers handed out blankets and hot drinks to more than 40 people.

The county council said it would review why the barrier, installed only last autumn, had failed within hours of the first flood warning.`;

/** The same wire story updated: two paragraphs edited, one added. */
export const WIRE_UPDATE = WIRE_STORY.replace('about 60 homes', 'about 85 homes').replace(
  'A rest centre opened',
  'A second rest centre opened at the school, and a first rest centre opened',
) + `

Police closed the Lune road bridge on Sunday afternoon after engineers found cracks in one of its supports.`;

/** A page that lifts two sentences, one lightly reworded, among text of its own. */
export const LIFTING_PAGE = `Everything you need to know about the Dunmere floods

Dunmere has a long history of flooding, and residents have campaigned for a permanent defence for years.

Firefighters used boats to reach residents trapped on upper floors along Mill Street and Quay Lane, where the water stood more than a metre deep by dawn.

The Environment Office said river levels had crested at 5.2 metres overnight, the highest reading since records began at the Dunmere gauge in 1968.

In other news, the town's football club has signed a new goalkeeper from a rival in the northern league.`;

/** An unrelated article. */
export const UNRELATED = `Orchestra names new conductor

The Halden Symphony Orchestra has appointed the violinist and conductor Mireille Okafor as its music director from next season.

Okafor, 41, has guest-conducted the orchestra four times since 2021 and will lead twelve programmes in her first year.

"She brings energy and a deep knowledge of the repertoire," said the orchestra's chair, Paul Erskine.`;

/** Two records of one story that name no source (no source, no URL, no agency in the text): the fresh walk's "0 sources". */
export const UNSOURCED_RECORDS = [
  { title: 'Bridge reopens', text: 'The harbour bridge in Port Alder reopened on Monday after six weeks of repairs to its corroded steel cables, the city council said. Traffic returned to normal by the evening rush hour.' },
  { title: 'Bridge reopens again', text: 'The harbour bridge in Port Alder reopened on Monday after six weeks of repairs to its corroded steel cables, the city council said. Traffic returned to normal by the evening rush hour, officials added.' },
];
