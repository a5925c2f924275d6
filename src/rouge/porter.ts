// The Porter (1980) stemmer exactly as ROUGE-1.5.5 runs it for `-m`: Martin Porter's reference rules with
// Chin-Yew Lin's 2004 change to step 4 (a word ending in -ement is tried as -ement, then -ment, then -ent,
// each on what the previous rule left). Written from the algorithm's description, checked against ROUGE's scores.

const CONSONANT = '[^aeiou]';
const VOWEL = '[aeiouy]';
const CONSONANT_RUN = `${CONSONANT}[^aeiouy]*`;
const VOWEL_RUN = `${VOWEL}[aeiou]*`;

/** Measure m > 0: the stem holds at least one vowel run followed by a consonant run. */
const MEASURE_ABOVE_0 = new RegExp(`^(${CONSONANT_RUN})?${VOWEL_RUN}${CONSONANT_RUN}`);
/** Measure m = 1 exactly. */
const MEASURE_EQUALS_1 = new RegExp(`^(${CONSONANT_RUN})?${VOWEL_RUN}${CONSONANT_RUN}(${VOWEL_RUN})?$`);
/** Measure m > 1. */
const MEASURE_ABOVE_1 = new RegExp(`^(${CONSONANT_RUN})?${VOWEL_RUN}${CONSONANT_RUN}${VOWEL_RUN}${CONSONANT_RUN}`);
/** The stem contains a vowel. */
const HAS_VOWEL = new RegExp(`^(${CONSONANT_RUN})?${VOWEL}`);
/** Consonant-vowel-consonant ending where the last is not w, x or y (the *o condition). */
const SHORT_SYLLABLE = new RegExp(`^${CONSONANT_RUN}${VOWEL}[^aeiouwxy]$`);

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

/** The longest suffix of the list the word ends with: what a leftmost-first alternation anchored at $ finds. */
function longestSuffix(word: string, suffixes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const suffix of suffixes) if (word.endsWith(suffix) && (best === undefined || suffix.length > best.length)) best = suffix;
  return best;
}

function replaceSuffix(word: string, table: ReadonlyArray<readonly [string, string]>, condition: RegExp): string {
  const suffix = longestSuffix(word, table.map(([from]) => from));
  if (suffix === undefined) return word;
  const stem = word.slice(0, -suffix.length);
  const replacement = table.find(([from]) => from === suffix)![1];
  return condition.test(stem) ? stem + replacement : word;
}

/** Porter-stems a lower-case word as ROUGE-1.5.5 does; words under 3 letters are returned unchanged. */
export function rougePorterStem(input: string): string {
  if (input.length < 3) return input;
  // An initial y is a consonant: upper-casing it keeps the vowel patterns from matching it.
  const initialY = input.startsWith('y');
  let word = initialY ? `Y${input.slice(1)}` : input;

  // Step 1a: plurals.
  if (/(ss|i)es$/.test(word)) word = word.slice(0, -2);
  else if (/[^s]s$/.test(word)) word = word.slice(0, -1);

  // Step 1b: -eed, -ed, -ing.
  if (word.endsWith('eed')) {
    if (MEASURE_ABOVE_0.test(word.slice(0, -3))) word = word.slice(0, -1);
  } else {
    const ending = /(ed|ing)$/.exec(word);
    if (ending !== null) {
      const stem = word.slice(0, ending.index);
      if (HAS_VOWEL.test(stem)) {
        word = stem;
        if (/(at|bl|iz)$/.test(word)) word += 'e';
        else if (/([^aeiouylsz])\1$/.test(word)) word = word.slice(0, -1);
        else if (SHORT_SYLLABLE.test(word)) word += 'e';
      }
    }
  }

  // Step 1c: y to i after a vowel-bearing stem.
  if (word.endsWith('y') && HAS_VOWEL.test(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;

  word = replaceSuffix(word, STEP2, MEASURE_ABOVE_0);
  word = replaceSuffix(word, STEP3, MEASURE_ABOVE_0);

  // Step 4, ROUGE's variant: the three -ment/-ent rules run in turn instead of as one alternation.
  const step4 = longestSuffix(word, STEP4);
  if (step4 !== undefined && MEASURE_ABOVE_1.test(word.slice(0, -step4.length))) word = word.slice(0, -step4.length);
  if (word.endsWith('ment') && MEASURE_ABOVE_1.test(word.slice(0, -4))) word = word.slice(0, -4);
  if (word.endsWith('ent')) {
    if (MEASURE_ABOVE_1.test(word.slice(0, -3))) word = word.slice(0, -3);
  } else if (/[st]ion$/.test(word)) {
    const stem = word.slice(0, -3);
    if (MEASURE_ABOVE_1.test(stem)) word = stem;
  }

  // Step 5: final -e and -ll.
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    if (MEASURE_ABOVE_1.test(stem) || (MEASURE_EQUALS_1.test(stem) && !SHORT_SYLLABLE.test(stem))) word = stem;
  }
  if (word.endsWith('ll') && MEASURE_ABOVE_1.test(word)) word = word.slice(0, -1);

  return initialY ? `y${word.slice(1)}` : word;
}
