// What a reader needs from a digest beyond coverage: sentences that do not point back at something the digest
// never said, and an account that opens with what happened, taken from a main report's lead.

/** Openers that point at something earlier ("He added...", "It also...", "But..."): unreadable without it. */
export const DANGLING_OPENER = /^(?:["“]?\s*)(?:he|she|it|they|him|them|this|these|those|his|her|its|their|but|and|also|however|instead|meanwhile|still|yet|such|that|there|both|then|here|the same|the latter|the former|another|other|further|furthermore|moreover|likewise|similarly|nonetheless|nevertheless|otherwise|so|plus)\b/i;
/** "also" or "too" among the first words ("The council also said..."): the sentence adds to one not shown. */
const EARLY_ALSO = /^(?:\S+\s+){0,3}(?:also|too|again|as well)\b/i;
/** A pronoun as the attribution after or before a quote ("..., he said.", "She added:", "..., he told reporters yesterday.";
 * newswire's ``...,'' he said closes on apostrophes). */
// "..., he said." and "said she." only: in "said he knew" the pronoun is reported speech, not the speaker.
const PRONOUN_ATTRIBUTION = /(?:[,”"'’]\s*(?:he|she|they|it)\s+(?:\w+ly\s+)?(?:said|says|added|told(?:\s+[\w.'’-]+){0,4}?|explained|noted|warned|cautioned|insisted|continued|wrote|tweeted|argued|asked)\s*(?:[.,;!?]|$|(?:on |in |at )?(?:\w+day|\w+ly|later|then|earlier|again)\b\W*$))|(?:\b(?:said|says|added)\s+(?:he|she|they)\s*[.,;!?]?\s*$)/i;
/**
 * A definite subject that names something the reader must already know ("The trust said...", "The two men
 * were under surveillance"): the head noun must appear in an earlier sentence of the digest.
 */
const DEFINITE_SUBJECT = /^["“]?The\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|first|second|third|last|new|former|latest|same|young|elderly|other)\s+)?([a-z][a-z-]+)\b/;
/** What after a definite subject's head makes it say which one it is: "of", a relative clause, a participle, a name.
 * "succeeded by growing" is the verb and how, not a participle: "by" before a gerund is the means. */
const SELF_CONTAINED_AFTER_HEAD = /^(?:\s+(?:of|by|who|whom|whose|that|which|at|in|from|for|with|behind|accused|charged|known|named|called|\w+(?:ed|en)\s+by(?!\s+\w+ing\b)|\w+ing)\b|,?\s+[A-Z][\p{L}'’-]+)/u;
/** Heads of definite subjects that stand for an earlier mention of a person, group or thing, not for itself. */
const ANAPHORIC_HEADS = new Set([
  'man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'couple', 'pair', 'trio', 'group', 'company', 'firm',
  'trust', 'agency', 'charity', 'organisation', 'organization', 'move', 'decision', 'plan', 'proposal', 'deal', 'bill',
  'measure', 'incident', 'case', 'victim', 'victims', 'suspect', 'suspects', 'child', 'children', 'family', 'attacker',
  'attackers', 'gunman', 'driver', 'pilot', 'teenager', 'student', 'students', 'officer', 'officers', 'ship', 'vessel',
  'tanker', 'plane', 'aircraft', 'car', 'vehicle', 'brothers', 'sisters', 'mother', 'father', 'son', 'daughter', 'wife',
  'husband', 'singer', 'actor', 'actress', 'star', 'player', 'team', 'club', 'report', 'study', 'survey', 'letter',
  'statement', 'video', 'book', 'film', 'show', 'claim', 'claims', 'allegations', 'comments', 'remarks', 'order', 'rule',
  'law', 'ruling', 'verdict', 'sentence', 'lawsuit', 'suit', 'complaint', 'investigation', 'probe', 'inquiry',
  'change', 'changes', 'cuts', 'increase', 'announcement', 'agreement', 'talks', 'meeting', 'visit', 'trip', 'event',
  'accident', 'crash', 'fire', 'blast', 'explosion', 'attack', 'attacks', 'shooting', 'killing', 'deaths', 'death',
  'bodies', 'body', 'remains', 'animal', 'dog', 'bear', 'species', 'patient', 'patients', 'doctor', 'doctors', 'lawyer',
  'lawyers', 'employee', 'employees', 'worker', 'workers', 'official', 'officials', 'spokesman', 'spokeswoman',
  'senator', 'lawmaker', 'lawmakers', 'candidate', 'nominee', 'governor', 'mayor', 'president', 'minister', 'source',
  'sources', 'victim', 'accused', 'defendant', 'defendants', 'prisoner', 'prisoners', 'soldier', 'soldiers',
]);
/** A quoted run of this many words or more is a quotation the reader must see attributed. */
const QUOTED_RUN = /[“"]([^“”"]+)[”"]/g;
const MIN_QUOTE_WORDS = 4;
const ATTRIBUTION_CUE = /\b(?:said|says|say|told|tells|added|adds|stated|wrote|writes|tweeted|posted|asked|explained|warned|cautioned|insisted|noted|argued|claimed|declared|announced|according to|called|described|urged|promised|vowed|recalled|continued|replied|responded)\b/i;

/** A sentence opening on a lower-case word ("eBay" and "iPhone" are names), maybe after a closing quote mark. */
const FRAGMENT_START = /^(?:['’”"`]+\s*)?[a-z][a-z'’-]*(?=[\s,.;:!?]|$)/;

/** Whether a sentence is the tail of one the splitter cut ("' responded Tom Sherak, ..."): it cannot stand alone. */
export function opensMidSentence(text: string): boolean {
  return FRAGMENT_START.test(text.trim());
}

/** The text outside quotation marks. */
function outsideQuotes(text: string): string {
  return text.replace(QUOTED_RUN, '"" ');
}

/** A first-person word: "I" before a verb or a contraction (not "World War I"), "me", "my", "we", "our", "us" ("US" is a country). */
const FIRST_PERSON = /(?<![\p{L}\d.'’-]\s*|\p{Lu}[\p{L}.]*\s+)I(?=\s+[a-z]|['’](?:m|ve|d|ll)\b)|(?<![\p{L}'’-])(?:me|my|mine|myself|My)(?![\p{L}'’-])/u;

/**
 * Whether a sentence speaks in the first person outside quotation marks ("Our findings suggest ...", "... against both
 * Raffaele and me", "I need portable, marketable skills"): the writer's or an unquoted speaker's own words, which a
 * digest would tell as its own, with no one named as saying them.
 */
export function speaksInFirstPerson(text: string): boolean {
  // "LEE: I have no idea", "... I'll be there. - Jennifer Rivers": a transcript label or a signature names the speaker.
  if (SPEAKER_NAMED.test(text)) return false;
  return FIRST_PERSON.test(outsideQuotes(text).replace(/``[^`']*''/g, '"" ').replace(/(?<![\p{L}])['‘][^'‘’]+['’](?![\p{L}])/gu, '"" '));
}
/** A transcript label opening a sentence ("LEE:", "Mr. Trump:") or a signature closing it ("- Jennifer Rivers, mother of ..."). */
const SPEAKER_NAMED = /^\s*(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)?:\s|\s[-–—]\s+[A-Z][\p{L}'’.-]+\s+[A-Z][\p{L}'’.-]+(?:,[^.!?]*)?$/u;

/**
 * Why a sentence cannot stand where nothing before it says what it points to, or undefined when it can.
 * `earlier` is the digest text before it (the head of a definite subject must appear there).
 */
export function pointsBack(text: string, earlier = ''): string | undefined {
  const trimmed = text.trim();
  if (DANGLING_OPENER.test(trimmed)) return 'opens with a pointer';
  if (EARLY_ALSO.test(trimmed)) return '"also" early';
  const plain = outsideQuotes(trimmed);
  if (PRONOUN_ATTRIBUTION.test(plain)) return 'pronoun speaker';
  const quotes = [...trimmed.matchAll(QUOTED_RUN)].filter((match) => match[1]!.trim().split(/\s+/).length >= MIN_QUOTE_WORDS);
  if (quotes.length > 0 && !ATTRIBUTION_CUE.test(plain)) return 'quote without a speaker';
  const definite = DEFINITE_SUBJECT.exec(trimmed);
  // "The mother of the boy", "The woman who ...", "The car driven by ...": the modifier says which one.
  const modified = definite !== null && SELF_CONTAINED_AFTER_HEAD.test(trimmed.slice(definite.index + definite[0].length));
  if (definite !== null && !modified && ANAPHORIC_HEADS.has(definite[1]!.toLowerCase())) {
    const head = definite[1]!.toLowerCase().replace(/(?:es|s)$/, '');
    if (!new RegExp(`\\b${head}`, 'i').test(earlier)) return `"the ${definite[1]}" unintroduced`;
  }
  return undefined;
}

/** "the" and the words after it, up to three, read for a definite phrase's head. */
const THE_AND_WORDS = /\bthe(?=((?:\s+[\p{L}\d][\p{L}\d'’-]*){1,3}))/giu;
/** After the head: what says which one it is ("the meeting of ministers", "the man who", "the plan announced by",
 * "the inquiry into", "the decision by", a title: "the film \"Evil Dead\""). */
const IDENTIFIED_AFTER_HEAD = /^(?:\s+(?:of|into|by|who|whom|whose|that|which|known|named|called|accused|charged|\w+(?:ed|en)\s+by(?!\s+\w+ing\b))\b|,?\s+[A-Z][\p{L}'’-]+|\s+["“])/u;
/** A word before the head that ends the phrase it heads: "the cause of death" is headed by "cause". */
const PHRASE_BREAK = /^(?:of|in|on|at|for|to|by|from|with|into|and|or|as|than)$/i;
/** A modifier that says which one: a name ("the Russia investigation"), a year ("the 2012 shooting"), a possessor
 * ("the user's address book": "the" is the user's), an ordinal or a superlative of order ("the first study"). */
const IDENTIFYING_MODIFIER = /^(?:\p{Lu}[\p{L}'’.-]*|(?:1[89]|20)\d\d|[\p{L}-]+['’]s?|first|final|only|latest)$/u;
/** A word after the head that ends the noun phrase: "the talks ended", "the plan will", "the deal, ...". */
const PHRASE_ENDS_BEFORE = /^(?:\s*$|\s*[^\s\p{L}\d]|\s+(?:[a-z]+(?:ed|s)|said|told|found|took|made|came|went|began|left|held|gave|saw|got|fell|rose|won|lost|hit|cut|kept|met|paid|sent|spent|struck|brought|became|did|will|would|could|can|may|might|must|had|has|have|is|was|were|are|be|in|on|at|to|for|from|with|by|as|and|or|but|after|before|over|since|until|into|near|this|last|next|earlier|later)\b)/u;
/**
 * Heads a name introduces: "Corvid Devices is recalling ..." then "The company said ..." reads well, though no
 * earlier sentence says "company". People, organisations and vessels; events and things ("the talks") need their noun.
 */
const INTRODUCED_BY_A_NAME: ReadonlySet<string> = new Set([
  'man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'couple', 'pair', 'trio', 'group', 'company', 'firm',
  'trust', 'agency', 'charity', 'organisation', 'organization', 'victim', 'victims', 'suspect', 'suspects', 'child',
  'children', 'family', 'attacker', 'attackers', 'gunman', 'driver', 'pilot', 'teenager', 'student', 'students',
  'officer', 'officers', 'ship', 'vessel', 'tanker', 'plane', 'aircraft', 'brothers', 'sisters', 'mother', 'father',
  'son', 'daughter', 'wife', 'husband', 'singer', 'actor', 'actress', 'star', 'player', 'team', 'club', 'patient',
  'doctor', 'lawyer', 'employee', 'worker', 'official', 'spokesman', 'spokeswoman', 'senator', 'lawmaker', 'candidate',
  'nominee', 'governor', 'mayor', 'minister', 'accused', 'defendant', 'prisoner', 'soldier',
]);
/** A capitalised word after a lower-case word or a comma: a name in running text, not a sentence's first word. */
const NAME_IN_TEXT = /[\p{Ll},;]\s+\p{Lu}\p{Ll}/u;
/** Heads that name one well-known thing wherever a story is told: "the president", "the police" say which one. */
const WELL_KNOWN_HEADS: ReadonlySet<string> = new Set(['president', 'pope', 'queen', 'king', 'government', 'police', 'public']);

/**
 * Unintroduced definite references of a sentence (the rule the digest is measured and repaired by): a definite noun
 * phrase ("the talks", "the meeting in Brussels", "the two men") whose head, its last noun, is one of ANAPHORIC_HEADS
 * (nouns that stand for something told before); not identified by an "of", a relative clause, a participle or a name
 * after it; not a well-known reference (WELL_KNOWN_HEADS); outside quotation marks; and whose head no earlier digest
 * sentence (`earlier`) names. Each is given as its head noun.
 */
export function unintroducedDefinites(text: string, earlier: string): string[] {
  const plain = outsideQuotes(text);
  const heads: string[] = [];
  for (const match of plain.matchAll(THE_AND_WORDS)) {
    const words = match[1]!.trim().split(/\s+/);
    // The head: the first listed noun among the words; "the two men" reads "two" as a modifier. A preposition ends
    // the phrase first: "the cause of death" is about a cause.
    const at = words.findIndex((word) => ANAPHORIC_HEADS.has(word));
    if (at === -1 || words.slice(0, at).some((word) => PHRASE_BREAK.test(word))) continue;
    const head = words[at]!;
    if (WELL_KNOWN_HEADS.has(head)) continue;
    // "the Russia investigation", "the 2012 school shooting", "the user's address book", "the first study": a name,
    // a year, a possessor or an ordinal before the head says which one.
    if (words.slice(0, at).some((word) => IDENTIFYING_MODIFIER.test(word))) continue;
    const phraseEnd = match.index + 'the'.length + match[1]!.split(/(?<=\S)(?=\s)/u).slice(0, at + 1).join('').length;
    const after = plain.slice(phraseEnd);
    // "the death penalty": another noun follows, and the phrase is about that one.
    if (!PHRASE_ENDS_BEFORE.test(after) || IDENTIFIED_AFTER_HEAD.test(after)) continue;
    // What the sentence tells before the phrase introduces as well as an earlier sentence does: "After a year of
    // controversy over Facebook Inc.'s role ..., the company".
    const before = `${earlier} ${plain.slice(0, match.index)}`;
    const stem = head.replace(/(?:es|s)$/, '');
    if (new RegExp(`\\b${stem}`, 'i').test(before) || heads.includes(head)) continue;
    if (INTRODUCED_BY_A_NAME.has(head) && (NAME_IN_TEXT.test(before) || /^\s*\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(before))) continue;
    heads.push(head);
  }
  return heads;
}

export interface PlacedSentence {
  text: string;
  /** The article the shown wording comes from, and its sentence index there. */
  articleId: string;
  sentenceIndex: number;
}

/**
 * Sentences of a digest (in reading order) that point back to something not right before them: a pointing
 * sentence is fine only right after the sentence that precedes it in its own article.
 */
export function unresolvedReferences(sentences: readonly PlacedSentence[]): Array<{ index: number; reason: string }> {
  const found: Array<{ index: number; reason: string }> = [];
  sentences.forEach((sentence, index) => {
    const earlier = sentences.slice(0, index).map((item) => item.text).join(' ');
    const reason = pointsBack(sentence.text, earlier);
    if (reason === undefined) return;
    const previous = sentences[index - 1];
    if (previous !== undefined && previous.articleId === sentence.articleId && previous.sentenceIndex === sentence.sentenceIndex - 1) return;
    found.push({ index, reason });
  });
  return found;
}

export { isReportTitle } from '../stories/headline.ts';
