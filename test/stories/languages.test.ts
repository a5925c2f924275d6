// Articles in many languages through the whole engine: none crashes, each gets its language stored, and
// articles on one event in a caseless script (Chinese) still find each other through segmented words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import type { IngestItem } from '../../src/ingest/index.ts';
import type { RawArticle } from '../../src/model.ts';

const ARTICLES: { name: string; language: string; title: string; text: string }[] = [
  {
    name: 'zh-1.txt',
    language: 'zh',
    title: '港口渡轮因风暴停航',
    text: '港口管理局周二表示，由于强烈风暴，前往北岛的夜间渡轮将停航至周四。管理局说，已订票的乘客可以免费改签或退票。气象部门预计风暴将在周三晚间减弱。',
  },
  {
    name: 'zh-2.txt',
    language: 'zh',
    title: '风暴导致北岛渡轮停航',
    text: '因强烈风暴，港口管理局宣布前往北岛的夜间渡轮停航至周四。乘客可以免费改签或退票。气象部门表示，风暴预计周三晚间减弱，渡轮周五恢复。',
  },
  {
    name: 'ru.txt',
    language: 'ru',
    title: 'Выборы мэра прошли спокойно',
    text: 'Выборы мэра в городе прошли спокойно, сообщила избирательная комиссия в понедельник. Явка составила почти шестьдесят процентов, что выше, чем на прошлых выборах. Подсчёт голосов завершится во вторник.',
  },
  {
    name: 'ar.txt',
    language: 'ar',
    title: 'افتتاح مكتبة جديدة في المدينة',
    text: 'افتتحت البلدية يوم الأحد مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف كتاب. وقال رئيس البلدية إن المكتبة ستفتح أبوابها كل يوم حتى المساء، وإن الدخول مجاني للجميع.',
  },
  {
    name: 'de.txt',
    language: 'de',
    title: 'Neue Brücke über den Fluss eröffnet',
    text: 'Die neue Brücke über den Fluss ist am Samstag eröffnet worden, teilte die Stadtverwaltung mit. Die Bauarbeiten hatten fast drei Jahre gedauert und waren teurer als geplant. Autofahrer sparen nun bis zu zwanzig Minuten.',
  },
  {
    name: 'th.txt',
    language: 'th',
    title: 'เทศกาลดนตรีริมแม่น้ำ',
    text: 'เทศกาลดนตรีริมแม่น้ำจะจัดขึ้นในสุดสัปดาห์นี้ โดยมีวงดนตรีมากกว่าสามสิบวงเข้าร่วม ผู้จัดงานกล่าวว่าการเข้าชมไม่มีค่าใช้จ่ายและคาดว่าจะมีผู้เข้าร่วมหลายพันคน',
  },
];

async function* items(): AsyncGenerator<IngestItem> {
  for (const article of ARTICLES) {
    const raw: RawArticle = { origin: { path: article.name, format: 'text' }, title: article.title, text: article.text };
    yield { kind: 'article', raw };
  }
}

test('articles in six languages and four scripts are stored with their language and clustered by their words', async () => {
  const engine = Engine.openSqlite(':memory:');
  try {
    const report = await engine.ingestItems(items());
    assert.deepEqual(report.problems, []);
    assert.equal(report.stored, ARTICLES.length);
    const storyOfName = new Map<string, string>();
    for (const article of ARTICLES) {
      const view = await engine.article(article.name);
      assert.equal(view.article.language, article.language, article.name);
      storyOfName.set(article.name, view.storyId!);
    }
    assert.equal(storyOfName.get('zh-1.txt'), storyOfName.get('zh-2.txt'), 'the two Chinese reports of one event share a story');
    const others = ['ru.txt', 'ar.txt', 'de.txt', 'th.txt'].map((name) => storyOfName.get(name));
    assert.equal(new Set([...others, storyOfName.get('zh-1.txt')]).size, 5, 'unrelated events stay apart');
    for (const view of await engine.stories()) {
      const counted = view.timeline.perDay.reduce((sum, day) => sum + day.articles, 0);
      assert.equal(counted, view.articles.length, `the timeline of ${view.story.id} counts each article once`);
      assert.equal(view.timeline.dated, 0, 'no article here has a publication time');
    }
  } finally {
    await engine.close();
  }
});
