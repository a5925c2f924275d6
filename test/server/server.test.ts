// The HTTP API over real HTTP on an ephemeral port against a real SQLite store.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scratchDb } from '../run-cli.ts';
import { getJson, spawnServe, startServer, type Running } from './harness.ts';

let running: Running;
before(async () => {
  running = await startServer();
});
after(async () => {
  await running.stop();
});

test('GET /healthz answers with the store size', async () => {
  const { status, body } = await getJson(`${running.base}/healthz`);
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  assert.ok(body.articles > 0 && body.stories > 0);
});

test('GET /openapi.json is an OpenAPI 3.1 document naming the routes', async () => {
  const { status, body } = await getJson(`${running.base}/openapi.json`);
  assert.equal(status, 200);
  assert.equal(body.openapi, '3.1.0');
  for (const path of ['/healthz', '/stories/{id}', '/articles/{id}']) assert.ok(path in body.paths, path);
});

test('GET /stories/{id} and /articles/{id} give what the CLI shows; unknown ids are problem documents', async () => {
  const id = (await running.engine.store.resolveStory(''))[0]!;
  const story = await getJson(`${running.base}/stories/${id}`);
  assert.equal(story.status, 200);
  assert.equal(story.body.id, id);
  assert.ok(story.body.digest.length > 0);
  const articleId = story.body.articles[0].id;
  const article = await getJson(`${running.base}/articles/${articleId}`);
  assert.equal(article.status, 200);
  assert.equal(article.body.story, id);
  const missing = await getJson(`${running.base}/stories/nothing-like-this`);
  assert.equal(missing.status, 404);
  assert.match(missing.type, /^application\/problem\+json/);
  assert.equal(missing.body.code, 'E_NOT_FOUND');
  assert.equal(missing.body.status, 404);
});

test('`newsfold serve` starts on a free port and stops on SIGTERM', async () => {
  const { db } = await scratchDb();
  const { child, address, exited } = await spawnServe(db);
  const health = await getJson(`${address}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(health.body.articles, 0);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
