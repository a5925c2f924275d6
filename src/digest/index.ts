// The digest: an extractive summary of a story in which every sentence cites every article that carries
// it or a near-copy. Selection follows the concept-coverage model of Gillick and Favre (2009): concepts are
// stemmed word bigrams, each worth the number of independent outlets that use it (a wire story carried by
// many sites counts once), with a bonus for the story's opening sentences and for a query's words. Sentences
// are chosen greedily by the worth of the concepts they add per word until the word budget is spent (a
// concept already covered earns nothing twice: no redundancy), then a swap search raises the covered worth
// towards the ILP optimum. Page furniture and restatements are never chosen, and a sentence that points back
// ("He added...") only together with the sentence before it. Chosen sentences are told in reading order: by
// the earliest article carrying them, then by their position in it. Facts and per-source additions ride along.
import type { Article, Digest, DigestSentence, Relation, SourceAddition } from '../model.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { readsAsEnglish } from '../text/language.ts';
import { DEFAULT_DIGEST_WORDS } from './length.ts';
import { extractFacts } from '../facts/index.ts';
import { DANGLING_OPENER, isReportTitle, opensMidSentence, pointsBack, speaksInFirstPerson, unintroducedDefinites, unresolvedReferences, type PlacedSentence } from './reading.ts';
import { figureFacts, sameFigure, type FigureFact } from './figures.ts';
import { buildUnits, factSentences, unitText, type SentenceUnit } from './units.ts';

/** Articles that are one text (a duplicate, or a version: a wire story and its update) say nothing against each other. */
export function sameText(relations: readonly Relation[]): (a: string, b: string) => boolean {
  const linked = new Set(relations.filter((relation) => relation.kind === 'duplicate' || relation.kind === 'version').flatMap((relation) => [`${relation.a} ${relation.b}`, `${relation.b} ${relation.a}`]));
  return (a, b) => linked.has(`${a} ${b}`);
}

export { DEFAULT_DIGEST_WORDS };

/** Sentences shorter than this are fragments or attributions; longer than the maximum, run-ons. */
const MIN_SENTENCE_WORDS = 8;
const MAX_SENTENCE_WORDS = 55;
/**
 * Outlets a bigram needs before it counts as a concept of the story, as a share of the story's outlets:
 * Gillick and Favre keep bigrams in 3 of 10 documents; a bigram in one report of many is a detail.
 */
const CONCEPT_MIN_OUTLET_SHARE = 0.12;
/** Small stories (one to three outlets) have few shared bigrams: every bigram counts there. */
const SMALL_STORY_OUTLETS = 3;
/** Extra worth of a concept first used in an article's opening: news puts what matters first. */
const LEAD_BONUS = 0.5;
/** Sentences of an article that count as its opening for the lead bonus. */
const LEAD_SENTENCES = 3;
/** A concept touching a query word is worth this many times more: the reader asked about it. */
const QUERY_WEIGHT = 3;
/** A sentence's gain is scaled by 1 + POSITION_BOOST x (1 - relative position): leads say what happened. */
const POSITION_BOOST = 0.5;
/** Dice over content stems above which a candidate restates a chosen sentence in other words: skipped. */
const RESTATEMENT_MIN_SIMILARITY = 0.5;
/** Gain per word is gain / words^LENGTH_EXPONENT: below 1, long informative sentences are not punished fully. */
const LENGTH_EXPONENT = 0.8;

/** A main report's lead is a sentence among an article's first this many. */
const LEAD_POSITIONS = 2;
/**
 * The main report is the earliest article whose lead is worth at least this share of the best lead's worth
 * (its concepts' outlets per word): the first well-supported report, not the most detailed late one.
 */
const MAIN_REPORT_MIN_SHARE = 0.75;
/** A lead's worth is scaled by this for a question, explainer or opinion title: not the report of the event. */
const NOT_A_REPORT_FACTOR = 0.3;
/** ... and by this for a page stitched from others (a reuse copy of two or more sources): a content farm. */
const STITCHED_FACTOR = 0.2;
/** With a query, the lead is pinned only when it takes at most this share of the word budget. */
const QUERY_LEAD_MAX_SHARE = 0.5;
/** Rounds of dropping a chosen sentence that points back to nothing before it and refilling the budget. */
const MAX_REPAIR_ROUNDS = 12;
const QUOTE_CHARS = /["\u201C\u201D]/g;
/**
 * Page furniture that cleaning let through (seen in Multi-News digests): links, embedded tweets, sign-up and
 * subscription prompts, photo credits, "Read more" lists. A digest sentence must be reporting.
 */
const BOILERPLATE = [
  /https?:\/\/|www\.|pic\.twitter\.com|\bt\.co\//i,
  /^@|\(@\w+\)/,
  /\b(?:sign up|subscrib\w*|newsletter|email alerts|privacy policy|terms of (?:use|service)|all rights reserved|advertisement)\b/i,
  /^(?:file )?photo\b|\bgetty images\b|\b\d+ of \d+\b.*\bphoto|^read more\b|^related\b|^click\b|tweet location/i,
  /\byour tweets\b|\bfollow us\b|join the conversation|image (?:copyright|caption)|\(photo:|buy photo/i,
  // A form's consent line and a newspaper's print note: "By submitting this form, you agree to ...", "A version of
  // this article appeared August 24, 2012, on page A11 ...".
  /\bby (?:submitting|signing up|clicking|registering)\b[^.]*\byou agree\b|^a version of this (?:article|story|report) appeared\b|\bappeared in print on\b/i,
  // AP's live-blog header, "Latest" capitalised ("The Latest on the April Fools' Day storm ..."): a title line, no
  // event told ("The latest figures show ..." is reporting).
  /^(?:[A-Z][\w.,' ]*\(AP\)\s*[—–-]\s*)?The Latest (?:on|from|in|at)\b/,
];

/** A sentence that is page furniture, not reporting. */
export function isBoilerplateSentence(text: string): boolean {
  return BOILERPLATE.some((pattern) => pattern.test(text));
}

export interface DigestSettings {
  /** Word budget (whitespace-separated words, as ROUGE's -l counts them). */
  words?: number;
  /** What the reader wants to know (DUC's topic narrative): concepts with its words weigh more. */
  query?: string;
}

export interface DigestInput extends DigestSettings {
  storyId: string;
  /** The story's articles, earliest first. */
  articles: readonly Article[];
  relations: readonly Relation[];
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

type Eligibility = 'eligible' | 'needs-antecedent' | 'first-person' | 'ineligible';

/** A sentence opening on a clock time and a colon: a live blog's entry ("4:49 pm: Well, I got through my day."). */
const TIMED_ENTRY = /^\s*(?:UPDATE\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[:—–-]\s/i;

/** Words with letters English never writes (umlauts, eszett, accents, cedilla): a quoted run of several is foreign. */
const FOREIGN_LETTERED_WORD = /[\p{L}]*[äöüßàâçèéêëîïôùûœæñãõåøąćęłńśźż][\p{L}]*/giu;
/** Such words a quotation must hold to read as another language (one or two are names: "Jürgen Müller"). */
const FOREIGN_WORDS_MIN = 3;

/** Whether a quotation in the sentence is in another language: several foreign-lettered words, distinct. */
function quotesForeignText(text: string): boolean {
  for (const match of text.matchAll(/[“"]([^“”"]+)[”"]/g)) {
    const foreign = new Set((match[1]!.match(FOREIGN_LETTERED_WORD) ?? []).map((word) => word.toLowerCase()));
    if (foreign.size >= FOREIGN_WORDS_MIN) return true;
  }
  return false;
}

/** A sentence opening with a pointer ("He added...") may only follow the sentence it points back to. */
function eligibility(text: string, words: number, english = true): Eligibility {
  if (words < MIN_SENTENCE_WORDS || words > MAX_SENTENCE_WORDS || isBoilerplateSentence(text)) return 'ineligible';
  // An odd number of quote marks means the sentence is half of a quotation split across sentences.
  if ((text.match(QUOTE_CHARS)?.length ?? 0) % 2 === 1) return 'ineligible';
  if (/[:?]$/.test(text)) return 'ineligible';
  // "4:49 pm: Well, I got through my day.": a live blog's timed entry, the writer's diary, not the story's account.
  if (TIMED_ENTRY.test(text)) return 'ineligible';
  // "' responded Tom Sherak, ...": the tail of a sentence the splitter cut inside a quotation, no sentence alone.
  if (opensMidSentence(text)) return 'ineligible';
  // "... against both Raffaele and me", "I need portable, marketable skills": someone's own words, unquoted, that the
  // digest would tell as its own with no one named as saying them.
  if (speaksInFirstPerson(text)) return 'first-person';
  // "According to the ad, ... features, "Saftiges Schweinefleisch, Speck, ..."": a quotation in another language is
  // no reading for this account's readers.
  if (english && quotesForeignText(text)) return 'ineligible';
  // Openers, an early "also", a pronoun speaker, a quote with no speaker: only right after the sentence before.
  const reason = DANGLING_OPENER.test(text) ? 'opener' : pointsBack(text, text);
  return reason === undefined ? 'eligible' : 'needs-antecedent';
}

/** Concepts are interned as small integers: selection then works on typed arrays, not string maps. */
class ConceptTable {
  private readonly ids = new Map<string, number>();
  /** Per concept: does it touch a query word. */
  readonly touchesQuery: boolean[] = [];

  constructor(private readonly queryStems: ReadonlySet<string>) {}

  get size(): number {
    return this.touchesQuery.length;
  }

  /** Stemmed bigrams of a sentence, skipping pairs of two stopwords (they say nothing alone). */
  conceptsOf(tokens: readonly Token[]): Int32Array {
    const found = new Set<number>();
    for (let i = 0; i + 1 < tokens.length; i++) {
      const first = tokens[i]!;
      const second = tokens[i + 1]!;
      if (first.stop && second.stop) continue;
      const key = `${first.stem} ${second.stem}`;
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.touchesQuery.length;
        this.ids.set(key, id);
        this.touchesQuery.push(this.queryStems.has(first.stem) || this.queryStems.has(second.stem));
      }
      found.add(id);
    }
    return Int32Array.from(found);
  }
}

export interface Candidate {
  unit: SentenceUnit;
  /** For a sentence that points back ("He added..."): the sentence before it, which must be chosen too. */
  antecedent?: Candidate;
  text: string;
  words: number;
  concepts: Int32Array;
  contentStems: Set<string>;
  gain: number;
  /** Its figure facts, once a restatement check has read them. */
  figures?: FigureFact[];
}

/** Each concept's worth: independent outlets using it, plus the lead and query bonuses. */
function conceptWeights(
  units: readonly SentenceUnit[],
  conceptsOf: ReadonlyMap<SentenceUnit, Int32Array>,
  outletsOf: (unit: SentenceUnit) => number[],
  outlets: number,
  table: ConceptTable,
): Float64Array {
  // Most concepts have one outlet: a first-outlet array, and a set only for concepts with several.
  const firstOutlet = new Int32Array(table.size).fill(-1);
  const moreOutlets = new Map<number, Set<number>>();
  const lead = new Uint8Array(table.size);
  for (const unit of units) {
    const unitOutlets = outletsOf(unit);
    const opening = unit.sentenceIndex < LEAD_SENTENCES;
    for (const concept of conceptsOf.get(unit)!) {
      if (opening) lead[concept] = 1;
      for (const outlet of unitOutlets) {
        const first = firstOutlet[concept]!;
        if (first === -1) firstOutlet[concept] = outlet;
        else if (first !== outlet) {
          let set = moreOutlets.get(concept);
          if (set === undefined) moreOutlets.set(concept, (set = new Set([first])));
          set.add(outlet);
        }
      }
    }
  }
  const minOutlets = outlets <= SMALL_STORY_OUTLETS ? 1 : Math.max(2, Math.round(outlets * CONCEPT_MIN_OUTLET_SHARE));
  const weights = new Float64Array(table.size);
  for (let concept = 0; concept < table.size; concept++) {
    const users = firstOutlet[concept] === -1 ? 0 : (moreOutlets.get(concept)?.size ?? 1);
    if (users < minOutlets) continue;
    const weight = users + (lead[concept] === 1 ? LEAD_BONUS : 0);
    weights[concept] = table.touchesQuery[concept] === true ? weight * QUERY_WEIGHT : weight;
  }
  return weights;
}

/**
 * The outlets a unit counts for: its sources joined by any copy relation are one (the copier lifted the
 * sentence), represented by the earliest of them, then mapped to that article's outlet.
 */
function unitOutlets(unit: SentenceUnit, related: (a: string, b: string) => boolean, outletRoot: ReadonlyMap<string, number>): number[] {
  const representatives: string[] = [];
  for (const source of unit.sources) if (!representatives.some((kept) => related(kept, source))) representatives.push(source);
  return [...new Set(representatives.map((id) => outletRoot.get(id) ?? -1))];
}

/**
 * Figures that make a restatement: counts and measures ("120,000 power banks", "400 metres"), and sums, shares and
 * lengths of time about the same thing (sameFigure reads what they are of: two "$50,000 bail" of two people, "a
 * two-year deal" and "$300 billion over two years" are not one fact).
 */
const RESTATING_FIGURES: ReadonlySet<FigureFact['kind']> = new Set(['figure', 'measure', 'money', 'percent', 'duration']);

/** A candidate's restating figure facts (figureFacts), read the first time a restatement check needs them. */
function figuresOf(candidate: Candidate): readonly FigureFact[] {
  return (candidate.figures ??= figureFacts(candidate.text).filter((fact) => RESTATING_FIGURES.has(fact.kind)));
}

/**
 * Whether x restates y: most of the same words, or one figure of one thing told in other words ("about 120,000
 * power banks", "roughly 120,000 of the packs"): a fact the reader has been told already.
 */
function restates(x: Candidate, y: Candidate): boolean {
  const a = x.unit.representative.profile.contentStems;
  const b = y.contentStems;
  if (a.length + b.size === 0) return false;
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  if ((2 * shared) / (a.length + b.size) >= RESTATEMENT_MIN_SIMILARITY) return true;
  const theirs = figuresOf(y);
  return theirs.length > 0 && figuresOf(x).some((mine) => theirs.some((other) => sameFigure(mine, other)));
}

export function greedySelect(candidates: Candidate[], weights: Float64Array, wordBudget: number, start: readonly Candidate[] = []): Candidate[] {
  const covered = new Uint8Array(weights.length);
  const chosen: Candidate[] = [...start];
  let words = chosen.reduce((sum, candidate) => sum + candidate.words, 0);
  for (const candidate of chosen) for (const concept of candidate.concepts) covered[concept] = 1;
  const remaining = new Set(candidates.filter((candidate) => !chosen.includes(candidate)));
  for (;;) {
    let best: Candidate | undefined;
    let bestValue = 0;
    for (const candidate of remaining) {
      if (words + candidate.words > wordBudget) {
        remaining.delete(candidate);
        continue;
      }
      if (candidate.antecedent !== undefined && !chosen.includes(candidate.antecedent)) continue;
      let gain = 0;
      for (const concept of candidate.concepts) if (covered[concept] === 0) gain += weights[concept]!;
      const value = (gain * (1 + POSITION_BOOST * (1 - candidate.unit.relativePosition))) / candidate.words ** LENGTH_EXPONENT;
      if (value > bestValue) {
        // Checked only for a would-be best: most candidates never get here.
        if (chosen.some((picked) => restates(candidate, picked))) {
          remaining.delete(candidate);
          continue;
        }
        best = candidate;
        bestValue = value;
        candidate.gain = gain;
      }
    }
    if (best === undefined) break;
    remaining.delete(best);
    chosen.push(best);
    words += best.words;
    for (const concept of best.concepts) covered[concept] = 1;
  }
  return chosen;
}

/** Candidates the swap search considers: the best by the greedy rule's first-round value. */
const SWAP_POOL_SIZE = 100;
/** Improvement passes of the swap search; each pass applies the single best move, and it stops when none helps. */
const MAX_SWAP_PASSES = 30;

function initialValue(candidate: Candidate, weights: Float64Array): number {
  let gain = 0;
  for (const concept of candidate.concepts) gain += weights[concept]!;
  return (gain * (1 + POSITION_BOOST * (1 - candidate.unit.relativePosition))) / candidate.words ** LENGTH_EXPONENT;
}

/**
 * Local search towards the coverage optimum that Gillick and Favre's ILP finds exactly: starting from the
 * greedy choice, repeatedly apply the best single move (swap a chosen sentence for another, or add one) that
 * raises the total worth of covered concepts within the budget. Deterministic, and a few milliseconds where
 * an ILP solver took seconds on 25-article clusters.
 */
function improveCoverage(start: Candidate[], candidates: Candidate[], weights: Float64Array, wordBudget: number, pinned: readonly Candidate[] = []): Candidate[] {
  const chosen = [...start];
  const pool = [...candidates]
    .map((candidate) => ({ candidate, value: initialValue(candidate, weights) }))
    .sort((x, y) => y.value - x.value)
    .slice(0, SWAP_POOL_SIZE)
    .map(({ candidate }) => candidate);
  const counts = new Int32Array(weights.length);
  for (const candidate of chosen) for (const concept of candidate.concepts) counts[concept]!++;
  let words = chosen.reduce((sum, candidate) => sum + candidate.words, 0);
  const uncoveredWorth = (candidate: Candidate) => {
    let worth = 0;
    for (const concept of candidate.concepts) if (counts[concept] === 0) worth += weights[concept]!;
    return worth;
  };
  const antecedentKept = (candidate: Candidate, leaving: Candidate | undefined) =>
    candidate.antecedent === undefined || (candidate.antecedent !== leaving && chosen.includes(candidate.antecedent));
  const restatesChosen = (candidate: Candidate, except: Candidate | undefined) => chosen.some((picked) => picked !== except && restates(candidate, picked));
  for (let pass = 0; pass < MAX_SWAP_PASSES; pass++) {
    let bestDelta = 1e-9;
    let move: { out: number; into: Candidate } | undefined;
    for (const into of pool) {
      if (chosen.includes(into) || words + into.words > wordBudget || !antecedentKept(into, undefined)) continue;
      const delta = uncoveredWorth(into);
      if (delta > bestDelta && !restatesChosen(into, undefined)) {
        bestDelta = delta;
        move = { out: -1, into };
      }
    }
    for (let out = 0; out < chosen.length; out++) {
      const leaving = chosen[out]!;
      // A chosen sentence's antecedent stays, and so does the main report's lead.
      if (pinned.includes(leaving) || chosen.some((picked) => picked.antecedent === leaving)) continue;
      for (const concept of leaving.concepts) counts[concept]!--;
      const loss = uncoveredWorth(leaving);
      for (const into of pool) {
        if (chosen.includes(into) || words - leaving.words + into.words > wordBudget || !antecedentKept(into, leaving)) continue;
        const delta = uncoveredWorth(into) - loss;
        if (delta > bestDelta && !restatesChosen(into, leaving)) {
          bestDelta = delta;
          move = { out, into };
        }
      }
      for (const concept of leaving.concepts) counts[concept]!++;
    }
    if (move === undefined) break;
    if (move.out >= 0) {
      const leaving = chosen[move.out]!;
      for (const concept of leaving.concepts) counts[concept]!--;
      words -= leaving.words;
      chosen.splice(move.out, 1);
    }
    chosen.push(move.into);
    words += move.into.words;
    for (const concept of move.into.concepts) counts[concept]!++;
  }
  // The score shown with each sentence: the worth of the concepts only it covers in the final choice.
  for (const candidate of chosen) {
    let own = 0;
    for (const concept of candidate.concepts) if (counts[concept] === 1) own += weights[concept]!;
    candidate.gain = own;
  }
  return chosen;
}

/** Greedy concept coverage, then the swap search; `pinned` sentences are chosen first and stay. */
export function select(candidates: Candidate[], weights: Float64Array, wordBudget: number, pinned: readonly Candidate[] = []): Candidate[] {
  return improveCoverage(greedySelect(candidates, weights, wordBudget, pinned), candidates, weights, wordBudget, pinned);
}

/** Sentences shorter than this are datelines, bylines or fragments, not something a source adds. */
const MIN_ADDITION_WORDS = 5;

/** For each article (story order), the sentences no other article of the story carries, in its own order. */
function sourceAdditions(articles: readonly Article[], units: readonly SentenceUnit[]): SourceAddition[] {
  const own = new Map<string, SentenceUnit[]>();
  for (const unit of units) {
    if (unit.sources.length !== 1 || unit.representative.profile.words < MIN_ADDITION_WORDS) continue;
    const list = own.get(unit.sources[0]!) ?? [];
    list.push(unit);
    own.set(unit.sources[0]!, list);
  }
  return articles.map((article) => ({
    articleId: article.id,
    sentences: (own.get(article.id) ?? []).sort((x, y) => x.sentenceIndex - y.sentenceIndex).map(unitText),
  }));
}

/** Content stems of a query, the words a reader asked about. */
function queryStemsOf(query: string | undefined): Set<string> {
  if (query === undefined) return new Set();
  return new Set(tokenize(query).filter((token) => !token.stop).map((token) => token.stem));
}

/** What selection works on: the units, the eligible candidates and the worth of each concept. */
export interface SelectionProblem {
  units: SentenceUnit[];
  candidates: Candidate[];
  weights: Float64Array;
  /** The lead of the main report: the digest's first sentence, saying what happened. */
  lead: Candidate | undefined;
}

/** Articles that lift passages from two or more other articles: pages stitched together, content farms. */
function stitchedArticles(relations: readonly Relation[]): Set<string> {
  const sourcesOf = new Map<string, Set<string>>();
  for (const relation of relations) {
    if (relation.kind !== 'reuse' && relation.kind !== 'rewrite') continue;
    const set = sourcesOf.get(relation.b) ?? new Set<string>();
    set.add(relation.a);
    sourcesOf.set(relation.b, set);
  }
  return new Set([...sourcesOf].filter(([, sources]) => sources.size >= 2).map(([id]) => id));
}

/**
 * The lead sentence of the main report: of each article's first sentences, the one whose concepts the most
 * outlets share per word, times 1 + log2 of the articles carrying it (a question, explainer or stitched page
 * counts for less), taken from the earliest
 * article that comes within MAIN_REPORT_MIN_SHARE of the best.
 */
function mainReportLead(input: DigestInput, candidates: readonly Candidate[], weights: Float64Array): Candidate | undefined {
  const stitched = stitchedArticles(input.relations);
  const leads: Array<{ candidate: Candidate; worth: number }> = [];
  // Each article's candidates among its first sentences, in candidates' order: walking every candidate for every
  // article grew with articles times sentences.
  const leadCandidates = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    for (const [articleId, index] of candidate.unit.indexIn) {
      if (index >= LEAD_POSITIONS) continue;
      const list = leadCandidates.get(articleId);
      if (list === undefined) leadCandidates.set(articleId, [candidate]);
      else list.push(candidate);
    }
  }
  for (const article of input.articles) {
    let lead: Candidate | undefined;
    let leadIndex = Number.POSITIVE_INFINITY;
    for (const candidate of leadCandidates.get(article.id) ?? []) {
      const index = candidate.unit.indexIn.get(article.id);
      if (index === undefined || index >= LEAD_POSITIONS || index >= leadIndex || candidate.antecedent !== undefined) continue;
      // A lead that points back to the title or a photo ("The pair were reconvicted...") cannot open the digest.
      if (pointsBack(candidate.text) !== undefined) continue;
      lead = candidate;
      leadIndex = index;
    }
    if (lead === undefined) continue;
    // A lead republished word for word (a wire story and its copies) is a report many relied on.
    let worth = initialValue(lead, weights) * (1 + Math.log2(lead.unit.sources.length));
    if (!isReportTitle(article.title)) worth *= NOT_A_REPORT_FACTOR;
    if (stitched.has(article.id)) worth *= STITCHED_FACTOR;
    leads.push({ candidate: lead, worth });
  }
  const best = Math.max(0, ...leads.map((lead) => lead.worth));
  if (best === 0) return undefined;
  // "Earliest" needs publication times: without them the best-supported lead is the main report's.
  const share = leads.every((lead) => lead.candidate.unit.representative.article.published !== undefined) ? MAIN_REPORT_MIN_SHARE : 1;
  return leads.find((lead) => lead.worth >= share * best)?.candidate;
}

/** Chooses candidates within the word budget, `pinned` among them. The default is the greedy concept-coverage rule. */
export type Selector = (candidates: Candidate[], weights: Float64Array, wordBudget: number, pinned?: readonly Candidate[]) => Candidate[];

/**
 * A rewrite that carries at least this share of both articles is the other article spun as a whole (one outlet);
 * a spun passage in a longer article, like a lifted one, leaves the page its own outlet. The same line as VERSION_MIN_COVERAGE in src/match/relate.ts.
 */
const WHOLE_REWRITE_MIN_COVERAGE = 0.5;

/** Whether a relation makes its two articles one outlet: copies, versions and whole-article rewrites. */
export function isOneOutlet(relation: Relation): boolean {
  if (relation.kind === 'duplicate' || relation.kind === 'version') return true;
  return relation.kind === 'rewrite' && Math.min(relation.coverage.a, relation.coverage.b) >= WHOLE_REWRITE_MIN_COVERAGE;
}

export function selectionProblem(input: DigestInput): SelectionProblem {
  const units = buildUnits(input.articles);
  const linked = new Set(input.relations.flatMap((relation) => [`${relation.a} ${relation.b}`, `${relation.b} ${relation.a}`]));
  const related = (a: string, b: string) => linked.has(`${a} ${b}`);
  // Outlets: a wire story and its duplicates and versions are one outlet; a page that lifts a few sentences
  // is still its own outlet, but the sentences it lifted count once (below, per unit).
  const sameStory = new Set(
    input.relations.filter(isOneOutlet).flatMap((relation) => [`${relation.a} ${relation.b}`, `${relation.b} ${relation.a}`]),
  );
  const articleIds = input.articles.map((article) => article.id);
  const outletRoot = new Map<string, number>();
  articleIds.forEach((id, index) => {
    const earlier = articleIds.findIndex((other, otherIndex) => otherIndex < index && sameStory.has(`${id} ${other}`));
    outletRoot.set(id, earlier === -1 ? index : outletRoot.get(articleIds[earlier]!)!);
  });
  const outlets = new Set(outletRoot.values()).size;
  const table = new ConceptTable(queryStemsOf(input.query));
  const conceptsOf = new Map(units.map((unit) => [unit, table.conceptsOf(unit.representative.tokens)]));
  const weights = conceptWeights(units, conceptsOf, (unit) => unitOutlets(unit, related, outletRoot), outlets, table);
  // Candidates in story order; a pointing sentence keeps its predecessor in the same article as antecedent,
  // and is dropped when that predecessor is shown from another article or cannot be chosen itself.
  const byPlace = new Map<string, Candidate>();
  const candidates: Candidate[] = [];
  // A story that is one piece and its copies (an op-ed, a column) is told from that piece: its writer's opening in the
  // first person may open the account, as nobody else's account is left out; no other first-person sentence is told.
  const writersOpenings: Candidate[] = [];
  for (const unit of units) {
    const text = unitText(unit);
    const words = countWords(text);
    const verdict = eligibility(text, words, readsAsEnglish(unit.representative.article.language));
    if (verdict === 'ineligible') continue;
    const candidate: Candidate = { unit, text, words, concepts: conceptsOf.get(unit)!, contentStems: new Set(unit.representative.profile.contentStems), gain: 0 };
    if (verdict === 'first-person') {
      if (outlets === 1 && unit.sentenceIndex < LEAD_POSITIONS && pointsBack(text) === undefined) writersOpenings.push(candidate);
      continue;
    }
    if (verdict === 'needs-antecedent') {
      const antecedent = byPlace.get(`${unit.representative.article.id}#${unit.sentenceIndex - 1}`);
      if (antecedent === undefined) continue;
      candidate.antecedent = antecedent;
    }
    byPlace.set(`${unit.representative.article.id}#${unit.sentenceIndex}`, candidate);
    candidates.push(candidate);
  }
  return { units, candidates, weights, lead: mainReportLead(input, [...candidates, ...writersOpenings], weights) };
}

/** Reading order: the lead first, then by the earliest article carrying each sentence and its place there. */
function readingOrder(chosen: readonly Candidate[], lead: Candidate | undefined, rank: ReadonlyMap<string, number>): Candidate[] {
  const leadArticle = lead?.unit.representative.article.id;
  // The lead's own article comes first, so a sentence pointing back to the lead still follows it.
  const articleRank = (candidate: Candidate) => {
    const id = candidate.unit.representative.article.id;
    return id === leadArticle ? -1 : (rank.get(id) ?? 0);
  };
  return [...chosen].sort((x, y) => (x === lead ? -1 : y === lead ? 1 : articleRank(x) - articleRank(y) || x.unit.sentenceIndex - y.unit.sentenceIndex));
}

/**
 * Drops chosen sentences that point back to something the digest does not say right before them ("The trust
 * said..." with no trust introduced), with any sentence leaning on them, and fills the budget again.
 */
function repairReferences(chosen: Candidate[], candidates: Candidate[], weights: Float64Array, wordBudget: number, lead: Candidate | undefined, rank: ReadonlyMap<string, number>): Candidate[] {
  const banned = new Set<Candidate>();
  const byPlace = new Map(candidates.map((candidate) => [`${candidate.unit.representative.article.id}#${candidate.unit.sentenceIndex}`, candidate]));
  let current = chosen;
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const ordered = readingOrder(current, lead, rank);
    const placed = ordered.map((candidate) => ({ text: candidate.text, articleId: candidate.unit.representative.article.id, sentenceIndex: candidate.unit.sentenceIndex }));
    const unresolved = unresolvedReferences(placed).filter(({ index }) => ordered[index] !== lead);
    if (unresolved.length === 0) return ordered;
    // A pointing sentence may stay if the sentence before it in its article comes too; else it goes.
    for (const { index } of unresolved) {
      const flagged = ordered[index]!;
      const before = byPlace.get(`${flagged.unit.representative.article.id}#${flagged.unit.sentenceIndex - 1}`);
      if (flagged.antecedent === undefined && before !== undefined && !banned.has(before)) flagged.antecedent = before;
      else banned.add(flagged);
    }
    const dependsOnBanned = (candidate: Candidate): boolean => banned.has(candidate) || (candidate.antecedent !== undefined && dependsOnBanned(candidate.antecedent));
    // Selection again without them (greedy and swap search), so the coverage lost is won back where it can be.
    current = select(candidates.filter((candidate) => !dependsOnBanned(candidate)), weights, wordBudget, lead === undefined ? [] : [lead]);
  }
  const ordered = readingOrder(current, lead, rank);
  const placed = ordered.map((candidate) => ({ text: candidate.text, articleId: candidate.unit.representative.article.id, sentenceIndex: candidate.unit.sentenceIndex }));
  const unresolved = new Set(unresolvedReferences(placed).map(({ index }) => ordered[index]));
  return ordered.filter((candidate) => !unresolved.has(candidate) || candidate === lead);
}

/** Sentences of a digest, in order, that use a definite reference no sentence before them introduces. */
function unintroducedSentences(ordered: readonly Candidate[]): Candidate[] {
  const found: Candidate[] = [];
  let earlier = '';
  for (const candidate of ordered) {
    if (unintroducedDefinites(candidate.text, earlier).length > 0) found.push(candidate);
    earlier += ` ${candidate.text}`;
  }
  return found;
}

function unintroducedCount(ordered: readonly Candidate[]): number {
  return unintroducedSentences(ordered).length;
}

function placedOf(ordered: readonly Candidate[]): PlacedSentence[] {
  return ordered.map((candidate) => ({ text: candidate.text, articleId: candidate.unit.representative.article.id, sentenceIndex: candidate.unit.sentenceIndex }));
}

/**
 * Moves a sentence that says "the talks" before any sentence has told of talks to just after the first digest
 * sentence that does, when that leaves no sentence pointing back to nothing and fewer unintroduced references.
 * Only the order changes (ROUGE, which reads no order, does not). A sentence leaning on the one before it, or leant
 * on, and the lead stay where they are.
 */
function introduceBeforeUse(ordered: Candidate[], lead: Candidate | undefined): Candidate[] {
  let current = ordered;
  let count = unintroducedCount(current);
  for (let moves = 0; moves < current.length && count > 0; moves++) {
    let improved = false;
    for (let index = 0; index < current.length && !improved; index++) {
      const sentence = current[index]!;
      const earlier = current.slice(0, index).map((candidate) => candidate.text).join(' ');
      const heads = unintroducedDefinites(sentence.text, earlier);
      if (heads.length === 0 || sentence === lead || sentence.antecedent !== undefined || current.some((other) => other.antecedent === sentence)) continue;
      const introducer = current.findIndex((other, at) => at > index && heads.some((head) => unintroducedDefinites(`the ${head}`, other.text).length === 0));
      if (introducer === -1) continue;
      // After the introducer and any sentence leaning on it.
      let after = introducer;
      while (current[after + 1]?.antecedent === current[after]) after++;
      const moved = [...current.slice(0, index), ...current.slice(index + 1, after + 1), sentence, ...current.slice(after + 1)];
      const movedCount = unintroducedCount(moved);
      if (movedCount < count && unresolvedReferences(placedOf(moved)).filter(({ index: at }) => moved[at] !== lead).length === 0) {
        current = moved;
        count = movedCount;
        improved = true;
      }
    }
    if (!improved) break;
  }
  return current;
}

/** Rounds of choosing again without unintroduced sentences: a new choice may bring in new ones. Multi-News dev
 * (session 31): one round left 14 sentences, two 7, three 6, ROUGE-2 14.74 / 14.73 / 14.73. */
const UNINTRODUCED_ROUNDS = 3;

/**
 * Chooses again without the sentences that still use an unintroduced definite reference once reordered ("the
 * survey showed..." with no survey told), so the budget goes to sentences that stand on what the digest says; the
 * sentences dropped stay out in later rounds (BENCHMARKS.md, sessions 30 and 31).
 */
function withoutUnintroduced(chosen: Candidate[], candidates: readonly Candidate[], weights: Float64Array, budget: number, pinned: readonly Candidate[], rank: ReadonlyMap<string, number>, selector: Selector): Candidate[] {
  const lead = pinned[0];
  const dropped = new Set<Candidate>();
  for (let round = 0; round < UNINTRODUCED_ROUNDS; round++) {
    const flagged = unintroducedSentences(chosen).filter((candidate) => candidate !== lead);
    if (flagged.length === 0) break;
    for (const candidate of flagged) dropped.add(candidate);
    const kept = candidates.filter((candidate) => !dropped.has(candidate) && (candidate.antecedent === undefined || !dropped.has(candidate.antecedent)));
    chosen = introduceBeforeUse(repairReferences(selector(kept, weights, budget, pinned), kept, weights, budget, lead, rank), lead);
  }
  return chosen;
}

/** The language most of these are in; a tie goes to the one that comes first (the lead's). */
function digestLanguage(languages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  let best = 'und';
  let most = 0;
  for (const [language, count] of counts) if (count > most) [best, most] = [language, count];
  return best;
}

export function buildDigest(input: DigestInput, selector: Selector = select): Digest {
  const { units, candidates, weights, lead } = selectionProblem(input);
  const budget = input.words ?? DEFAULT_DIGEST_WORDS;
  // A reader's question may need the room: with a query the lead is pinned only while it leaves half the budget.
  const leadRoom = input.query === undefined ? budget : budget * QUERY_LEAD_MAX_SHARE;
  const pinned = lead !== undefined && lead.words <= leadRoom ? [lead] : [];
  const rank = new Map(input.articles.map((article, index) => [article.id, index]));
  let chosen = introduceBeforeUse(repairReferences(selector(candidates, weights, budget, pinned), candidates, weights, budget, pinned[0], rank), pinned[0]);
  chosen = withoutUnintroduced(chosen, candidates, weights, budget, pinned, rank, selector);
  const sentences: DigestSentence[] = chosen.map((candidate) => ({
    text: candidate.text,
    sources: candidate.unit.sources,
    citations: candidate.unit.sources.map((articleId, index) => ({ articleId, span: candidate.unit.spans[index]! })),
    from: { articleId: candidate.unit.representative.article.id, span: candidate.unit.representative.profile.span },
    score: Math.round(candidate.gain * 1000) / 1000,
    language: candidate.unit.representative.article.language,
  }));
  return {
    storyId: input.storyId,
    sentences,
    words: chosen.reduce((sum, candidate) => sum + candidate.words, 0),
    language: digestLanguage(sentences.length > 0 ? sentences.map((sentence) => sentence.language!) : input.articles.map((article) => article.language)),
    facts: extractFacts(input.articles, factSentences(units), sameText(input.relations)),
    additions: sourceAdditions(input.articles, units),
  };
}
