// Language identification, cheap enough for every article: the script decides where a script belongs to
// one language (or one family we do not split further); Latin-script text is told apart by stopword
// profiles of the main European languages and Malay/Indonesian. Codes are BCP 47; "und" when unsure.
// No library: tinyld and franc-min would do it too, but the stories stage only needs the script (for the
// tokenizer) and a stable code, and a stopword profile of a news article is decisive for these languages.

import { ENGLISH_STOPWORDS, type Token } from './tokens.ts';

/**
 * Least share of English stopwords among word tokens for "en". Measured with tokenize() on ../shared/data:
 * English news has median 0.41 and 1st percentile 0.31 (DUC 2006 newswire, 1,250 articles), median 0.43
 * and 1st percentile 0.28 (Multi-News validation, 690 scraped articles); whole web pages of other languages
 * (trafilatura's evaluation set, boilerplate included, by <html lang>) have median 0.03 and 99th
 * percentile 0.14 for German (629 pages, maximum 0.19), medians below 0.07 for es, fr, pl, pt, it.
 * 0.2 sits well below the English floor and above nearly all of the rest.
 */
export const ENGLISH_STOPWORD_SHARE_MIN = 0.2;

/**
 * Least share of a language's stopwords for the other Latin-script languages. Their lists below are short
 * (the 30-45 commonest function words), so they cover less running text than the 178-word English list;
 * 0.15 is a first setting, checked on the fixture texts of test/text/language.test.ts only.
 */
export const OTHER_STOPWORD_SHARE_MIN = 0.15;

/** Fewer words than this and the share says nothing: "und". A one-line caption is not evidence. */
export const LANGUAGE_MIN_WORDS = 8;

/** Share of letters in one non-Latin script above which the script names the language. */
const SCRIPT_SHARE_MIN = 0.5;

const PROFILES: Readonly<Record<string, ReadonlySet<string>>> = {
  de: new Set('der die das und ist nicht ein eine einer einem den dem des mit sich auf für von zu im auch als wird wurde sind bei nach aus noch werden hat haben dass oder aber wie'.split(' ')),
  fr: new Set("le la les des du un une et est dans pour que qui sur pas par au aux ce cette il elle ont sont avec plus ne se été ses leur mais comme".split(' ')),
  es: new Set('el la los las del un una y es en que por para con no se su sus al lo como más pero fue ha han este esta entre sobre también'.split(' ')),
  it: new Set("il lo la gli le di del della dei delle un una e è che per con non si sono nel nella alla come più anche ha ma questo".split(' ')),
  pt: new Set('o a os as do da dos das um uma e é que em no na nos nas para com não se por ao mais como foi pelo pela seu sua também'.split(' ')),
  nl: new Set('de het een en is van in dat op te met voor niet zijn er aan ook als bij door maar om nog wordt werd naar heeft hebben die dit'.split(' ')),
  sv: new Set('och att det som en är av för på med till den inte har de om ett var men vid från kan sig så efter också eller'.split(' ')),
  pl: new Set('i w na z się nie do że to jest jak o od po przez dla ale jego oraz czy tak już był była są które który także'.split(' ')),
  ms: new Set('yang dan di untuk dengan ini itu dari pada dalam tidak akan ke oleh ada telah juga kepada bagi atau mereka sebagai lebih boleh kata adalah bahawa bahwa'.split(' ')),
};

/** The profiles by word: the languages whose profile holds it, in PROFILES order (which breaks ties), one lookup a word. */
const PROFILE_LANGUAGES = new Map<string, string[]>();
for (const language in PROFILES) {
  for (const word of PROFILES[language]!) {
    const languages = PROFILE_LANGUAGES.get(word);
    if (languages === undefined) PROFILE_LANGUAGES.set(word, [language]);
    else languages.push(language);
  }
}

/** Scripts that name one language (or are reported as the family's main language). */
const SCRIPT_LANGUAGES: readonly { script: RegExp; language: string }[] = [
  { script: /\p{Script=Hangul}/u, language: 'ko' },
  { script: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, language: 'ja' },
  { script: /\p{Script=Han}/u, language: 'zh' },
  { script: /\p{Script=Arabic}/u, language: 'ar' },
  { script: /\p{Script=Hebrew}/u, language: 'he' },
  { script: /\p{Script=Greek}/u, language: 'el' },
  { script: /\p{Script=Thai}/u, language: 'th' },
  { script: /\p{Script=Devanagari}/u, language: 'hi' },
  { script: /\p{Script=Cyrillic}/u, language: 'ru' },
];
/** Letters only Ukrainian uses among Cyrillic languages. */
const UKRAINIAN_LETTERS = /[іїєґ]/u;
const HAS_LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * The entry of SCRIPT_LANGUAGES whose script `norm` holds. A function of its own: a closure in scriptLanguage's
 * loop capturing the token made V8 allocate a context for every token, found or not (15 KB an article).
 */
function scriptOf(norm: string): { script: RegExp; language: string } | undefined {
  for (const entry of SCRIPT_LANGUAGES) if (entry.script.test(norm)) return entry;
  return undefined;
}

function scriptLanguage(tokens: readonly Token[]): string | undefined {
  const counts = new Map<string, number>();
  let letters = 0;
  let ukrainian = false;
  for (const token of tokens) {
    // An ASCII first character is a Latin letter or not a letter: no string made for it, no regex asked.
    const code = token.norm.charCodeAt(0);
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) letters += token.norm.length;
      continue;
    }
    const first = token.norm.charAt(0);
    if (!HAS_LETTER.test(first)) continue;
    letters += token.norm.length;
    if (LATIN.test(first)) continue;
    const match = scriptOf(token.norm);
    if (match === undefined) continue;
    // Japanese mixes kanji with kana: any kana in the text makes its Han words Japanese.
    counts.set(match.language, (counts.get(match.language) ?? 0) + token.norm.length);
    if (match.language === 'ru' && UKRAINIAN_LETTERS.test(token.norm)) ukrainian = true;
  }
  if (letters === 0) return undefined;
  if ((counts.get('ja') ?? 0) > 0 && (counts.get('zh') ?? 0) + (counts.get('ja') ?? 0) >= SCRIPT_SHARE_MIN * letters) return 'ja';
  for (const [language, count] of counts) {
    if (count >= SCRIPT_SHARE_MIN * letters) return language === 'ru' && ukrainian ? 'uk' : language;
  }
  return undefined;
}

function startsWithAsciiLetter(norm: string): boolean {
  const code = norm.charCodeAt(0) | 0x20;
  return code >= 0x61 && code <= 0x7a;
}

/**
 * The article's language as a BCP 47 code: by script for non-Latin scripts, by stopword profile for
 * Latin-script text ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "pl", "ms"), "und" when unsure.
 */
export function detectLanguage(tokens: Token[]): string {
  const byScript = scriptLanguage(tokens);
  if (byScript !== undefined) return byScript;
  let words = 0;
  let english = 0;
  const hits = new Map<string, number>();
  for (const token of tokens) {
    // Numbers are not words of any language (an ASCII letter first is a letter: no regex asked).
    if (!startsWithAsciiLetter(token.norm) && !HAS_LETTER.test(token.norm)) continue;
    words++;
    if (ENGLISH_STOPWORDS.has(token.norm)) english++;
    const languages = PROFILE_LANGUAGES.get(token.norm);
    if (languages !== undefined) for (const language of languages) hits.set(language, (hits.get(language) ?? 0) + 1);
  }
  if (words < LANGUAGE_MIN_WORDS) return 'und';
  let best: string | undefined;
  let bestHits = 0;
  for (const [language, count] of hits) {
    if (count > bestHits) {
      best = language;
      bestHits = count;
    }
  }
  // English's list is long and holds words other languages share ("a", "in", "die"): it wins only when its
  // share is convincing and no other profile matches more words.
  if (english / words >= ENGLISH_STOPWORD_SHARE_MIN && english >= bestHits) return 'en';
  if (best !== undefined && bestHits / words >= OTHER_STOPWORD_SHARE_MIN) return best;
  return 'und';
}

/** The primary subtag of a language code, lower case: "en" of "en-US" and "EN"; "und" for none. */
export function primaryLanguage(language: string | undefined): string {
  const primary = language?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return primary === '' ? 'und' : primary;
}

/**
 * Whether the English reading patterns (quotes and their speakers, numbers and what they count, disagreements) may
 * read a text in this language: English, or undetermined (a short text too brief to tell, mostly English here). A
 * German "2.000 Meter" is 2,000 metres, not 2, and "sagte Kapitän Weber" no English cue: no figures rather than wrong ones.
 */
export function readsAsEnglish(language: string | undefined): boolean {
  const primary = primaryLanguage(language);
  return primary === 'en' || primary === 'und';
}

/** Languages that write every noun with a capital, so a capitalised run is no name ("Sprecher", "Seeleute"). */
const NOUNS_CAPITALISED: ReadonlySet<string> = new Set(['de', 'lb']);

/** Whether capitalised words mark names in this language (not German, which capitalises every noun). */
export function capitalsMarkNames(language: string | undefined): boolean {
  return !NOUNS_CAPITALISED.has(primaryLanguage(language));
}
