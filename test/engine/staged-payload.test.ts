// The payload a queue worker stages and the applier reads back (issue 16, session 32): term frequencies go as two
// arrays, not a pair array per term; what the applier gets is the prepared article's, in the same order, and a
// payload staged by an older worker (pairs) still reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ENGINE_SETTINGS } from '../../src/engine/index.ts';
import { prepareForIngest, stagedPayload } from '../../src/engine/prepare.ts';
import { preparedFrom } from '../../src/engine/queue.ts';

const TEXT = [
  'Flood waters rose across the valley on Tuesday as the river broke its banks near the old mill.',
  'Officials said 400 homes were evacuated and the main bridge was closed to traffic until further notice.',
  'The river, swollen by a week of rain, is expected to crest on Thursday, forecasters said.',
].join('\n\n');

function prepared() {
  const result = prepareForIngest({ origin: { path: 'flood.txt', format: 'text' }, title: 'Valley floods as river breaks its banks', text: TEXT }, 1_700_000_000_000, DEFAULT_ENGINE_SETTINGS.sketch);
  assert.ok(result.ok);
  return result;
}

test('a staged payload reads back to the prepared term frequencies, in their order, with no pair array per term', () => {
  const article = prepared();
  const payload = stagedPayload(article);
  assert.equal('frequencies' in payload, false, 'before: [term, count] pairs');
  const read = preparedFrom(JSON.stringify(payload));
  assert.deepEqual([...read.frequencies!], [...article.frequencies]);
  assert.deepEqual(read.paragraphKeys, article.paragraphKeys);
  assert.deepEqual([...read.sketch!.bandKeys], [...article.sketch.bandKeys]);
  assert.deepEqual(read.article, article.article);
});

test('a payload staged with frequency pairs (a worker before session 32) still reads', () => {
  const article = prepared();
  const { frequencyText, frequencyCounts, ...rest } = stagedPayload(article);
  const older = { ...rest, frequencies: [...article.frequencies] };
  assert.ok(frequencyText !== undefined && frequencyCounts.length > 0);
  assert.deepEqual([...preparedFrom(JSON.stringify(older)).frequencies!], [...article.frequencies]);
});

test('terms are staged as one string, not a string per term; a payload with a term array (session 32) still reads', () => {
  const article = prepared();
  const payload = stagedPayload(article);
  assert.equal(typeof payload.frequencyText, 'string');
  assert.equal('frequencyTerms' in payload, false, 'before: an array of terms, parsed string by string');
  const { frequencyText, ...rest } = payload;
  const older = { ...rest, frequencyTerms: [...article.frequencies.keys()] };
  assert.deepEqual([...preparedFrom(JSON.stringify(older)).frequencies!], [...article.frequencies]);
});

test('a term holding the separator is staged in an array and reads back', () => {
  const article = prepared();
  const frequencies = new Map([['flood', 2], ['@odd\nname', 1], ['river', 3]]);
  const payload = stagedPayload({ ...article, frequencies });
  assert.equal(payload.frequencyText, undefined);
  assert.deepEqual([...preparedFrom(JSON.stringify(payload)).frequencies!], [...frequencies]);
  assert.deepEqual([...preparedFrom(JSON.stringify(stagedPayload({ ...article, frequencies: new Map() }))).frequencies!], []);
});

test('an untitled Chinese article takes a short title, not its whole first paragraph (walk, session 34)', async () => {
  const { prepareArticle } = await import('../../src/engine/prepare.ts');
  const prepared = prepareArticle({ origin: { path: 'zh.txt', format: 'text' }, text: '上海地铁十八号线周六正式开通运营，连接浦东新区多个居民区，预计每日客流量超过二十万人次。\n\n另一段。' }, 0);
  assert.ok(prepared.ok);
  assert.equal(prepared.article.title, '上海地铁十八号线周六正式开通运营,连接浦东新区多…');
});
