// A generated news stream with real copies, versions and lifted passages, for the concurrency tests and the
// many-writers benchmark: it needs no data outside the repository and the same seed gives the same stream.
// Each event has its own names and topic words; its articles are a wire story, exact copies of it on other
// sites, edited versions, pages lifting some of its paragraphs among their own, and independent reports.
import { prng } from './seeded.ts';

export interface GeneratedRecord {
  id: string;
  url: string;
  source: string;
  title: string;
  published: string;
  text: string;
}

export interface GeneratedNewsOptions {
  events: number;
  seed: number;
  /** First publication day; events follow each other about every `daysPerEvent` days. */
  start?: string;
  daysPerEvent?: number;
}

const STOPWORDS = ['the', 'of', 'and', 'in', 'to', 'a', 'on', 'for', 'with', 'that', 'was', 'by', 'at', 'from', 'has', 'said'];
const SYLLABLES = ['ka', 'lo', 'mer', 'tan', 'vi', 'sol', 'ru', 'den', 'pa', 'shi', 'gor', 'el', 'bra', 'nu', 'fen', 'tio', 'mar', 'quel', 'dro', 'zan'];
const SITES = ['wire.example', 'daily.example', 'herald.example', 'post.example', 'gazette.example', 'times.example', 'courier.example', 'farm.example'];
const DAY_MS = 24 * 3600 * 1000;
/** Share of events that follow up the one before (half its names and topic words). */
const FOLLOW_UP_SHARE = 0.3;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function word(random: () => number, syllables: number): string {
  let made = '';
  for (let i = 0; i < syllables; i++) made += pick(random, SYLLABLES);
  return made;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A sentence of 12-20 words: stopwords, common words, and the event's own names and topic words. */
function sentence(random: () => number, common: readonly string[], names: readonly string[], topic: readonly string[]): string {
  const length = 12 + Math.floor(random() * 9);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = random();
    if (roll < 0.3) words.push(pick(random, STOPWORDS));
    else if (roll < 0.45) words.push(pick(random, names));
    else if (roll < 0.7) words.push(pick(random, topic));
    else words.push(pick(random, common));
  }
  return `${capitalised(words.join(' '))}.`;
}

function paragraph(random: () => number, common: readonly string[], names: readonly string[], topic: readonly string[]): string {
  const count = 2 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => sentence(random, common, names, topic)).join(' ');
}

/** Replaces about one word in `rate` with a common word: a version's edits. */
function edited(random: () => number, text: string, common: readonly string[], rate: number): string {
  return text
    .split(' ')
    .map((token) => (random() < rate && /^[a-z]+$/.test(token) ? pick(random, common) : token))
    .join(' ');
}

export function generateNews(options: GeneratedNewsOptions): GeneratedRecord[] {
  const random = prng(options.seed);
  const start = Date.parse(options.start ?? '2024-01-01T06:00:00Z');
  const daysPerEvent = options.daysPerEvent ?? 0.5;
  const common = Array.from({ length: 600 }, () => word(random, 2 + Math.floor(random() * 2)));
  const records: GeneratedRecord[] = [];
  let names: string[] = [];
  let topic: string[] = [];
  for (let event = 0; event < options.events; event++) {
    // A follow-up event keeps half its predecessor's names and topic words, so stories have near neighbours.
    const followUp = event > 0 && random() < FOLLOW_UP_SHARE;
    names = [...(followUp ? names.slice(0, 2) : []), ...Array.from({ length: followUp ? 2 : 4 }, () => capitalised(word(random, 2)))];
    topic = [...(followUp ? topic.slice(0, 6) : []), ...Array.from({ length: followUp ? 6 : 12 }, () => word(random, 3))];
    const eventTime = start + event * daysPerEvent * DAY_MS;
    let serial = 0;
    const emit = (title: string, paragraphs: readonly string[], hoursLater: number) => {
      const id = `e${event}-${serial++}`;
      records.push({
        id,
        url: `https://${pick(random, SITES)}/${id}`,
        source: pick(random, SITES),
        title,
        published: new Date(eventTime + hoursLater * 3600 * 1000).toISOString(),
        text: paragraphs.join('\n\n'),
      });
    };
    const wireTitle = `${names[0]} ${pick(random, topic)} ${pick(random, common)} ${names[1]}`;
    const wire = Array.from({ length: 4 + Math.floor(random() * 3) }, () => paragraph(random, common, names, topic));
    emit(wireTitle, wire, 0);
    const copies = Math.floor(random() * 3);
    for (let i = 0; i < copies; i++) emit(wireTitle, wire, 1 + random() * 4);
    const versions = Math.floor(random() * 3);
    for (let i = 0; i < versions; i++) emit(`${wireTitle} ${pick(random, common)}`, wire.map((text) => edited(random, text, common, 0.05)), 2 + random() * 6);
    const reuses = Math.floor(random() * 2);
    for (let i = 0; i < reuses; i++) {
      const own = Array.from({ length: 3 }, () => paragraph(random, common, names, topic));
      emit(`${names[2]} ${pick(random, topic)} ${pick(random, common)}`, [own[0]!, wire[1]!, own[1]!, wire[2]!, own[2]!], 3 + random() * 12);
    }
    const reports = 1 + Math.floor(random() * 3);
    for (let i = 0; i < reports; i++) {
      const own = Array.from({ length: 3 + Math.floor(random() * 3) }, () => paragraph(random, common, names, topic));
      emit(`${names[1]} ${pick(random, topic)} ${names[3]} ${pick(random, common)}`, own, random() * 30);
    }
  }
  return records;
}

/** The records as JSON Lines. */
export function toJsonl(records: readonly GeneratedRecord[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}
