// Every endpoint over real HTTP against a real SQLite store holding the bundled examples; every JSON answer is
// checked against the OpenAPI document the server serves.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getJson, OpenApiValidator, startServer, TEST_TOKEN, type Running } from './harness.ts';

let running: Running;
let openapi: OpenApiValidator;

before(async () => {
  running = await startServer();
  openapi = await OpenApiValidator.load(running.base);
});
after(async () => {
  await running.stop();
});

/** Fetches `path`, checks the answer against the documented `route`, and returns status and body. */
async function call(route: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${running.base}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  const body = text === '' ? undefined : JSON.parse(text);
  if (body !== undefined) openapi.check(init.method ?? 'GET', route, response.status, response.headers.get('content-type') ?? '', body);
  return { status: response.status, body, headers: response.headers };
}

const ARTICLE = (id: string, text: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, title: `Report ${id}`, source: 'test.example', published: '2026-04-01T10:00:00Z', text, ...extra });

test('GET /stories pages to the end with the cursor, every story once, in order', async () => {
  const all = await call('/stories', '/stories?limit=100');
  assert.equal(all.status, 200);
  assert.ok(all.body.stories.length >= 4);
  assert.equal(all.body.nextCursor, undefined);
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await call('/stories', `/stories?limit=1${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.stories.length <= 1);
    seen.push(...page.body.stories.map((row: { id: string }) => row.id));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor !== undefined && pages < 50);
  assert.deepEqual(seen, all.body.stories.map((row: { id: string }) => row.id));
  const lastTimes = all.body.stories.map((row: { lastSeen: string }) => row.lastSeen);
  assert.deepEqual(lastTimes, [...lastTimes].sort().reverse(), 'most recently active first');
  const bySize = await call('/stories', '/stories?sort=size&limit=100');
  const sizes = bySize.body.stories.map((row: { articles: number }) => row.articles);
  assert.deepEqual(sizes, [...sizes].sort((x: number, y: number) => y - x));
  const row = all.body.stories[0];
  assert.ok(row.articles >= 1 && row.sources >= 1 && Array.isArray(row.topNames));
});

test('GET /stories filters: text, source, language, min_articles, since and until', async () => {
  const tanker = await call('/stories', '/stories?q=tanker%20aground');
  assert.equal(tanker.body.stories.length, 1);
  assert.match(tanker.body.stories[0].headline, /tanker/i);
  const big = await call('/stories', '/stories?min_articles=5');
  assert.ok(big.body.stories.every((row: { articles: number }) => row.articles >= 5));
  assert.ok(big.body.stories.length >= 1);
  const none = await call('/stories', '/stories?source=no-such-outlet.example');
  assert.deepEqual(none.body.stories, []);
  const english = await call('/stories', '/stories?language=en');
  assert.ok(english.body.stories.length >= 4);
  const future = await call('/stories', '/stories?since=2100-01-01');
  assert.deepEqual(future.body.stories, []);
  const past = await call('/stories', '/stories?until=1990-01-01');
  assert.deepEqual(past.body.stories, []);
});

test('GET /stories/{id}: the story as `newsfold story` shows it; a prefix redirects to the full id', async () => {
  const [row] = (await call('/stories', '/stories?sort=size&limit=1')).body.stories;
  const story = await call('/stories/{id}', `/stories/${row.id}`);
  assert.equal(story.status, 200);
  assert.equal(story.body.articles.length, row.articles);
  assert.ok(story.body.digest.length > 0 && story.body.digest.every((s: { sources: string[] }) => s.sources.length > 0));
  assert.equal(story.body.language, 'en', "the digest's language (the response schema would drop an undocumented field)");
  assert.ok(story.body.facts.entities.length > 0);
  const again = await call('/stories/{id}', `/stories/${row.id}`);
  assert.deepEqual(again.body, story.body, 'the kept view is the view');
  const prefix = await call('/stories/{id}', `/stories/${row.id.slice(0, 6)}`);
  assert.equal(prefix.status, 308);
  assert.equal(prefix.headers.get('location'), `/stories/${row.id}`);
});

test('GET /articles/{id}, /compare/{a}/{b} and /dupes', async () => {
  const dupes = await call('/dupes', '/dupes?limit=1');
  assert.equal(dupes.status, 200);
  assert.equal(dupes.body.groups.length, 1);
  assert.ok(dupes.body.total >= 1);
  const groups = [...dupes.body.groups];
  let cursor = dupes.body.nextCursor;
  while (cursor !== undefined) {
    const page = await call('/dupes', `/dupes?limit=1&cursor=${encodeURIComponent(cursor)}`);
    groups.push(...page.body.groups);
    cursor = page.body.nextCursor;
  }
  assert.equal(groups.length, dupes.body.total, 'paging reaches every group');
  const relation = groups[0].relations[0];
  const article = await call('/articles/{id}', `/articles/${relation.b}`);
  assert.equal(article.status, 200);
  assert.ok(article.body.text.length > 0);
  const related = article.body.relations.find((r: { a: string; b: string }) => r.a === relation.a || r.b === relation.a);
  assert.ok(related.passages.length > 0);
  for (const passage of related.passages) assert.ok(passage.b.end <= article.body.text.length);
  const compared = await call('/compare/{a}/{b}', `/compare/${relation.a}/${relation.b}`);
  assert.equal(compared.status, 200);
  assert.equal(compared.body.related, true);
  assert.ok(compared.body.passages[0].words.a.length > 0);
});

test('GET /search ranks articles, with snippets marking the words and each hit\'s story', async () => {
  const found = await call('/search', '/search?q=tanker&limit=2');
  assert.equal(found.status, 200);
  assert.equal(found.body.hits.length, 2);
  const hit = found.body.hits[0];
  assert.ok(hit.story.id.length > 0 && hit.story.headline.length > 0);
  assert.ok(hit.snippet.matches.length > 0);
  for (const match of hit.snippet.matches) assert.match(hit.snippet.text.slice(match.start, match.end), /tanker/i);
  assert.ok(found.body.hits[0].score >= found.body.hits[1].score);
  const next = await call('/search', `/search?q=tanker&limit=2&cursor=${encodeURIComponent(found.body.nextCursor)}`);
  assert.ok(next.body.hits.every((h: { id: string }) => !found.body.hits.some((f: { id: string }) => f.id === h.id)));
  const nothing = await call('/search', '/search?q=zzyzxqq');
  assert.deepEqual(nothing.body.hits, []);
});

test('POST /articles ingests JSON Lines: per-record report with line numbers, touched stories; SSE tells followers', async () => {
  const events: string[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${running.base}/events`, { signal: controller.signal });
  assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of stream.body!) {
        events.push(decoder.decode(chunk as Uint8Array));
        if (events.join('').includes('story.created')) return;
      }
    } catch {
      // aborted
    }
  })();
  const text = 'The Halvorsen Dam on the Brisk River was opened on Tuesday after four years of building. Engineers said the dam will supply power to 40,000 homes in the valley.';
  const body = [ARTICLE('dam-1', text), 'not json', ARTICLE('dam-1', text), JSON.stringify({ title: 'no text' })].join('\n');
  const posted = await call('/articles', '/articles', { method: 'POST', body, headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson' } });
  assert.equal(posted.status, 200);
  assert.equal(posted.body.read, 2);
  assert.equal(posted.body.stored, 1);
  assert.equal(posted.body.alreadyStored, 1);
  assert.deepEqual(posted.body.records.map((r: { line: number; status: string }) => [r.line, r.status]), [[1, 'stored'], [3, 'already-stored']]);
  assert.deepEqual(posted.body.problems.map((p: { line: number; code: string }) => [p.line, p.code]), [[2, 'E_JSON'], [4, 'E_RECORD']]);
  assert.equal(posted.body.stories.length, 1);
  await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 5000))]);
  controller.abort();
  const created = events.join('').split('\n\n').find((block) => block.includes('event: story.created'));
  assert.ok(created !== undefined, `no story.created event in ${JSON.stringify(events)}`);
  assert.equal(JSON.parse(/data: (.*)/.exec(created)![1]!).storyId, posted.body.stories[0]);
  const listed = await call('/stories', `/stories?q=Halvorsen`);
  assert.equal(listed.body.stories[0].id, posted.body.stories[0]);
});

test('writes need the token: missing 401, wrong 403, none configured 403', async () => {
  const body = ARTICLE('x-1', 'A short article about nothing much at all, written for a test of the token.');
  const missing = await call('/articles', '/articles', { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(missing.status, 401);
  assert.equal(missing.body.code, 'E_AUTH');
  assert.match(missing.headers.get('www-authenticate') ?? '', /Bearer/);
  const wrong = await call('/articles', '/articles', { method: 'POST', body, headers: { authorization: `Bearer ${TEST_TOKEN}x`, 'content-type': 'application/x-ndjson' } });
  assert.equal(wrong.status, 403);
  const off = await startServer({ examples: false, settings: { token: undefined } });
  try {
    const refused = await fetch(`${off.base}/articles`, { method: 'POST', body, headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson' } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { code: string }).code, 'E_FORBIDDEN');
  } finally {
    await off.stop();
  }
  assert.equal((await getJson(`${running.base}/search?q=token`)).body.hits.length, 0, 'nothing was stored');
});

test('GET /healthz and /metrics', async () => {
  const health = await call('/healthz', '/healthz');
  assert.equal(health.status, 200);
  const metrics = await fetch(`${running.base}/metrics`);
  const text = await metrics.text();
  assert.match(text, /^newsfold_articles \d+/m);
  assert.match(text, /^newsfold_stories \d+/m);
  assert.match(text, /newsfold_http_request_duration_seconds_bucket\{.*route="\/stories\/:id"/);
  assert.match(text, /newsfold_ingested_articles_total\{outcome="stored"\} 1/);
});

test('a merged story\'s old id redirects to the live story', async () => {
  const rows = (await call('/stories', '/stories?limit=100')).body.stories;
  const [from, into] = [rows[0].id, rows[1].id];
  const store = running.engine.store;
  await store.transaction(() => store.mergeStory(from, into));
  const old = await call('/stories/{id}', `/stories/${from}`);
  assert.equal(old.status, 308);
  assert.equal(old.headers.get('location'), `/stories/${into}`);
  const live = await call('/stories/{id}', `/stories/${into}`);
  assert.equal(live.body.articles.length, rows[0].articles + rows[1].articles, 'the kept view was made again for the new version');
  const listed = (await call('/stories', '/stories?limit=100')).body.stories.map((row: { id: string }) => row.id);
  assert.ok(!listed.includes(from));
});
