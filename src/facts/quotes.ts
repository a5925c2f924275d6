// Quotations and who said them. A quote's speaker is the subject of the attribution cue next to it: after
// the quote ("...," said Dr. Sunniva Eklund / "...," she cautioned / "...," Noem tweeted), before it in the
// same sentence (Trump told reporters: "..." / the seven countries said in a joint statement that "..." /
// according to the ministry, "..."), a transcript label (PENCE: "..."), else the speaker of the paragraph or
// of the quote just before it (a continuation). Which of these candidates speaks is decided by an averaged
// perceptron learned on PolNeAR train (chooseSpeakers; weights in speaker-weights.ts). Titles and roles are
// resolved to the person they introduce ("the defense secretary" -> the earlier "Defense Secretary Jim
// Mattis"), pronouns to the nearest earlier speaker or person of a compatible gender, "they" and "it" to the
// nearest earlier group or organisation.
import type { Article } from '../model.ts';
import { SPEAKER_WEIGHTS } from './speaker-weights.ts';

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
/** Words that end no noun phrase: "the unrest in Charlotte and said" has no subject before "said". */
const FUNCTION_WORDS = new Set(['and', 'or', 'but', 'nor', 'of', 'to', 'for', 'with', 'against', 'by', 'about', 'from', 'on', 'at', 'in', 'than', 'as', 'into', 'if', 'because', 'so', 'not', 'never']);
/**
 * Occupations written before a name as a title ("Skipper Anders Koll", "fisherman Ola Brekke", "Nurse Helga Dahl"):
 * a role, not part of the name. Only words that are no common given name ("Dean", "Major" are left out).
 */
const OCCUPATIONS = 'Skipper|Fisherman|Fisherwoman|Farmer|Nurse|Teacher|Pilot|Firefighter|Paramedic|Lifeguard|Ranger|Trooper|Patrolman|Corporal|Cpl\\.|Pvt\\.|Marshal|Warden|Trainer|Jockey|Goalkeeper|Quarterback|Astronaut|Chef|Architect|Economist|Analyst|Scientist|Researcher|Historian|Author|Novelist|Poet|Artist|Photographer|Filmmaker|Producer|Actor|Actress|Singer|Rapper|Comedian|Designer|Lawyer|Activist|Campaigner|Volunteer|Shopkeeper|Landlord|Mechanic|Miner|Deckhand|Councilman|Councilwoman|Alderman|Assemblyman|Assemblywoman|Assemblymember|Legislator|Lawmaker|Midwife|Surgeon|Dentist|Pharmacist|Coroner|Medic|Deacon|Cardinal|Archbishop';
/** Titles and honorifics written before a name: not part of the person's name. */
export const TITLE = new RegExp(`^(?:Mayor|President|Vice|Minister|Secretary|Engineer|Coxswain|Defense|Defence|Foreign|Interior|Prime|Chancellor|Governor|Gov\\.|Senator|Sen\\.|Rep\\.|Representative|Congressman|Congresswoman|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Del\\.|Chief|Officer|Spokesman|Spokeswoman|Spokesperson|General|Gen\\.|Captain|Capt\\.|Judge|Justice|Professor|Prof\\.|Inspector|Sheriff|Commissioner|Director|Chairman|Chairwoman|Chair|King|Queen|Prince|Princess|Pope|Coach|Detective|Sergeant|Sgt\\.|Lieutenant|Lt\\.|Colonel|Col\\.|Admiral|Adm\\.|Ambassador|Bishop|Rev\\.|Reverend|Councillor|Councilor|Superintendent|Constable|Attorney|Speaker|Leader|Candidate|Nominee|Democratic|Republican|Independent|Former|Sir|Dame|Lord|Lady|Premier|Sheikh|Ayatollah|Commander|Agent|Manager|Executive|CEO|Founder|Host|Anchor|Correspondent|Pastor|Father|Rabbi|Imam|State|U\\.S\\.|US|GOP|${OCCUPATIONS})$`);
const NOT_A_NAME = /^(?:The|A|An|In|On|At|But|And|Or|So|If|When|While|As|After|Before|Then|This|That|These|Those|There|Here|It|Its|He|She|They|We|I|You|His|Her|Their|Our|My|Your|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow|Still|Yet|Also|Meanwhile|However|Asked|According|Speaking|Later|Earlier|Now|What|Why|How|Who|Where|One|Two|Three|Some|Many|Most|All|No|Not|Just|Even|For|With|From|To|By|Of|Last|Next|Mr|Mrs|Ms|Dr|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|Del|Though|Although|Following|During|Despite|Because|Since|Until|Unlike|Like|Instead|Under|Over|Amid|Among|Without|Within|Through|Throughout|Whether|Once|Every|Each|Any|Both|Neither|Either|Such|Other|Another|Only|Perhaps|Maybe|Yes|Please|Thank|Thanks|Both|Nor|Indeed|Instead|Again|Often|Sometimes|Never|Already|Soon|Finally|First|Second|Third|Another)$/;
/** Words before a title that describe, not name ("British Defense Minister Michael Fallon"). */
export const DESCRIPTOR = /^(?:British|American|French|German|Russian|Chinese|Iranian|Iraqi|Syrian|Israeli|Palestinian|Turkish|Italian|Spanish|Japanese|Indian|Pakistani|Afghan|Australian|Canadian|Mexican|Dutch|Belgian|Swedish|Norwegian|Danish|Polish|Ukrainian|European|Saudi|Egyptian|Korean|North|South|Top|Senior|Deputy|Acting|Assistant|Associate|Federal|County|City|Congressional|National|Then|Outgoing|Incoming|Majority|Minority|House|Senate|White|Press|Campaign|Communications|Foreign|Finance|Health|Justice|Labor|Labour|Homeland|Security|Trade|Treasury|Energy|Education)$/;
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
const ABBREVIATION = /^(?:Mr|Mrs|Ms|Dr|Del|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Prof|Jr|Sr|St|Mt|Ft|Inc|Corp|Co|Ltd|No|Vol|vs|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$/;

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

/** Languages that are no nationality word of DESCRIPTOR: a one-word "name" that is one is a language, not a speaker. */
const LANGUAGE_NAME = /^(?:English|Arabic|Hebrew|Latin|Mandarin|Cantonese|Hindi|Urdu|Farsi|Persian|Portuguese|Greek|Swahili)$/;
/** A month written out: before a capitalised word ("April Fools") it names an event or a day, not a person. */
const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** A noun phrase that may be a speaker, as written and where. */
interface Mention {
  text: string;
  kind: SpeakerKind;
  start: number;
  end: number;
}

/** A name as a person's: titles and sentence openers dropped ("Defense Secretary Jim Mattis" -> "Jim Mattis"). */
function cleanName(words: readonly string[]): string | undefined {
  // "April Fools", "March Madness": a month before a capitalised word names a day or an event, not a person.
  if (words.length >= 2 && MONTH.test(words[0]!) && isCapitalised(words[1]!)) return undefined;
  const kept = [...words];
  // "Mr. King": after an honorific a single word is a surname even when it is also a title.
  const honorific = kept.length > 1 && /^(?:Mr|Mrs|Ms|Dr|Del|Sen|Rep|Gov)\.?$/.test(kept[kept.length - 2]!);
  while (kept.length > 0 && NOT_A_NAME.test(kept[0]!.replace(/\.$/, '').replace(/[’']s$/, ''))) kept.shift();
  while (kept.length > 1 && (TITLE.test(kept[0]!) || DESCRIPTOR.test(kept[0]!))) kept.shift();
  while (kept.length > 0 && (NAME_PARTICLE.test(kept[kept.length - 1]!) || kept[kept.length - 1] === 'I')) kept.pop();
  // "Maybe I", "Yes We": a sentence opener before a pronoun is no name.
  if (kept.length > 0 && kept.some((word) => /^(?:(?:I|We|You|They|It)(?:['’](?:ve|m|d|ll|re|s))?|Maybe|Yes|No|Well|Please|Thank|Thanks)$/.test(word))) return undefined;
  while (kept.length > 1 && /^(?:Del|Sen|Rep|Gov)\.?$/.test(kept[0]!)) kept.shift();
  if (kept.length === 0 || (kept.length === 1 && TITLE.test(kept[0]!) && !honorific)) return undefined;
  return kept.join(' ').replace(/[’']s$/, '');
}

/** Words ending the name of an office before its holder's name ("Near Eastern Affairs Martin Indyk"). */
const OFFICE_WORD = /^(?:Affairs|Relations|Resources|Services|Development|Security|Justice|Health|Education|Defense|Defence|Finance|Trade|Commerce|Labor|Labour|Energy|Environment|Agriculture|Transport|Transportation|Interior|Oceans|Fisheries)$/;
/** A weekday or a day word after a name is when it was said ("said Muasher Friday"), never part of the name. */
const DAY_WORD = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday|Tonight)$/;

/** How many tokens an appositive or a relative clause between a subject and its cue may run. */
const MAX_APPOSITIVE_TOKENS = 30;

/** A state or province as news writes it after a city ("a Portland, Ore., attorney", "Victoria, B.C."): a place. */
const STATE_AFTER_CITY = /^(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Alta|Man|Ont|Que|Sask|(?:[A-Z]\.)+[A-Z])\.$|^(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Ohio|Oklahoma|Oregon|Pennsylvania|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming|Alberta|Manitoba|Ontario|Quebec|Saskatchewan)$/;

/** Whether the one-word phrase `mention` is a state after a city and a comma ("Salem, Ore.,"): a place, not a subject. */
function placeAfterCity(list: readonly Token[], mention: Mention): boolean {
  const at = list.findIndex((token) => token.start === mention.start);
  return at >= 2 && list[at]!.end === mention.end && STATE_AFTER_CITY.test(list[at]!.text) && list[at - 1]!.text === ',' && isCapitalised(list[at - 2]!.text);
}

/** An appositive describing an unnamed speaker, read forwards from `from` to `to` (exclusive): "a retired teacher". */
const MAX_DESCRIPTION_TOKENS = 6;
function description(list: readonly Token[], from: number, to: number): string | undefined {
  const words = list.slice(from, to);
  if (words.length < 2 || words.length > MAX_DESCRIPTION_TOKENS || !/^(?:a|an|the)$/i.test(words[0]!.text)) return undefined;
  // Lower-case words only (a capital would be a name, told on its own): "a retired teacher", "a mother of three".
  return words.every((token) => isWord(token) && /^[\p{Ll}\d]/u.test(token.text) && !CUES.has(lower(token)) && !/^(?:who|which|that)$/.test(token.text)) ? words.map((token) => token.text).join(' ') : undefined;
}

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
  // "..., at Joint Base Pearl Harbor-Hickam, Hawaii, explains": a state after a city is a place, not that name.
  if (enclosed?.kind === 'name' && list[list.findIndex((token) => token.start === enclosed.start) - 1]?.text === ',' && !placeAfterCity(list, enclosed)) return enclosed;
  for (let comma = index - 1; comma > 0 && index - comma < MAX_APPOSITIVE_TOKENS; comma--) {
    const text = list[comma]!.text;
    if (/^[.;:"“”]$/.test(text)) return undefined;
    if (text !== ',' && text !== '(') continue;
    const opening = list[comma + 1];
    // An appositive opens with a determiner, a lower-case word, "who", an age or a title and name.
    if (opening === undefined || !(DETERMINERS.has(lower(opening)) || /^(?:who|whose|which|of)$/.test(opening.text) || /^\d/.test(opening.text) || /^[a-z]/.test(opening.text) || TITLE.test(opening.text) || /^[A-Z]-[A-Z]/.test(opening.text))) continue;
    const subject = phraseBefore(list, comma);
    if (subject !== undefined && placeAfterCity(list, subject)) continue;
    // "Andy Puzder, the chief executive of CKE Restaurants Inc., which employs ..., has said": the object of a
    // preposition inside an earlier appositive is no subject; the speaker is before that appositive.
    if (subject !== undefined && PREPOSITIONS.has(lower(list[list.findIndex((token) => token.start === subject.start) - 1]))) continue;
    if (subject !== undefined && (subject.kind === 'name' || subject.kind === 'group')) return subject;
    // "one caller, a retired teacher, told us": an unnamed speaker is the one the appositive describes.
    const described = subject?.kind === 'role' && comma + 1 < index ? description(list, comma + 1, index) : undefined;
    if (described !== undefined) return { text: `${subject!.text}, ${described}`, kind: 'role', start: subject!.start, end: list[index - 1]!.end };
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
  if (CUES.has(word) || DETERMINERS.has(word) || FUNCTION_WORDS.has(word)) return undefined;
  let first = index;
  if (isCapitalised(last!.text)) {
    // A capitalised run, with particles inside ("Charles de Gaulle") and "of" between capitalised words.
    while (first > 0 && isWord(list[first - 1]) && (isCapitalised(list[first - 1]!.text) || ((NAME_PARTICLE.test(list[first - 1]!.text) || /^(?:of|on|for|and)$/.test(list[first - 1]!.text)) && isCapitalised(list[first - 2]?.text ?? '')))) first--;
    const words = list.slice(first, index + 1).map((token) => token.text);
    if (words.some((word) => /^(?:of|on|for|and)$/.test(word))) {
      // "Commission on Presidential Debates", "Secretary of State John Kerry": a name only at the end.
      const tail = words.slice(words.findLastIndex((word) => /^(?:of|on|for|and)$/.test(word)) + 1);
      // The name follows the last title or office word: "for Near Eastern Affairs Martin Indyk" is Martin Indyk.
      const marker = tail.findLastIndex((word, at) => at < tail.length - 2 && (TITLE.test(word) || OFFICE_WORD.test(word)));
      const rest = marker >= 0 ? tail.slice(marker + 1) : tail.slice(1);
      const name = tail.length >= 2 && !ORGANISATION_WORD.test(tail[tail.length - 1]!) ? cleanName(rest) : undefined;
      if (name !== undefined && tail.length >= 3) return { text: name, kind: 'name', start: list[index - rest.length + 1]!.start, end: last!.end };
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
  const MAX_ROLE_WORDS = 12; // "the former secretary of state and current Democratic presidential nominee"
  while (first > 0 && end - first < MAX_ROLE_WORDS) {
    const previous = list[first - 1]!;
    if (!isWord(previous) || CUES.has(lower(previous))) break;
    first--;
    // "the seven countries": a number or quantifier may follow an article or a possessive.
    if (DETERMINERS.has(lower(previous)) && !['for', 'of', 'in', 'at', 'with', 'from'].includes(lower(list[first - 1])) && !(QUANTIFIERS.has(lower(previous)) && ARTICLES.has(lower(list[first - 1])))) break;
    if (/[’']s$/.test(previous.text) && !['for', 'of', 'in', 'at', 'with', 'from'].includes(lower(list[first - 1]))) break;
  }
  const opening = lower(list[first]);
  if (first === index && !/s$/.test(word)) return undefined; // a bare singular noun is no speaker
  if (!DETERMINERS.has(opening) && !/[’']s$/.test(list[first]!.text) && !/s$/.test(word) && !isCapitalised(list[first]!.text)) return undefined;
  const text = list.slice(first, index + 1).map((token) => token.text).join(' ');
  const plural = /s$/.test(word) && !/ss$/.test(word);
  return { text, kind: plural || ORGANISATION_WORD.test(word) ? 'group' : 'role', start: list[first]!.start, end: last!.end };
}

/** Verbs that end a noun phrase read forward ("The message had ..."): auxiliaries and a few common present-tense verbs. */
const FINITE_VERB = /^(?:is|was|are|were|has|had|have|be|been|will|would|could|should|can|may|might|must|do|does|did|include|includes|included|remain|remains|seem|seems|appear|appears|become|becomes|became|get|gets|got|make|makes|made|take|takes|took|go|goes|went|come|comes|came)$/;

/** The noun phrase starting at token `start`: after an inverted cue ("said Dr. Sunniva Eklund, the ..."). */
function phraseAfter(list: readonly Token[], start: number): Mention | undefined {
  const first = list[start];
  if (!isWord(first)) return undefined;
  const word = lower(first);
  if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) return { text: first!.text, kind: 'pronoun', start: first!.start, end: first!.end };
  let index = start;
  if (isCapitalised(first!.text) && !NOT_A_NAME.test(first!.text) || TITLE.test(first!.text)) {
    while (isWord(list[index + 1]) && !DAY_WORD.test(list[index + 1]!.text) && (isCapitalised(list[index + 1]!.text) || (NAME_PARTICLE.test(list[index + 1]!.text) && isCapitalised(list[index + 2]?.text ?? '')))) index++;
    // "said Fisheries and Oceans Minister Fred Mifflin", "said Secretary of State John Kerry": a title joined by
    // "and" or "of" runs on to the name it introduces (as phraseBefore reads it), not stopping at "Fisheries".
    let joined = index;
    while (/^(?:of|and|for|on)$/.test(list[joined + 1]?.text ?? '') && isWord(list[joined + 2]) && isCapitalised(list[joined + 2]!.text)) {
      joined += 2;
      while (isWord(list[joined + 1]) && isCapitalised(list[joined + 1]!.text)) joined++;
    }
    // Only a run opening on no name of its own ("William Checkley of Johns Hopkins" is William Checkley), whose last
    // part has a title before a name of two words or more.
    const head = list.slice(start, index + 1).map((token) => token.text);
    if (joined > index && (head.length === 1 || cleanName(head) === undefined)) {
      const all = list.slice(start, joined + 1).map((token) => token.text);
      const tail = all.slice(all.findLastIndex((word) => /^(?:of|and|for|on)$/.test(word)) + 1);
      const title = tail.findLastIndex((word) => TITLE.test(word));
      const name = title >= 0 && tail.length - title > 2 ? cleanName(tail.slice(title)) : undefined;
      if (name !== undefined && name.includes(' ')) return { text: name, kind: 'name', start: list[joined - tail.length + 1 + title]!.start, end: list[joined]!.end };
    }
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
    // "The Republican nominee also outlined ...": an adverb or a past-tense verb ends the phrase; so does a verb that
    // is no participle ("The message had three parts", "The solutions offered include ...").
    if (index > start + 1 && (CUE_ADVERBS.has(next) || /^[a-z]+ed$/.test(list[index + 1]!.text))) break;
    if (index > start && FINITE_VERB.test(next)) break;
    index++;
  }
  if (index === start) return undefined;
  // "according to a recently-released "jail escort plan"": the phrase's noun is the quoted title, no speaker of it.
  if (/^["“]$/.test(list[index + 1]?.text ?? '')) return undefined;
  const head = lower(list[index]);
  const text = list.slice(start, index + 1).map((token) => token.text).join(' ');
  // An appositive name after the role: "the defense secretary, Jim Mattis".
  if (list[index + 1]?.text === ',' && isWord(list[index + 2]) && isCapitalised(list[index + 2]!.text)) {
    const named = phraseAfter(list, index + 2);
    if (named?.kind === 'name') return named;
  }
  return { text, kind: /s$/.test(head) && !/ss$/.test(head) || ORGANISATION_WORD.test(head) ? 'group' : 'role', start: first!.start, end: list[index]!.end };
}

/** Lower-case words a role may run before the name it introduces without an article ("said lead author Sunniva Eklund"). */
const MAX_BARE_ROLE_WORDS = 3;

/**
 * The name after a role written without an article, read after an inverted cue: "says lead author Sunniva
 * Eklund", "said company spokeswoman Ines Berg". Only lower-case content words may come before the name.
 */
function nameAfterBareRole(list: readonly Token[], start: number): Mention | undefined {
  for (let index = start; index < start + MAX_BARE_ROLE_WORDS; index++) {
    const token = list[index];
    if (!isWord(token) || !/^\p{Ll}[\p{Ll}-]*$/u.test(token!.text)) return undefined;
    const word = lower(token);
    if (FUNCTION_WORDS.has(word) || DETERMINERS.has(word) || CUES.has(word) || PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) return undefined;
    const next = list[index + 1];
    if (isWord(next) && isCapitalised(next!.text)) {
      const named = phraseAfter(list, index + 1);
      return named?.kind === 'name' ? named : undefined;
    }
  }
  return undefined;
}

/** A subject's appositive name: "Jim Mattis, the defense secretary, said" gives Jim Mattis for the role. */
function appositiveName(list: readonly Token[], role: Mention): Mention | undefined {
  const index = list.findIndex((token) => token.start === role.start);
  if (index < 2 || list[index - 1]?.text !== ',') return undefined;
  const named = phraseBefore(list, index - 1);
  if (named?.kind !== 'name') return undefined;
  // "... will soon deploy to Iraq, the American defense secretary said": a name a preposition governs ends the
  // reported clause; it is not the role's subject.
  const before = list[list.findIndex((token) => token.start === named.start) - 1];
  return before !== undefined && PREPOSITIONS.has(lower(before)) ? undefined : named;
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
  /** The cue word, lower case ("said", "according", a transcript label's ":"). */
  cue: string;
  inverted: boolean;
  /** A noun-like cue after a role or group ("the IMF report stated", "Trump's flurry of tweets"): left to the model, never an antecedent. */
  weak?: boolean;
  /** The subject is a relative clause's ("an architect who said"): seldom the speaker of a quote beside it. */
  relative?: boolean;
  /** The cue is a second verb of its clause ("bemoaned ... and said"). */
  coordinated?: boolean;
}

/** Words that open an introductory phrase before a clause's subject ("During a speech on Monday, Trump ..."). */
const INTRO_OPENER = /^(?:though|although|if|because|whereas|in|on|at|during|after|before|following|with|for|from|since|speaking|asked|earlier|later|meanwhile|but|and|still|yet|however|then|now|also|when|while|as|at|by|under|over|despite|amid|last|this|unlike|like|instead)$/i;

/** The subject of the clause a participle hangs from: the first name, group or pronoun after any introductory phrase. */
function clauseSubject(list: readonly Token[], before: number, roles = false): Mention | undefined {
  let start = list[0] !== undefined && /^["“]$/.test(list[0].text) ? 1 : 0;
  if (INTRO_OPENER.test(list[start]?.text ?? '')) {
    const comma = list.findIndex((token, index) => index > start && index < before && token.text === ',');
    if (comma > 0) start = comma + 1;
  }
  for (let index = start; index < before; index++) {
    const token = list[index]!;
    if (/^["“”]$/.test(token.text)) return undefined;
    const speaker = phraseAfter(list, index);
    if (speaker !== undefined && (roles || speaker.kind !== 'role')) return speaker;
    // Only the words before the clause's verb: a lower-case word that is no determiner ends the search.
    if (/^[a-z]/.test(token.text) && !DETERMINERS.has(token.text)) return undefined;
  }
  return undefined;
}

/** Every cue in `list` with its subject: "X said", "said X" (inverted), "according to X". */
function cueFrames(list: readonly Token[]): Array<Attribution & { index: number }> {
  const frames: Array<Attribution & { index: number }> = [];
  list.forEach((token, index) => {
    const word = lower(token);
    if (word === 'according' && lower(list[index + 1]) === 'to') {
      const speaker = phraseAfter(list, index + 2);
      if (speaker !== undefined) frames.push({ speaker, cueStart: token.start, cue: word, index, inverted: true });
      return;
    }
    if (!CUES.has(word) && !(word === 'went' && lower(list[index + 1]) === 'on')) return;
    // "Trump bemoaned the unrest and said ...": a second verb's subject is the clause's.
    let left = index - 1;
    while (left >= 0 && (CUE_ADVERBS.has(lower(list[left])) || /^[a-z]+ly$/.test(list[left]!.text))) left--;
    if (/^(?:and|but)$/.test(lower(list[left])) && list[left - 1]?.text !== ',') {
      const speaker = clauseSubject(list, left, true);
      if (speaker !== undefined) frames.push({ speaker, cueStart: token.start, cue: word, index, inverted: false, coordinated: true });
      return;
    }
    const relative = /^(?:who|that|which)$/.test(lower(list[left]));
    const subject = phraseBefore(list, index) ?? subjectAcrossAppositive(list, index);
    if (subject !== undefined) {
      const weak = NOUN_LIKE_CUES.has(word) && (subject.kind === 'role' || (subject.kind === 'group' && /\s\p{Ll}[\p{L}-]*$/u.test(subject.text)));
      const frame: Attribution & { index: number } = { speaker: subject.kind === 'role' ? (appositiveName(list, subject) ?? subject) : subject, cueStart: token.start, cue: word, index, inverted: false };
      if (weak) frame.weak = true;
      if (relative) frame.relative = true;
      frames.push(frame);
      return;
    }
    // A participle after a comma ("..., saying the city ...", "..., calling it ..."): the clause's subject speaks.
    if (word.endsWith('ing')) {
      const speaker = clauseSubject(list, index);
      if (speaker !== undefined && list[index - 1]?.text === ',') frames.push({ speaker, cueStart: token.start, cue: word, index, inverted: false });
      return;
    }
    // Inverted, after a quote or a comma: `," said Dr. Sunniva Eklund`; times may come between.
    const before = list[index - 1]?.text;
    if (before === undefined || /^[,"”:;—–]$/.test(before) || index === 0) {
      let next = index + 1;
      const rest = list.slice(next).map((item) => item.text).join(' ');
      const skipped = SKIPPED_AFTER_CUE.exec(rest);
      if (skipped !== null && skipped[0].trim().length > 0) next += skipped[0].trim().split(/\s+/).length;
      const speaker = phraseAfter(list, next) ?? nameAfterBareRole(list, next);
      if (speaker !== undefined) frames.push({ speaker, cueStart: token.start, cue: word, index, inverted: true });
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

function sentenceEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const limit = newline < 0 ? text.length : newline;
  const stop = /[a-z\d)][.!?]["”]?(?=\s+["“]?[A-Z])/g;
  stop.lastIndex = offset;
  for (let match = stop.exec(text); match !== null && match.index < limit; match = stop.exec(text)) {
    // "Dr. Sunniva Eklund", "U.S. officials": an abbreviation's full stop ends no sentence.
    if (/(?:^|[\s("“])(?:Mr|Mrs|Ms|Dr|Del|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Prof|Jr|Sr|St|Mt|Ft|No|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$/.test(text.slice(Math.max(0, match.index - 8), match.index + 2))) continue;
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
  /** Surname -> its earliest mention with a full name, made on first use. */
  firstFull?: Map<string, { name: string; start: number }>;
  /** Surname -> every mention with a full name, in text order, when two or more people share it. */
  shared?: Map<string, ReadonlyArray<{ name: string; start: number; given: string }>>;
}

const surname = (name: string) => name.split(' ').pop()!.toLowerCase();

/** The people an article names (capitalised runs of two or more words, or surnames of people named before). */
function indexPeople(text: string): PersonIndex {
  const mentions: PersonIndex['mentions'] = [];
  const gender = new Map<string, Gender>();
  const roles: PersonIndex['roles'] = [];
  const known = new Set<string>();
  const runs = /(?:\b(?:[a-z]+\s+){0,3})?(?:[A-Z][\p{L}'’.-]*\s+){0,2}[A-Z][\p{L}'’.-]*(?:\s+(?:de|van|von|al|bin|da|le|la|del)?\s*[A-Z][\p{L}'’-]*)*/gu;
  // A name runs within one line: a heading's capitals ("... About 500 Million Objects") end before the paragraph under it.
  for (const match of text.matchAll(/(?:(?:[A-Z][\p{L}'’-]*|(?:Mr|Mrs|Ms|Dr|Del|Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|[A-Z]|(?:[A-Z]\.)+[A-Z])\.)[^\S\n]+)*[A-Z][\p{L}'’-]*/gu)) {
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
  let cursor = 0; // mentions are in text order: one pass over them, not one per sentence
  for (let start = 0, next = 0; start < text.length; start = next) {
    next = sentenceEnd(text, start) + 1;
    while (cursor < mentions.length && mentions[cursor]!.start < start) cursor++;
    const inside: typeof mentions = [];
    for (let at = cursor; at < mentions.length && mentions[at]!.start < next; at++) inside.push(mentions[at]!);
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

/** A surname shared by people named so far is one person's when that full name is written this many times as often as
 * the others' together (PolNeAR dev: the bare surname was left on 26 quotes, the article's main person's in nearly all). */
const DOMINANT_NAME_FACTOR = 3;

/** The full name of a person named by surname only, from the article's earlier mentions. */
function fullName(name: string, people: PersonIndex, before: number, text = ''): string {
  if (name.includes(' ')) return name;
  // The earliest full name per surname, built once per article (a scan per call made long articles quadratic).
  if (people.firstFull === undefined) {
    people.firstFull = new Map();
    const all = new Map<string, Array<{ name: string; start: number }>>();
    for (const mention of people.mentions) {
      if (!mention.name.includes(' ')) continue;
      if (!people.firstFull.has(surname(mention.name))) people.firstFull.set(surname(mention.name), mention);
      all.set(surname(mention.name), [...(all.get(surname(mention.name)) ?? []), mention]);
    }
    // Two people, not one person and a run of capitals before a surname ("Adds Weir", "Could Obama"): a given name is
    // no word the article also writes in lower case.
    // The given name is the word before the surname, initials passed over ("Neil M. Gorsuch" and "Wisconsin Gov. Neil
    // Gorsuch" are one Neil).
    const lowerWords = new Set(text.match(/(?<![\p{L}'’-])\p{Ll}[\p{L}'’-]*/gu) ?? []);
    const givenName = (name: string) => {
      const word = name.split(' ').slice(0, -1).filter((part) => !/^\p{Lu}\.$/u.test(part)).pop() ?? '';
      return /^\p{Lu}\p{Ll}+$/u.test(word) && !lowerWords.has(word.toLowerCase()) && !TITLE.test(word) && !DESCRIPTOR.test(word) && !NOT_A_NAME.test(word) ? word : undefined;
    };
    people.shared = new Map(
      [...all]
        .map(([key, mentions]) => [key, mentions.flatMap((mention) => { const given = givenName(mention.name); return given === undefined ? [] : [{ ...mention, given }]; })] as const)
        .filter(([, mentions]) => new Set(mentions.map((mention) => mention.given)).size > 1),
    );
  }
  // "Toby Marsh ... His brother, Dale R. Marsh, ... Marsh told officers": a surname two people named so far share stays a
  // surname (the earliest full name was the boy who died, given as the speaker of his brother's words), unless one of
  // them is the article's person, named far more often than the others ("Ted Cruz" again and again, "Heidi Cruz" once).
  const shared = people.shared?.get(name.toLowerCase());
  if (shared !== undefined) {
    const counts = new Map<string, { name: string; count: number }>();
    for (const mention of shared) {
      if (mention.start >= before) break;
      const entry = counts.get(mention.given) ?? { name: mention.name, count: 0 };
      entry.count++;
      counts.set(mention.given, entry);
    }
    // One of them named so far: that one (not an earlier run of capitals such as "AP Photo Trump").
    const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
    const others = ranked.slice(1).reduce((sum, entry) => sum + entry.count, 0);
    if (ranked.length > 0) return ranked[0]!.count >= DOMINANT_NAME_FACTOR * others ? ranked[0]!.name : name;
  }
  const first = people.firstFull.get(name.toLowerCase());
  return first !== undefined && first.start < before ? first.name : name;
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
  // Both lists are in text order: read back from `before` to the first that fits.
  let nearestSpeaker: { name: string; at: number } | undefined;
  for (let at = countBefore(speakers, (attribution) => attribution.cueStart, before) - 1; at >= 0; at--) {
    const attribution = speakers[at]!;
    if (attribution.weak) continue;
    if (attribution.speaker.kind === 'name' && compatible(attribution.speaker.text)) {
      nearestSpeaker = { name: attribution.speaker.text, at: attribution.cueStart };
      break;
    }
  }
  // A mere mention is a person only when a title or pronouns gave it a gender ("North Korea" got none).
  let nearestMention: { name: string; at: number } | undefined;
  for (let at = countBefore(people.mentions, (mention) => mention.start, before) - 1; at >= 0; at--) {
    const mention = people.mentions[at]!;
    if (people.gender.get(surname(mention.name)) === wanted) {
      nearestMention = { name: mention.name, at: mention.start };
      break;
    }
  }
  // The nearest compatible speaker is the antecedent (in news, "he said" continues the last speaker far more
  // often than it picks up a person merely mentioned: 0.59 against 0.50 on PolNeAR dev); else a mention.
  const choice = nearestSpeaker ?? nearestMention;
  return choice?.name;
}

function resolveGroup(before: number, speakers: readonly Attribution[]): string | undefined {
  for (let at = countBefore(speakers, (attribution) => attribution.cueStart, before) - 1; at >= 0; at--) {
    const attribution = speakers[at]!;
    if (attribution.weak) continue;
    if (attribution.speaker.kind === 'group' || attribution.speaker.kind === 'role') return attribution.speaker.text;
  }
  return undefined;
}

/** How many items of a list in text order start before `offset` (binary search). */
function countBefore<T>(list: readonly T[], startOf: (item: T) => number, offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (startOf(list[middle]!) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A quotation within one paragraph: marks pair up again in each paragraph, so one unclosed quote (a quotation running
 * on into the next paragraph, which opens with a mark of its own) does not turn every later quote inside out; such a
 * quote ends at its paragraph's end. */
const QUOTE = /[“"]([^“”"\n]+)(?:[”"]|(?=[^\S\n]*\n))/g;
/** A name after a dash closing the quote's line: `” ― Sonya Herridge`, `" -- Jane Roe, Oakmere`. */
const DASH_ATTRIBUTION = /^\s*(?:―|—|–|--?)\s*((?:[A-Z][\p{L}'’.-]*\s?){1,4})[.,]?[^\n]{0,40}(?:\n|$)/u;
/** The same inside a run of reader comments, the next quote right after the name: `." - Krystal Correa "He can't ...`. */
const INLINE_DASH_ATTRIBUTION = /^\s*(?:―|—|–|--?)\s*((?:[A-Z][\p{L}'’.-]*\s){0,3}[A-Z][\p{L}'’.-]*)\s*(?=["“])/u;
/** A transcript label opening a paragraph: "PENCE: ...", "Mr. Trump: ...". */
const TRANSCRIPT_LABEL = /^((?:(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][\p{L}'’-]*)|(?:[A-Z][A-Z.'’-]+\s+){0,2}[A-Z][A-Z'’-]+)\s*:\s/u;
/** Sentences before the quote's own whose cues and subjects are candidates (a continuation's speaker is near). */
const SENTENCES_BACK = 3;
/** Paragraphs back for the same. */
const PARAGRAPHS_BACK = CONTINUATION_PARAGRAPHS;
const PREPOSITIONS = new Set(['of', 'to', 'for', 'with', 'against', 'by', 'about', 'from', 'on', 'at', 'in', 'than', 'and', 'or', 'like', 'as', 'into', 'over', 'under', 'between']);

/** Where a candidate stands relative to the quote. */
type Position = 'in-before' | 'in-after' | 'next' | 'prev1' | 'prev2' | 'para1' | 'para2' | 'far';

export interface SpeakerCandidate {
  /** The speaker as it will be reported (names resolved; a pronoun still `pronoun` when unresolved); none for "nobody". */
  speaker?: Mention;
  /** Where the candidate is written, for matching against annotated spans. */
  start: number;
  end: number;
  features: string[];
}

export interface QuoteChoice {
  quote: FoundQuote;
  candidates: SpeakerCandidate[];
  chosen: number;
}

interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  list: Token[];
}

const distanceBucket = (chars: number) => (chars < 20 ? 'a' : chars < 60 ? 'b' : chars < 150 ? 'c' : chars < 400 ? 'd' : 'e');
const lastWordOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim().split(/\s+/).pop() ?? '';

/** Scores a candidate's features with the model's weights; unknown features weigh nothing. */
function scoreOf(features: readonly string[], weights: Readonly<Record<string, number>>): number {
  let score = 0;
  for (const feature of features) score += weights[feature] ?? 0;
  return score;
}

export function findQuotes(article: Pick<Article, 'text'>): FoundQuote[] {
  return chooseSpeakers(article, SPEAKER_WEIGHTS).map((choice) => choice.quote);
}

/** Between two halves of one quoted sentence: its attribution alone ("Correlation is not proof," she cautioned, "but ..."). */
const INTERRUPTING_ATTRIBUTION = /^[,;]?\s*,?\s*[^"“”.!?\n]{1,60},\s*$/;
/** A quote at a quote mark: its closing mark's end is where the attribution after it begins. */
const QUOTE_AT = /[“"][^“”"\n]+(?:[”"]|(?=[^\S\n]*\n))/y;

/**
 * Quotes with a sentence interrupted by its attribution told whole: "Correlation is not proof," she cautioned, "but the
 * timing lines up remarkably well." is one quote, not "Correlation is not proof" and a fragment opening on "but".
 * For the story's quote list; findQuotes keeps the halves (each is a quote of the annotated corpora).
 */
export function joinInterruptedQuotes(text: string, quotes: readonly FoundQuote[]): FoundQuote[] {
  const joined: FoundQuote[] = [];
  for (const quote of quotes) {
    const last = joined[joined.length - 1];
    if (last !== undefined && last.speaker === quote.speaker && /^[a-z]/.test(quote.text)) {
      QUOTE_AT.lastIndex = last.start;
      const end = QUOTE_AT.exec(text) === null ? -1 : QUOTE_AT.lastIndex;
      if (end >= 0 && end <= quote.start && INTERRUPTING_ATTRIBUTION.test(text.slice(end, quote.start))) {
        joined[joined.length - 1] = { ...last, text: `${last.text}${/[,;:.!?]$/.test(last.text) ? '' : ','} ${quote.text}` };
        continue;
      }
    }
    joined.push(quote);
  }
  return joined;
}

/**
 * Every quote with its candidate speakers, their features, and the one `weights` ranks first. A candidate is the
 * subject of a cue frame near the quote (before or after it, in its sentence, the next one, or a few sentences and
 * paragraphs back), a name or pronoun standing as a nearby clause's subject, or the previous quote's speaker.
 * Exported for the training script (bench/train-speakers.ts); findQuotes uses the committed weights.
 */
export function chooseSpeakers(article: Pick<Article, 'text'>, weights: Readonly<Record<string, number>>): QuoteChoice[] {
  const text = article.text;
  const people = indexPeople(text);
  const paragraphs = paragraphStarts(text);
  const paragraphOf = (offset: number) => {
    let low = 0;
    let high = paragraphs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (paragraphs[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  // Every attribution frame in the article, in order, with names resolved: the antecedents of pronouns.
  const frames: Attribution[] = [];
  const quoteRanges = [...text.matchAll(QUOTE)].map((match) => [match.index, match.index + match[0].length] as const);
  // Binary searches over the quotes (in text order), so a long article with many quotes stays near-linear.
  const firstQuoteFrom = (offset: number) => {
    let low = 0;
    let high = quoteRanges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (quoteRanges[middle]![0] < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const insideQuote = (offset: number) => {
    const range = quoteRanges[firstQuoteFrom(offset) - 1];
    return range !== undefined && offset > range[0] && offset < range[1];
  };
  const paragraphSet = new Set(paragraphs);
  const resolve = (mention: Mention, at: number): Mention => {
    if (mention.kind === 'name') return { ...mention, text: fullName(mention.text, people, at + 1, text) };
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
  const sentences: Sentence[] = [];
  for (let start = 0; start < text.length; ) {
    const end = sentenceEnd(text, start);
    const list = tokens(text.slice(start, end), start);
    sentences.push({ start, end, paragraph: paragraphOf(start), list });
    const label = TRANSCRIPT_LABEL.exec(text.slice(start, end));
    if (label !== null && paragraphSet.has(start)) {
      const name = cleanName(label[1]!.split(/\s+/));
      if (name !== undefined) {
        const speaker = resolve({ text: name.charAt(0) + name.slice(1).toLowerCase(), kind: 'name', start, end: start + label[1]!.length }, start);
        frames.push({ speaker, cueStart: start, cue: ':', inverted: false });
      }
    }
    for (const frame of cueFrames(list)) {
      if (insideQuote(frame.cueStart)) continue;
      const attribution: Attribution = { speaker: resolve(frame.speaker, frame.speaker.start), cueStart: frame.cueStart, cue: frame.cue, inverted: frame.inverted };
      if (frame.weak) attribution.weak = true;
      if (frame.relative) attribution.relative = true;
      if (frame.coordinated) attribution.coordinated = true;
      frames.push(attribution);
    }
    start = end;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  frames.sort((a, b) => a.cueStart - b.cueStart);
  const firstFrameFrom = (offset: number) => {
    let low = 0;
    let high = frames.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (frames[middle]!.cueStart < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const sentenceOf = (offset: number) => {
    let low = 0;
    let high = sentences.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (sentences[middle]!.start <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  // Clause subjects outside quotes: a name, group or pronoun opening a sentence (after any introductory phrase),
  // or any name in it, with what surrounds it.
  const mentionsOf = new Map<number, Array<{ mention: Mention; subject: boolean; afterPreposition: boolean; possessive: boolean; beforeVerb: boolean }>>();
  // Words the article capitalises inside a sentence: a one-word name opening a sentence must be one of them
  // ("Hence", "Nowhere", "Old" open sentences; "Kidd" is written mid-sentence too).
  const midSentence = new Set([...text.matchAll(/(?<=[\p{Ll},;] )\p{Lu}[\p{L}'’-]*/gu)].map((match) => match[0].replace(/['’]s$/, '')));
  const sentenceMentions = (index: number) => {
    const cached = mentionsOf.get(index);
    if (cached !== undefined) return cached;
    const sentence = sentences[index]!;
    const list = sentence.list;
    const found: Array<{ mention: Mention; subject: boolean; afterPreposition: boolean; possessive: boolean; beforeVerb: boolean }> = [];
    let clauseStart = list[0] !== undefined && /^["“]$/.test(list[0].text) ? 1 : 0;
    if (INTRO_OPENER.test(list[clauseStart]?.text ?? '')) {
      const comma = list.findIndex((token, at) => at > clauseStart && token.text === ',');
      if (comma > 0 && comma < 12) clauseStart = comma + 1;
    }
    for (let at = 0; at < list.length; at++) {
      const token = list[at]!;
      const previous = list[at - 1];
      // "(Vt.)", "(R-Ky.)": a party or state tag in brackets is no speaker.
      if (insideQuote(token.start) || !isWord(token) || previous?.text === '(') continue;
      const word = lower(token);
      let mention: Mention | undefined;
      if (PERSON_PRONOUNS.has(word) || word === 'they') mention = { text: token.text, kind: 'pronoun', start: token.start, end: token.end };
      else if (isCapitalised(token.text) && !(isWord(previous) && isCapitalised(previous!.text) && !NOT_A_NAME.test(previous!.text))) {
        mention = phraseAfter(list, at);
        if (mention !== undefined && mention.kind === 'role') mention = undefined;
        const firstWord = at === 0 || (at === 1 && /^["“]$/.test(list[0]!.text));
        if (mention !== undefined && firstWord && !mention.text.includes(' ') && !midSentence.has(mention.text)) mention = undefined;
        // "in Russian and English", "Press 2 ...": one word that describes a title or is a language names nobody.
        if (mention !== undefined && mention.kind !== 'pronoun' && !mention.text.includes(' ') && (DESCRIPTOR.test(mention.text) || LANGUAGE_NAME.test(mention.text))) mention = undefined;
      }
      if (mention === undefined) continue;
      const after = list.findIndex((item) => item.start >= mention!.end);
      const next = after < 0 ? undefined : list[after];
      found.push({
        mention: resolve(mention, mention.start),
        subject: at === clauseStart,
        afterPreposition: PREPOSITIONS.has(lower(previous)),
        possessive: /[’']s$/.test(text.slice(mention.start, mention.end)) || /^[’']s\b/.test(text.slice(mention.end, mention.end + 3)),
        beforeVerb: next !== undefined && /^[a-z]/.test(next.text) && !DETERMINERS.has(next.text) && !PREPOSITIONS.has(next.text),
      });
    }
    mentionsOf.set(index, found);
    return found;
  };

  const choices: QuoteChoice[] = [];
  // Quotations left open at their paragraph's end: the next paragraph's opening quote goes on with them.
  const runsOn = new Set<number>();
  let previous: { speaker: Mention; paragraph: number } | undefined;
  for (const match of text.matchAll(QUOTE)) {
    const quoted = match[1]!.trim().replace(/[,]$/, '');
    if (quoted.split(/\s+/).length < MIN_QUOTE_WORDS) continue;
    const quoteStart = match.index;
    const quoteEnd = match.index + match[0].length;
    const paragraph = paragraphOf(quoteStart);
    const quote: FoundQuote = { text: quoted, start: quoteStart };
    if (!/[”"]$/.test(match[0])) runsOn.add(quoteStart);
    // A byline dash after the quote: "...” ― Pamela Padilla" ending the line, or before the next comment's quote.
    const after = text.slice(quoteEnd, quoteEnd + TRAILING_REACH);
    const dashed = INLINE_DASH_ATTRIBUTION.exec(after) ?? DASH_ATTRIBUTION.exec(after);
    const dashedName = dashed === null ? undefined : cleanName(dashed[1]!.trim().replace(/(\p{L}{2})\.$/u, '$1').split(/\s+/));
    if (dashedName !== undefined) {
      quote.speaker = dashedName;
      const start = quoteEnd + dashed!.index + dashed![0].indexOf(dashed![1]!);
      const speaker: Mention = { text: dashedName, kind: 'name', start, end: start + dashed![1]!.length };
      choices.push({ quote, candidates: [{ speaker, start, end: speaker.end, features: ['dash'] }], chosen: 0 });
      previous = { speaker, paragraph };
      continue;
    }
    const first = sentenceOf(quoteStart);
    const last = sentenceOf(Math.max(quoteStart, quoteEnd - 1));
    const terminal = /[.?!]\s*$/.test(match[1]!) ? 'stop' : /,\s*$/.test(match[1]!) ? 'comma' : 'open';
    const paragraphStart = paragraphs[paragraph]!;
    const paragraphInitial = /^\s*$/.test(text.slice(paragraphStart, quoteStart));
    const nextParagraph = paragraphs[paragraph + 1] ?? text.length;
    const wholeParagraph = paragraphInitial && /^[\s.,]*$/.test(text.slice(quoteEnd, nextParagraph));
    const positionOf = (offset: number): Position | undefined => {
      const index = sentenceOf(offset);
      const where = sentences[index]!;
      if (index >= first && index <= last) return offset < quoteStart ? 'in-before' : 'in-after';
      if (index === last + 1) return where.paragraph === paragraph ? 'next' : undefined;
      if (index > last) return undefined;
      if (where.paragraph === paragraph) return index === first - 1 ? 'prev1' : 'prev2';
      const back = paragraph - where.paragraph;
      return back === 1 ? 'para1' : back <= PARAGRAPHS_BACK ? 'para2' : 'far';
    };
    const ownFrames = frames.filter((frame) => !frame.weak && (positionOf(frame.cueStart) === 'in-before' || positionOf(frame.cueStart) === 'in-after') && !(frame.cueStart > quoteStart && frame.cueStart < quoteEnd));
    const context = [`own=${ownFrames.length > 0}`, `term=${terminal}`, `pinit=${paragraphInitial}`, `whole=${wholeParagraph}`];
    const candidates: SpeakerCandidate[] = [];
    const add = (speaker: Mention, start: number, end: number, source: string, position: Position, extra: string[]) => {
      const distance = start >= quoteEnd ? start - quoteEnd : Math.max(0, quoteStart - end);
      const features = [
        `src=${source}`, `kind=${speaker.kind}`, `src=${source}|kind=${speaker.kind}`,
        `pos=${position}`, `src=${source}|pos=${position}`, `kind=${speaker.kind}|pos=${position}`,
        `dist=${distanceBucket(distance)}`, `src=${source}|dist=${distanceBucket(distance)}`,
        ...context.map((item) => `pos=${position}|${item}`),
        ...extra,
      ];
      const between = start >= quoteEnd ? [quoteEnd, start] : [end, quoteStart];
      const inBetween = quoteRanges[firstQuoteFrom(between[0]!)];
      if (inBetween !== undefined && inBetween[1] <= between[1]!) features.push(`src=${source}|other-quote-between`, `pos=${position}|other-quote-between`);
      if (previous !== undefined && lastWordOf(previous.speaker.text) === lastWordOf(speaker.text)) features.push('same-as-previous', `pos=${position}|same-as-previous`);
      if (speaker.kind === 'pronoun') features.push('unresolved');
      candidates.push({ speaker, start, end, features });
    };
    // Words between a candidate before the quote and the quote ("said:" 0, "said that" that, "said the city was" 4).
    const gapOf = (from: number) => {
      const words = text.slice(from, quoteStart).match(/[\p{L}\p{N}]+/gu) ?? [];
      return words.length === 0 ? '0' : words.length === 1 && /^that$/i.test(words[0]!) ? 'that' : words.length <= 3 ? 'short' : words.length <= 10 ? 'mid' : 'long';
    };
    // What follows a candidate after the quote to its sentence's end ("..., Trump said." end; "said on Friday" short).
    const tailOf = (from: number) => {
      const end = sentences[sentenceOf(Math.max(from - 1, 0))]!.end;
      const words = (text.slice(from, Math.max(from, end)).match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !TIME_BEFORE_CUE.test(word));
      return words.length === 0 ? 'end' : words.length <= 3 ? 'short' : 'long';
    };
    const lowest = Math.max(0, first - SENTENCES_BACK);
    const windowStart = Math.min(sentences[lowest]!.start, paragraphs[Math.max(0, paragraph - PARAGRAPHS_BACK)]!);
    const windowEnd = sentences[Math.min(last + 1, sentences.length - 1)]!.end;
    for (let at = firstFrameFrom(windowStart); at < frames.length && frames[at]!.cueStart <= windowEnd; at++) {
      const frame = frames[at]!;
      if (frame.cueStart > quoteStart && frame.cueStart < quoteEnd) continue;
      const adjacentAfter = frame.cueStart >= quoteEnd && /^[\s,.!?—–-]*$/.test(text.slice(quoteEnd, Math.min(frame.speaker.start, frame.cueStart)));
      // `"...?" Clinton said.`: a cue right after the quote belongs to its sentence, however the splitter cut it.
      const position = adjacentAfter ? 'in-after' : positionOf(frame.cueStart);
      if (position === undefined || position === 'far') continue;
      if (sentenceOf(frame.cueStart) < lowest && position !== 'para1' && position !== 'para2') continue;
      if ((position === 'para1' || position === 'para2') && sentenceOf(frame.cueStart) < lowest) {
        // Farther back only the last frame of each earlier paragraph: the speaker a continuation carries on.
        const later = frames[at + 1];
        if (later !== undefined && later.cueStart < quoteStart && paragraphOf(later.cueStart) === paragraphOf(frame.cueStart)) continue;
      }
      const speakerEnd = Math.max(frame.speaker.end, frame.cueStart + frame.cue.length);
      const extra = [`cue=${frame.cue}`, `cue=${frame.cue}|pos=${position}`, `cue=${frame.cue}|kind=${frame.speaker.kind}`, `inverted=${frame.inverted}|pos=${position}`];
      if (frame.weak) extra.push('weak', `weak|kind=${frame.speaker.kind}`);
      if (frame.relative) extra.push('relative', `relative|pos=${position}`);
      if (frame.coordinated) extra.push('coordinated', `coordinated|pos=${position}`);
      if (adjacentAfter) extra.push('adjacent-after', `adjacent-after|term=${terminal}`, `adjacent-after|tail=${tailOf(speakerEnd)}`);
      if (frame.cueStart < quoteStart) extra.push(`frame|gap=${gapOf(speakerEnd)}`, `gap=${gapOf(speakerEnd)}|cue=${frame.cue}`);
      else extra.push(`frame|tail=${tailOf(speakerEnd)}`, `frame|tail=${tailOf(speakerEnd)}|pos=${position}`);
      // A frame that introduces a quote of its own after this one ("The IAEA said North Korea had shown "...").
      const following = quoteRanges[firstQuoteFrom(frame.cueStart + 1)];
      if (frame.cueStart >= quoteEnd && following !== undefined && sentenceOf(following[0]) === sentenceOf(frame.cueStart)) extra.push('introduces-another-quote');
      add(frame.speaker, frame.speaker.start, frame.speaker.end, 'frame', position, extra);
    }
    const seen = new Set(candidates.map((candidate) => candidate.start));
    for (let index = Math.max(0, first - 2); index <= last; index++) {
      const position = positionOf(sentences[index]!.start) ?? 'far';
      if (position === 'para2' || position === 'far') continue;
      for (const found of sentenceMentions(index)) {
        if (seen.has(found.mention.start)) continue;
        const mentionPosition = found.mention.start >= quoteEnd && /^[\s,.!?—–-]*$/.test(text.slice(quoteEnd, found.mention.start)) ? 'in-after' : (positionOf(found.mention.start) ?? position);
        const place = found.mention.end <= quoteStart ? `gap=${gapOf(found.mention.end)}` : `tail=${tailOf(found.mention.end)}`;
        const extra = [place, `${place}|subject=${found.subject}`, `subject=${found.subject}`, `subject=${found.subject}|pos=${mentionPosition}`, `after-preposition=${found.afterPreposition}`, `possessive=${found.possessive}`, `before-verb=${found.beforeVerb}`, `subject=${found.subject}|before-verb=${found.beforeVerb}`];
        add(found.mention, found.mention.start, found.mention.end, 'mention', mentionPosition, extra);
      }
    }
    if (previous !== undefined && paragraph - previous.paragraph <= PARAGRAPHS_BACK) {
      const back = paragraph - previous.paragraph;
      add(previous.speaker, previous.speaker.start, previous.speaker.end, 'previous', back === 0 ? 'prev1' : back === 1 ? 'para1' : 'para2', [`back=${back}`]);
    }
    // Nearest of each source on each side: the old rule's first choice, now one feature among others.
    const nearest = new Map<string, { index: number; distance: number }>();
    candidates.forEach((candidate, index) => {
      const side = candidate.start >= quoteEnd ? 'after' : 'before';
      if (candidate.speaker === undefined) return;
      const source = candidate.features[0]!;
      const distance = side === 'after' ? candidate.start - quoteEnd : quoteStart - candidate.end;
      const key = `${source}|${side}`;
      const best = nearest.get(key);
      if (best === undefined || distance < best.distance) nearest.set(key, { index, distance });
    });
    for (const [key, { index }] of nearest) candidates[index]!.features.push(`nearest|${key}`);
    // "Nobody": the model may leave a quote unattributed (a title, a scare quote, or no candidate it trusts).
    candidates.push({ start: quoteStart, end: quoteStart, features: ['none', ...context.map((item) => `none|${item}`), `none|candidates=${Math.min(candidates.length, 4)}`] });
    let chosen = -1;
    let best = -Infinity;
    candidates.forEach((candidate, index) => {
      const score = scoreOf(candidate.features, weights);
      if (score > best) {
        best = score;
        chosen = index;
      }
    });
    const speaker = chosen < 0 ? undefined : candidates[chosen]!.speaker;
    if (speaker !== undefined && speaker.kind !== 'pronoun') {
      quote.speaker = speaker.text;
      previous = { speaker, paragraph };
    }
    choices.push({ quote, candidates, chosen });
  }
  // A quotation running on into the next paragraph ('"... us.' then '"Then the water rose," said Tom Hale.') is the
  // speaker's of the quote that goes on with it, named there; read backwards, so a run of paragraphs takes one speaker.
  for (let at = choices.length - 2; at >= 0; at--) {
    const { quote } = choices[at]!;
    const next = choices[at + 1]!.quote;
    if (quote.speaker !== undefined || next.speaker === undefined || !runsOn.has(quote.start)) continue;
    const paragraph = paragraphOf(next.start);
    if (paragraph === paragraphOf(quote.start) + 1 && paragraphs[paragraph] === next.start) quote.speaker = next.speaker;
  }
  return choices;
}
