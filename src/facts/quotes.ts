// Quotations and who said them. A quote's speaker is the subject of the attribution cue next to it: after
// the quote ("...," said Dr. Sunniva Eklund / "...," she cautioned / "...," Noem tweeted), before it in the
// same sentence (Trump told reporters: "..." / the seven countries said in a joint statement that "..." /
// according to the ministry, "..."), a transcript label (PENCE: "..."), else the speaker of the paragraph or
// of the quote just before it (a continuation). Titles and roles are resolved to the person they introduce
// ("the defense secretary" -> the earlier "Defense Secretary Jim Mattis"), pronouns to the nearest earlier
// speaker or person of a compatible gender, "they" and "it" to the nearest earlier group or organisation.
import type { Article } from '../model.ts';

/** Quotes shorter than this are scare quotes or names ("high hopes"), not statements. */
const MIN_QUOTE_WORDS = 3;
/** How far (characters) after a quote an inverted or trailing attribution ("..., Trump said") is looked for. */
const TRAILING_REACH = 160;
/** A continuation quote inherits the last speaker named at most this many paragraphs back. */
const CONTINUATION_PARAGRAPHS = 3;

const CUE_WORDS = [
  'said', 'says', 'say', 'saying', 'told', 'tells', 'tell', 'added', 'adds', 'stated', 'states', 'explained', 'explains',
  'warned', 'warns', 'cautioned', 'cautions', 'insisted', 'insists', 'noted', 'notes', 'recalled', 'recalls', 'asked',
  'asks', 'declared', 'declares', 'announced', 'announces', 'wrote', 'writes', 'tweeted', 'tweets', 'posted', 'posts',
  'argued', 'argues', 'claimed', 'claims', 'contended', 'contends', 'countered', 'counters', 'replied', 'replies',
  'responded', 'responds', 'answered', 'continued', 'continues', 'acknowledged', 'acknowledges', 'admitted', 'admits',
  'conceded', 'concedes', 'predicted', 'predicts', 'promised', 'promises', 'pledged', 'pledges', 'vowed', 'vows', 'urged',
  'urges', 'suggested', 'suggests', 'stressed', 'stresses', 'emphasized', 'emphasised', 'emphasizes', 'joked', 'jokes',
  'quipped', 'boasted', 'boasts', 'complained', 'complains', 'lamented', 'laments', 'charged', 'alleged', 'alleges',
  'asserted', 'asserts', 'maintained', 'maintains', 'observed', 'remarked', 'concluded', 'testified', 'shouted',
  'yelled', 'chanted', 'told', 'called', 'calls', 'described', 'describes', 'dubbed', 'labeled', 'labelled', 'blasted',
  'slammed', 'mocked', 'accused', 'accuses', 'wondered', 'mused', 'reported', 'reports', 'confirmed', 'confirms',
  'denied', 'denies', 'agreed', 'agrees', 'thundered', 'tweeting', 'writing', 'adding', 'telling', 'declaring',
  'explaining', 'warning', 'arguing', 'noting', 'calling', 'describing', 'read', 'reads', 'proclaimed', 'pointed',
  'believes', 'believed', 'thinks', 'thought', 'estimated', 'estimates', 'hinted', 'informed', 'revealed', 'reveals',
  'recounted', 'retorted', 'sang', 'sings', 'demanded', 'demands', 'announced', 'indicated', 'indicates', 'opined',
  'scolded', 'criticized', 'criticised', 'praised', 'attacked', 'shot', 'fired', 'echoed', 'reiterated', 'repeated',
  'conceded', 'whispered', 'exclaimed', 'began', 'concluded', 'elaborated', 'clarified', 'summed', 'wrote', 'texted',
  'emailed', 'e-mailed', 'messaged', 'told', 'writes', 'explained', 'noted', 'cited', 'quoted',
];
const CUES = new Set(CUE_WORDS);
/** Words allowed between a subject and its cue ("Trump later said", "she has repeatedly said"). */
const CUE_ADVERBS = new Set(['also', 'later', 'then', 'again', 'previously', 'once', 'recently', 'repeatedly', 'has', 'had', 'have', 'would', 'will', 'was', 'is', 'reportedly', 'further', 'often', 'frequently', 'publicly', 'privately', 'has', 'just', 'simply', 'flatly', 'quickly', 'finally', 'famously', 'tweeted', 'only', 'still', 'even', 'first', 'ultimately', 'angrily', 'bluntly', 'told']);
/** Time and place phrases between an inverted cue and its subject ("said Tuesday", "said on Monday"). */
const SKIPPED_AFTER_CUE = /^(?:\s*(?:on|in|at|late|early|this|last)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|afternoon|evening|night|week|today|yesterday|recently|earlier|later|then|again|also)\b,?)+/;
const PERSON_PRONOUNS = new Set(['he', 'she']);
const GROUP_PRONOUNS = new Set(['they', 'it']);
const FIRST_PERSON = new Set(['i', 'we']);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'many', 'some', 'other', 'both', 'most', 'all', 'few', 'another', 'each', 'these', 'those']);
const QUANTIFIERS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'many', 'other', 'few']);
const ARTICLES = new Set(['the', 'his', 'her', 'their', 'its', 'our']);
/** Cue words that are also plural nouns ("Trump's flurry of tweets"): a cue only after a name or a pronoun. */
const NOUN_LIKE_CUES = new Set(['tweets', 'posts', 'reports', 'claims', 'calls', 'notes', 'states', 'says', 'tells', 'promises', 'pledges', 'vows', 'demands', 'reads', 'estimates', 'denies', 'charged', 'read', 'thought', 'called', 'described', 'labeled', 'labelled', 'dubbed', 'posted', 'reported']);
/** Time phrases between a subject and its cue ("Clinton on Friday said"). */
const TIME_BEFORE_CUE = /^(?:on|late|early|earlier|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|night|evening|afternoon|week|today|yesterday)$/;
/** Titles and honorifics written before a name: not part of the person's name. */
const TITLE = /^(?:Mayor|President|Vice|Minister|Secretary|Engineer|Coxswain|Defense|Defence|Foreign|Interior|Prime|Chancellor|Governor|Gov\.|Senator|Sen\.|Rep\.|Representative|Congressman|Congresswoman|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Chief|Officer|Spokesman|Spokeswoman|Spokesperson|General|Gen\.|Captain|Capt\.|Judge|Justice|Professor|Prof\.|Inspector|Sheriff|Commissioner|Director|Chairman|Chairwoman|Chair|King|Queen|Prince|Princess|Pope|Coach|Detective|Sergeant|Sgt\.|Lieutenant|Lt\.|Colonel|Col\.|Admiral|Adm\.|Ambassador|Bishop|Rev\.|Reverend|Councillor|Councilor|Superintendent|Constable|Attorney|Speaker|Leader|Candidate|Nominee|Democratic|Republican|Independent|Former|Sir|Dame|Lord|Lady|Premier|Sheikh|Ayatollah|Commander|Agent|Manager|Executive|CEO|Founder|Host|Anchor|Correspondent|Pastor|Father|Rabbi|Imam|State|U\.S\.|US|GOP)$/;
const NOT_A_NAME = /^(?:The|A|An|In|On|At|But|And|Or|So|If|When|While|As|After|Before|Then|This|That|These|Those|There|Here|It|Its|He|She|They|We|I|You|His|Her|Their|Our|My|Your|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow|Still|Yet|Also|Meanwhile|However|Asked|According|Speaking|Later|Earlier|Now|What|Why|How|Who|Where|One|Two|Three|Some|Many|Most|All|No|Not|Just|Even|For|With|From|To|By|Of|Last|Next|Mr|Mrs|Ms|Dr)$/;
/** Words before a title that describe, not name ("British Defense Minister Michael Fallon"). */
const DESCRIPTOR = /^(?:British|American|French|German|Russian|Chinese|Iranian|Iraqi|Syrian|Israeli|Palestinian|Turkish|Italian|Spanish|Japanese|Indian|Pakistani|Afghan|Australian|Canadian|Mexican|Dutch|Belgian|Swedish|Norwegian|Danish|Polish|Ukrainian|European|Saudi|Egyptian|Korean|North|South|Top|Senior|Deputy|Acting|Assistant|Associate|Federal|County|City|Congressional|National|Then|Outgoing|Incoming|Majority|Minority|House|Senate|White|Press|Campaign|Communications|Foreign|Finance|Health|Justice|Labor|Labour|Homeland|Security|Trade|Treasury|Energy|Education)$/;
const FEMALE_TITLE = /^(?:Mrs\.?|Ms\.?|Miss|Congresswoman|Chairwoman|Spokeswoman|Queen|Princess|Dame|Lady|Sister)$/;
const MALE_TITLE = /^(?:Mr\.?|Congressman|Chairman|Spokesman|King|Prince|Sir|Lord|Father|Brother)$/;
const NAME_PARTICLE = /^(?:de|van|von|al|bin|da|le|la|del|der|di|du|ibn|el)$/;
const ORGANISATION_WORD = /^(?:campaign|committee|party|department|ministry|agency|office|government|administration|company|group|council|commission|board|court|police|service|bureau|union|association|organisation|organization|network|newspaper|team|firm|bank|foundation|institute|center|centre|university|house|senate|congress|army|military|navy|forces|countries|nations|states|officials|authorities|democrats|republicans|organizers|organisers|investigators|prosecutors|lawyers|sources|aides|analysts|experts|researchers|critics|supporters|opponents|leaders|members|residents|witnesses|police|spokespeople|statement|report|poll|study|survey|times|post|journal|news|press|reuters|tribune|herald|guardian|telegraph|observer|network|cnn|nbc|abc|cbs|fox|ap|afp|bbc|msnbc|politico|breitbart|hill)$/i;

type Gender = 'male' | 'female' | undefined;

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’&.-]*|[,;:!?"“”()\[\]—–]|\.(?=\s|$)/gu;
const ABBREVIATION = /^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Prof|Jr|Sr|St|Mt|Ft|Inc|Corp|Co|Ltd|No|Vol|vs|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$/;

/** Words and punctuation; a full stop that ends a sentence is its own token, one in "Dr." or "U.S." is not. */
function tokens(text: string, offset: number): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let word = match[0];
    const start = offset + match.index;
    // "R-Ky.," and "(D-Mo.)": a full stop before a comma or a bracket ends no sentence.
    if (word.length > 1 && word.endsWith('.') && !ABBREVIATION.test(word) && !/^[,)]/.test(text.slice(match.index + word.length))) {
      word = word.slice(0, -1);
      out.push({ text: word, start, end: start + word.length });
      out.push({ text: '.', start: start + word.length, end: start + word.length + 1 });
    } else out.push({ text: word, start, end: start + word.length });
  }
  return out;
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
const isWord = (token: Token | undefined) => token !== undefined && /^[\p{L}\p{N}]/u.test(token.text);
const lower = (token: Token | undefined) => token?.text.toLowerCase() ?? '';

export type SpeakerKind = 'name' | 'pronoun' | 'role' | 'group';

/** A noun phrase that may be a speaker, as written and where. */
interface Mention {
  text: string;
  kind: SpeakerKind;
  start: number;
  end: number;
}

/** A name as a person's: titles and sentence openers dropped ("Defense Secretary Jim Mattis" -> "Jim Mattis"). */
function cleanName(words: readonly string[]): string | undefined {
  const kept = [...words];
  while (kept.length > 0 && NOT_A_NAME.test(kept[0]!.replace(/\.$/, ''))) kept.shift();
  while (kept.length > 1 && (TITLE.test(kept[0]!) || DESCRIPTOR.test(kept[0]!))) kept.shift();
  while (kept.length > 0 && (NAME_PARTICLE.test(kept[kept.length - 1]!) || kept[kept.length - 1] === 'I')) kept.pop();
  // "Maybe I", "Yes We": a sentence opener before a pronoun is no name.
  if (kept.length > 0 && kept.some((word) => /^(?:I|We|You|Maybe|Yes|No|Well|Please|Thank|Thanks)$/.test(word))) return undefined;
  if (kept.length === 0 || (kept.length === 1 && TITLE.test(kept[0]!))) return undefined;
  return kept.join(' ').replace(/[’']s$/, '');
}

/** How many tokens an appositive or a relative clause between a subject and its cue may run. */
const MAX_APPOSITIVE_TOKENS = 30;

/**
 * The subject of a cue at `end` across an appositive, a relative clause or a parenthesis: "Scott Pruitt, the
 * Republican attorney general of Oklahoma, said", "Quina Jones, 25, said", "Rep. John Mica (R-Fla.) said".
 */
function subjectAcrossAppositive(list: readonly Token[], end: number): Mention | undefined {
  let index = end - 1;
  while (index >= 0 && (CUE_ADVERBS.has(lower(list[index])) || /^[a-z]+ly$/.test(list[index]!.text))) index--;
  const closing = list[index]?.text;
  if (closing === ')') {
    let open = index;
    while (open > 0 && list[open]!.text !== '(' && index - open < MAX_APPOSITIVE_TOKENS) open--;
    if (list[open]?.text !== '(') return undefined;
    return phraseBefore(list, open);
  }
  if (closing !== ',') return undefined;
  // ", her senior policy adviser, Jake Sullivan, said": a name set off right before the cue is the speaker.
  const enclosed = phraseBefore(list, index);
  if (enclosed?.kind === 'name' && list[list.findIndex((token) => token.start === enclosed.start) - 1]?.text === ',') return enclosed;
  for (let comma = index - 1; comma > 0 && index - comma < MAX_APPOSITIVE_TOKENS; comma--) {
    const text = list[comma]!.text;
    if (/^[.;:"“”]$/.test(text)) return undefined;
    if (text !== ',' && text !== '(') continue;
    const opening = list[comma + 1];
    // An appositive opens with a determiner, a lower-case word, "who", an age or a title and name.
    if (opening === undefined || !(DETERMINERS.has(lower(opening)) || /^(?:who|whose|which|of)$/.test(opening.text) || /^\d/.test(opening.text) || /^[a-z]/.test(opening.text) || TITLE.test(opening.text) || /^[A-Z]-[A-Z]/.test(opening.text))) continue;
    const subject = phraseBefore(list, comma);
    if (subject !== undefined && (subject.kind === 'name' || subject.kind === 'group')) return subject;
  }
  return undefined;
}

/** The noun phrase ending just before token `end` (exclusive), read backwards: a name, a pronoun or a role. */
function phraseBefore(list: readonly Token[], end: number): Mention | undefined {
  let index = end - 1;
  while (index >= 0 && (CUE_ADVERBS.has(lower(list[index])) || /^[a-z]+ly$/.test(list[index]!.text) || TIME_BEFORE_CUE.test(list[index]!.text))) index--;
  const last = list[index];
  if (!isWord(last)) return undefined;
  const word = lower(last);
  // "an ad that says", "Trump, who said": the relative pronoun stands for the phrase before it.
  if (/^(?:who|that|which)$/.test(word)) return index > 0 ? phraseBefore(list, list[index - 1]?.text === ',' ? index - 1 : index) : undefined;
  if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word) || FIRST_PERSON.has(word)) return { text: last!.text, kind: 'pronoun', start: last!.start, end: last!.end };
  if (CUES.has(word) || DETERMINERS.has(word)) return undefined;
  let first = index;
  if (isCapitalised(last!.text)) {
    // A capitalised run, with particles inside ("Charles de Gaulle") and "of" between capitalised words.
    while (first > 0 && isWord(list[first - 1]) && (isCapitalised(list[first - 1]!.text) || ((NAME_PARTICLE.test(list[first - 1]!.text) || /^(?:of|on|for|and)$/.test(list[first - 1]!.text)) && isCapitalised(list[first - 2]?.text ?? '')))) first--;
    const words = list.slice(first, index + 1).map((token) => token.text);
    if (words.some((word) => /^(?:of|on|for|and)$/.test(word))) {
      // "Commission on Presidential Debates", "Secretary of State John Kerry": a name only at the end.
      const tail = words.slice(words.findLastIndex((word) => /^(?:of|on|for|and)$/.test(word)) + 1);
      const name = tail.length >= 2 && !ORGANISATION_WORD.test(tail[tail.length - 1]!) ? cleanName(tail.slice(1)) : undefined;
      if (name !== undefined && tail.length >= 3) return { text: name, kind: 'name', start: list[index - tail.length + 2]!.start, end: last!.end };
      return { text: words.join(' '), kind: 'group', start: list[first]!.start, end: last!.end };
    }
    // "the Clinton campaign" and "Trump's campaign" end in a lower-case word; a capitalised run is a name
    // unless a determiner before it makes it an organisation ("the Pentagon", "The New York Times").
    const determiner = lower(list[first - 1]);
    if (determiner === 'the' || ORGANISATION_WORD.test(words[words.length - 1]!)) {
      return { text: list.slice(first - (determiner === 'the' ? 1 : 0), index + 1).map((token) => token.text).join(' '), kind: 'group', start: list[first - (determiner === 'the' ? 1 : 0)]!.start, end: last!.end };
    }
    const name = cleanName(words);
    if (name === undefined) return undefined;
    return { text: name, kind: 'name', start: list[first]!.start, end: last!.end };
  }
  // A lower-case head: read back to a determiner or a possessive, over adjectives, names and "for"/"of"
  // ("a spokesman for the Clinton campaign", "the seven countries", "Trump's campaign manager").
  const MAX_ROLE_WORDS = 8;
  while (first > 0 && end - first < MAX_ROLE_WORDS) {
    const previous = list[first - 1]!;
    if (!isWord(previous) || CUES.has(lower(previous))) break;
    first--;
    // "the seven countries": a number or quantifier may follow an article or a possessive.
    if (DETERMINERS.has(lower(previous)) && !['for', 'of'].includes(lower(list[first - 1])) && !(QUANTIFIERS.has(lower(previous)) && ARTICLES.has(lower(list[first - 1])))) break;
    if (/[’']s$/.test(previous.text) && !['for', 'of'].includes(lower(list[first - 1]))) break;
  }
  const opening = lower(list[first]);
  if (first === index && !/s$/.test(word)) return undefined; // a bare singular noun is no speaker
  if (!DETERMINERS.has(opening) && !/[’']s$/.test(list[first]!.text) && !/s$/.test(word) && !isCapitalised(list[first]!.text)) return undefined;
  const text = list.slice(first, index + 1).map((token) => token.text).join(' ');
  const plural = /s$/.test(word) && !/ss$/.test(word);
  return { text, kind: plural || ORGANISATION_WORD.test(word) ? 'group' : 'role', start: list[first]!.start, end: last!.end };
}

/** The noun phrase starting at token `start`: after an inverted cue ("said Dr. Sunniva Eklund, the ..."). */
function phraseAfter(list: readonly Token[], start: number): Mention | undefined {
  const first = list[start];
  if (!isWord(first)) return undefined;
  const word = lower(first);
  if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) return { text: first!.text, kind: 'pronoun', start: first!.start, end: first!.end };
  let index = start;
  if (isCapitalised(first!.text) && !NOT_A_NAME.test(first!.text) || TITLE.test(first!.text)) {
    while (isWord(list[index + 1]) && (isCapitalised(list[index + 1]!.text) || (NAME_PARTICLE.test(list[index + 1]!.text) && isCapitalised(list[index + 2]?.text ?? '')))) index++;
    const words = list.slice(start, index + 1).map((token) => token.text);
    if (ORGANISATION_WORD.test(words[words.length - 1]!)) return { text: words.join(' '), kind: 'group', start: first!.start, end: list[index]!.end };
    const name = cleanName(words);
    return name === undefined ? undefined : { text: name, kind: 'name', start: first!.start, end: list[index]!.end };
  }
  if (!DETERMINERS.has(word)) return undefined;
  const MAX_ROLE_WORDS = 8;
  while (isWord(list[index + 1]) && index - start < MAX_ROLE_WORDS && !CUES.has(lower(list[index + 1]))) {
    const next = lower(list[index + 1]);
    if (['who', 'which', 'that', 'in', 'on', 'at', 'to', 'and', 'after', 'before', 'during', 'when', 'while', 'as'].includes(next)) break;
    index++;
  }
  if (index === start) return undefined;
  const head = lower(list[index]);
  const text = list.slice(start, index + 1).map((token) => token.text).join(' ');
  // An appositive name after the role: "the defense secretary, Jim Mattis".
  if (list[index + 1]?.text === ',' && isWord(list[index + 2]) && isCapitalised(list[index + 2]!.text)) {
    const named = phraseAfter(list, index + 2);
    if (named?.kind === 'name') return named;
  }
  return { text, kind: /s$/.test(head) && !/ss$/.test(head) || ORGANISATION_WORD.test(head) ? 'group' : 'role', start: first!.start, end: list[index]!.end };
}

/** A subject's appositive name: "Jim Mattis, the defense secretary, said" gives Jim Mattis for the role. */
function appositiveName(list: readonly Token[], role: Mention): Mention | undefined {
  const index = list.findIndex((token) => token.start === role.start);
  if (index < 2 || list[index - 1]?.text !== ',') return undefined;
  const named = phraseBefore(list, index - 1);
  return named?.kind === 'name' ? named : undefined;
}

export interface FoundQuote {
  text: string;
  speaker?: string;
  start: number;
}

interface Attribution {
  speaker: Mention;
  /** Where the cue is, for ordering and the model's features. */
  cueStart: number;
}

/** Every cue in `list` with its subject: "X said", "said X" (inverted), "according to X". */
function cueFrames(list: readonly Token[]): Array<Attribution & { index: number; inverted: boolean }> {
  const frames: Array<Attribution & { index: number; inverted: boolean }> = [];
  list.forEach((token, index) => {
    const word = lower(token);
    if (word === 'according' && lower(list[index + 1]) === 'to') {
      const speaker = phraseAfter(list, index + 2);
      if (speaker !== undefined) frames.push({ speaker, cueStart: token.start, index, inverted: true });
      return;
    }
    if (!CUES.has(word) && !(word === 'went' && lower(list[index + 1]) === 'on')) return;
    const found = phraseBefore(list, index) ?? subjectAcrossAppositive(list, index);
    const subject = found !== undefined && NOUN_LIKE_CUES.has(word) && (found.kind === 'role' || found.kind === 'group') ? undefined : found;
    if (subject !== undefined) {
      frames.push({ speaker: subject.kind === 'role' ? (appositiveName(list, subject) ?? subject) : subject, cueStart: token.start, index, inverted: false });
      return;
    }
    // A participle after a comma ("..., saying the city ...", "..., calling it ..."): the clause's subject speaks.
    if (word.endsWith('ing')) {
      const speaker = phraseAfter(list, list[0] !== undefined && /^["“]$/.test(list[0].text) ? 1 : 0);
      if (speaker !== undefined && speaker.kind !== 'role' && list[index - 1]?.text === ',') frames.push({ speaker, cueStart: token.start, index, inverted: false });
      return;
    }
    // Inverted, after a quote or a comma: `," said Dr. Sunniva Eklund`; times may come between.
    const before = list[index - 1]?.text;
    if (before === undefined || /^[,"”:;—–]$/.test(before) || index === 0) {
      let next = index + 1;
      const rest = list.slice(next).map((item) => item.text).join(' ');
      const skipped = SKIPPED_AFTER_CUE.exec(rest);
      if (skipped !== null && skipped[0].trim().length > 0) next += skipped[0].trim().split(/\s+/).length;
      const speaker = phraseAfter(list, next);
      if (speaker !== undefined) frames.push({ speaker, cueStart: token.start, index, inverted: true });
    }
  });
  return frames;
}

/** Paragraph and sentence boundaries as offsets. */
function paragraphStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\n\s*/g)) starts.push(match.index + match[0].length);
  return starts;
}

function sentenceStart(text: string, offset: number): number {
  for (let i = offset - 1; i > 0; i--) {
    const char = text[i]!;
    if (char === '\n') return i + 1;
    if (char === ' ' && /[a-z\d)][.!?]["”]?$/.test(text.slice(Math.max(0, i - 3), i)) && !/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|U\.S)\.$/.test(text.slice(Math.max(0, i - 5), i))) return i + 1;
  }
  return 0;
}

function sentenceEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const limit = newline < 0 ? text.length : newline;
  const stop = /[a-z\d)][.!?]["”]?(?=\s+["“]?[A-Z])/g;
  stop.lastIndex = offset;
  for (let match = stop.exec(text); match !== null && match.index < limit; match = stop.exec(text)) {
    // "Dr. Sunniva Eklund", "U.S. officials": an abbreviation's full stop ends no sentence.
    if (/(?:^|[\s("“])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Prof|Jr|Sr|St|Mt|Ft|No|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$/.test(text.slice(Math.max(0, match.index - 8), match.index + 2))) continue;
    return match.index + match[0].length;
  }
  return limit;
}

interface PersonIndex {
  /** Named people in order of mention, with the gender their titles or pronouns give. */
  mentions: Array<{ name: string; start: number }>;
  gender: Map<string, Gender>;
  /** Roles written before names ("defense secretary" -> "Jim Mattis"), lower-case. */
  roles: Array<{ role: string; name: string; start: number }>;
}

const surname = (name: string) => name.split(' ').pop()!.toLowerCase();

/** The people an article names (capitalised runs of two or more words, or surnames of people named before). */
function indexPeople(text: string): PersonIndex {
  const mentions: PersonIndex['mentions'] = [];
  const gender = new Map<string, Gender>();
  const roles: PersonIndex['roles'] = [];
  const known = new Set<string>();
  const runs = /(?:\b(?:[a-z]+\s+){0,3})?(?:[A-Z][\p{L}'’.-]*\s+){0,2}[A-Z][\p{L}'’.-]*(?:\s+(?:de|van|von|al|bin|da|le|la|del)?\s*[A-Z][\p{L}'’-]*)*/gu;
  for (const match of text.matchAll(/(?:(?:[A-Z][\p{L}'’-]*|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|[A-Z]|(?:[A-Z]\.)+[A-Z])\.)\s+)*[A-Z][\p{L}'’-]*/gu)) {
    const words = match[0].split(/\s+/);
    const titles = words.filter((word) => TITLE.test(word));
    const name = cleanName(words);
    if (name === undefined) continue;
    const parts = name.split(' ');
    if (parts.length < 2 && titles.length === 0 && !known.has(name.toLowerCase())) continue;
    if (ORGANISATION_WORD.test(parts[parts.length - 1]!)) continue;
    if (parts.length >= 2 || titles.length > 0) known.add(surname(name));
    const key = surname(name);
    mentions.push({ name, start: match.index });
    const titleGender: Gender = titles.some((title) => FEMALE_TITLE.test(title)) ? 'female' : titles.some((title) => MALE_TITLE.test(title)) ? 'male' : undefined;
    if (titleGender !== undefined) gender.set(key, titleGender);
    const lead = /((?:[a-z]+\s+){1,3})$/.exec(text.slice(Math.max(0, match.index - 40), match.index))?.[1];
    const roleWords = words.slice(0, words.length - parts.length).join(' ').toLowerCase();
    const role = `${lead ?? ''}${roleWords}`.trim();
    if (role.length > 0) roles.push({ role, name, start: match.index });
  }
  void runs;
  // Untitled people get the gender of the pronouns in the sentences where they are the only person named
  // (quoted words set aside), by majority.
  const votes = new Map<string, number>();
  for (let start = 0, next = 0; start < text.length; start = next) {
    next = sentenceEnd(text, start) + 1;
    const inside = mentions.filter((mention) => mention.start >= start && mention.start < next);
    const people = new Set(inside.map((mention) => surname(mention.name)));
    if (people.size !== 1) continue;
    const key = [...people][0]!;
    const plain = text.slice(start, next).replace(/[“"][^“”"]*[”"]/g, ' ');
    // Subject pronouns only: "McCaskill scolded him" says nothing of McCaskill's gender.
    const male = (plain.match(/\b(?:he|He)\b/g) ?? []).length;
    const female = (plain.match(/\b(?:she|She)\b/g) ?? []).length;
    votes.set(key, (votes.get(key) ?? 0) + male - female);
  }
  for (const [key, vote] of votes) if (!gender.has(key) && vote !== 0) gender.set(key, vote > 0 ? 'male' : 'female');
  return { mentions, gender, roles };
}

/** The full name of a person named by surname only, from the article's earlier mentions. */
function fullName(name: string, people: PersonIndex, before: number): string {
  if (name.includes(' ')) return name;
  const key = name.toLowerCase();
  for (const mention of people.mentions) if (mention.start < before && mention.name.includes(' ') && surname(mention.name) === key) return mention.name;
  return name;
}

/** A role ("the defense secretary", "the Republican nominee") resolved to the person it introduced. */
function resolveRole(role: string, people: PersonIndex, before: number): string | undefined {
  const words = role.toLowerCase().split(/\s+/).filter((word) => !DETERMINERS.has(word) && !['former', 'new'].includes(word));
  if (words.length === 0) return undefined;
  const head = words[words.length - 1]!;
  let best: string | undefined;
  for (const entry of people.roles) {
    if (entry.start >= before) break;
    if (entry.role.split(/\s+/).includes(head)) best = entry.name;
  }
  return best;
}

/** The nearest earlier person (by speaker first, then by any mention) of a gender compatible with `pronoun`. */
function resolvePronoun(pronoun: string, before: number, speakers: readonly Attribution[], people: PersonIndex): string | undefined {
  const wanted: Gender = pronoun.toLowerCase() === 'she' ? 'female' : 'male';
  const compatible = (name: string) => {
    const gender = people.gender.get(surname(name));
    return gender === undefined || gender === wanted;
  };
  let nearestSpeaker: { name: string; at: number } | undefined;
  for (const attribution of speakers) {
    if (attribution.cueStart >= before) break;
    if (attribution.speaker.kind === 'name' && compatible(attribution.speaker.text)) nearestSpeaker = { name: attribution.speaker.text, at: attribution.cueStart };
  }
  // A mere mention is a person only when a title or pronouns gave it a gender ("North Korea" got none).
  let nearestMention: { name: string; at: number } | undefined;
  for (const mention of people.mentions) {
    if (mention.start >= before) break;
    if (people.gender.get(surname(mention.name)) === wanted) nearestMention = { name: mention.name, at: mention.start };
  }
  // The nearest compatible speaker is the antecedent (in news, "he said" continues the last speaker far more
  // often than it picks up a person merely mentioned: 0.59 against 0.50 on PolNeAR dev); else a mention.
  const choice = nearestSpeaker ?? nearestMention;
  return choice?.name;
}

function resolveGroup(before: number, speakers: readonly Attribution[]): string | undefined {
  let nearest: string | undefined;
  for (const attribution of speakers) {
    if (attribution.cueStart >= before) break;
    if (attribution.speaker.kind === 'group' || attribution.speaker.kind === 'role') nearest = attribution.speaker.text;
  }
  return nearest;
}

const QUOTE = /[“"]([^“”"]+)[”"]/g;
/** A name after a dash closing the quote's line: `” ― Sonya Herridge`, `" -- Jane Roe, Oakmere`. */
const DASH_ATTRIBUTION = /^\s*(?:―|—|–|--?)\s*((?:[A-Z][\p{L}'’.-]*\s?){1,4})[.,]?[^\n]{0,40}(?:\n|$)/u;
/** A transcript label opening a paragraph: "PENCE: ...", "Mr. Trump: ...". */
const TRANSCRIPT_LABEL = /^((?:(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][\p{L}'’-]*)|(?:[A-Z][A-Z.'’-]+\s+){0,2}[A-Z][A-Z'’-]+)\s*:\s/u;

export function findQuotes(article: Pick<Article, 'text'>): FoundQuote[] {
  const text = article.text;
  const people = indexPeople(text);
  const paragraphs = paragraphStarts(text);
  const paragraphOf = (offset: number) => {
    let index = 0;
    while (index + 1 < paragraphs.length && paragraphs[index + 1]! <= offset) index++;
    return index;
  };
  // Every attribution frame in the article, in order, with names resolved: the antecedents of pronouns.
  const frames: Attribution[] = [];
  const framesBySentence = new Map<number, Array<Attribution & { inverted: boolean }>>();
  const quoteRanges = [...text.matchAll(QUOTE)].map((match) => [match.index, match.index + match[0].length] as const);
  const insideQuote = (offset: number) => quoteRanges.some(([start, end]) => offset > start && offset < end);
  const resolve = (mention: Mention, at: number): Mention => {
    if (mention.kind === 'name') return { ...mention, text: fullName(mention.text, people, at + 1) };
    if (mention.kind === 'pronoun') {
      const word = mention.text.toLowerCase();
      const name = PERSON_PRONOUNS.has(word) ? resolvePronoun(word, at, frames, people) : GROUP_PRONOUNS.has(word) ? resolveGroup(at, frames) : undefined;
      return name === undefined ? mention : { ...mention, text: name, kind: PERSON_PRONOUNS.has(word) ? 'name' : 'group' };
    }
    if (mention.kind === 'role') {
      const name = resolveRole(mention.text, people, at);
      return name === undefined ? mention : { ...mention, text: name, kind: 'name' };
    }
    return mention;
  };
  for (let start = 0; start < text.length; ) {
    const end = sentenceEnd(text, start);
    const list = tokens(text.slice(start, end), start);
    const found: Array<Attribution & { inverted: boolean }> = [];
    for (const frame of cueFrames(list)) {
      if (insideQuote(frame.cueStart)) continue;
      const attribution = { speaker: resolve(frame.speaker, frame.speaker.start), cueStart: frame.cueStart, inverted: frame.inverted };
      found.push(attribution);
      frames.push(attribution);
    }
    const label = TRANSCRIPT_LABEL.exec(text.slice(start, end));
    if (label !== null && paragraphs.includes(start)) {
      const name = cleanName(label[1]!.split(/\s+/));
      if (name !== undefined) {
        const attribution = { speaker: resolve({ text: name.charAt(0) + name.slice(1).toLowerCase(), kind: 'name', start, end: start + label[1]!.length }, start), cueStart: start, inverted: false };
        found.unshift(attribution);
        frames.push(attribution);
      }
    }
    if (found.length > 0) framesBySentence.set(start, found);
    start = end;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  frames.sort((a, b) => a.cueStart - b.cueStart);
  const quotes: FoundQuote[] = [];
  let previous: { speaker: string; paragraph: number } | undefined;
  for (const match of text.matchAll(QUOTE)) {
    const quoted = match[1]!.trim().replace(/[,]$/, '');
    if (quoted.split(/\s+/).length < MIN_QUOTE_WORDS) continue;
    const quoteEnd = match.index + match[0].length;
    const paragraph = paragraphOf(match.index);
    // The sentences the quote spans, and the one after it when the attribution trails ("...!" Trump said.).
    const first = sentenceStart(text, match.index);
    const last = Math.min(sentenceEnd(text, quoteEnd), quoteEnd + TRAILING_REACH);
    const candidates = frames.filter((frame) => frame.cueStart >= first && frame.cueStart < last && !(frame.cueStart > match.index && frame.cueStart < quoteEnd));
    const trailing = candidates.filter((frame) => frame.cueStart >= quoteEnd);
    const leading = candidates.filter((frame) => frame.cueStart < match.index);
    // A trailing cue right after the quote wins; then the nearest cue before it in the sentence.
    // A byline dash after the quote, ending the line: "...” ― Pamela Padilla".
    const dashed = DASH_ATTRIBUTION.exec(text.slice(quoteEnd, quoteEnd + TRAILING_REACH));
    const dashedName = dashed === null ? undefined : cleanName(dashed[1]!.trim().split(/\s+/));
    if (dashedName !== undefined) {
      const quote: FoundQuote = { text: quoted, start: match.index, speaker: dashedName };
      previous = { speaker: dashedName, paragraph };
      quotes.push(quote);
      continue;
    }
    let chosen = trailing.find((frame) => /^[\s,.!?—–-]*$/.test(text.slice(quoteEnd, Math.min(frame.speaker.start, frame.cueStart)))) ?? leading[leading.length - 1] ?? trailing[0];
    let speaker = chosen?.speaker.kind === 'pronoun' ? undefined : chosen?.speaker.text;
    if (speaker === undefined && chosen === undefined) {
      // A continuation: the paragraph's own speaker, else the last quote's speaker a few paragraphs back.
      const inParagraph = frames.filter((frame) => paragraphOf(frame.cueStart) === paragraph && frame.speaker.kind !== 'pronoun');
      const next = inParagraph.find((frame) => frame.cueStart >= quoteEnd);
      const before = inParagraph.filter((frame) => frame.cueStart < match.index).pop();
      chosen = before ?? next;
      speaker = chosen?.speaker.text;
      if (speaker === undefined && previous !== undefined && paragraph - previous.paragraph <= CONTINUATION_PARAGRAPHS) speaker = previous.speaker;
      if (speaker === undefined) {
        const earlier = frames.filter((frame) => frame.cueStart < match.index && frame.speaker.kind !== 'pronoun' && paragraph - paragraphOf(frame.cueStart) <= CONTINUATION_PARAGRAPHS).pop();
        speaker = earlier?.speaker.text;
      }
    }
    void insideQuote;
    const quote: FoundQuote = { text: quoted, start: match.index };
    if (speaker !== undefined) {
      quote.speaker = speaker;
      previous = { speaker, paragraph };
    }
    quotes.push(quote);
  }
  return quotes;
}
