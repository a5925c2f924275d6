// `newsfold serve --db postgres://...` end to end: the real binary ingests the bundled examples into a fresh
// PostgreSQL schema, serves it on an ephemeral port, and the read routes answer (checked against the OpenAPI
// document the server serves). Skipped, with the reason printed, when no PostgreSQL server answers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { BIN, newsfold, scratchDb } from '../run-cli.ts';
import { TEST_POSTGRES, testSchema } from '../store/helpers/postgres.ts';
import { OpenApiValidator, spawnServe } from './harness.ts';

const probe = await testSchema('nf_probe');
if ('drop' in probe) await probe.drop();

test('`newsfold serve --db postgres://...` serves stories, a story and search over what `newsfold ingest` stored', 'skip' in probe ? { skip: probe.skip } : {}, async () => {
  const schema = await testSchema('nf_serve');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    const ingested = await newsfold(['ingest', 'examples', '--db', schema.url]);
    assert.equal(ingested.code, 0, ingested.stderr);

    const { child, address: base, exited } = await spawnServe(schema.url);
    try {
      const openapi = await OpenApiValidator.load(base);
      const call = async (route: string, path: string): Promise<{ status: number; body: any }> => {
        const response = await fetch(`${base}${path}`, { redirect: 'manual' });
        const body = JSON.parse(await response.text());
        openapi.check('GET', route, response.status, response.headers.get('content-type') ?? '', body);
        return { status: response.status, body };
      };

      const health = await call('/healthz', '/healthz');
      assert.equal(health.status, 200);
      assert.ok(health.body.articles > 0 && health.body.stories > 0);

      const all = await call('/stories', '/stories?limit=100');
      assert.equal(all.status, 200);
      assert.equal(all.body.stories.length, health.body.stories);
      const paged: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages <= all.body.stories.length; pages++) {
        const page = await call('/stories', `/stories?sort=recent&limit=1${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        paged.push(...page.body.stories.map((row: { id: string }) => row.id));
        cursor = page.body.nextCursor;
        if (cursor === undefined) break;
      }
      assert.deepEqual(paged, all.body.stories.map((row: { id: string }) => row.id), 'cursor pages to the end');
      const tanker = await call('/stories', '/stories?q=tanker%20aground&language=en');
      assert.equal(tanker.body.stories.length, 1);

      const [biggest] = (await call('/stories', '/stories?sort=size&limit=1')).body.stories;
      const story = await call('/stories/{id}', `/stories/${biggest.id}`);
      assert.equal(story.status, 200);
      assert.equal(story.body.articles.length, biggest.articles);
      assert.ok(story.body.digest.length > 0);
      assert.deepEqual((await call('/stories/{id}', `/stories/${biggest.id}`)).body, story.body, 'the kept view is the view');

      const found = await call('/search', '/search?q=tanker&limit=3');
      assert.equal(found.status, 200);
      assert.equal(found.body.hits.length, 3);
      for (const hit of found.body.hits) {
        assert.ok(hit.story.id.length > 0 && hit.story.headline.length > 0);
        assert.ok(hit.snippet.matches.length > 0);
        for (const match of hit.snippet.matches) assert.match(hit.snippet.text.slice(match.start, match.end), /^tanker$/i);
      }
      assert.ok(found.body.nextCursor !== undefined);
      assert.deepEqual((await call('/search', '/search?q=zzyzxqq')).body.hits, []);
      // PostgreSQL text cannot hold NUL: such values from the URL are not found, not a server error.
      assert.equal((await call('/stories/{id}', '/stories/ab%00')).status, 404);
      assert.equal((await call('/articles/{id}', '/articles/%00x')).status, 404);
      assert.deepEqual((await call('/stories', '/stories?source=%00')).body.stories, []);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, 'stops cleanly on SIGTERM');
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await schema.drop();
  }
});

test('`serve` beside queue workers tells GET /events of the stories the workers store, and stops cleanly (walk, session 31)', 'skip' in probe ? { skip: probe.skip } : {}, async () => {
  const schema = await testSchema('nf_serve_events');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    const { child, address: base, exited } = await spawnServe(schema.url);
    const follower = new AbortController();
    try {
      const response = await fetch(`${base}/events`, { signal: follower.signal });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let stream = '';
      const queued = await newsfold(['enqueue', 'examples', '--db', schema.url]);
      assert.equal(queued.code, 0, queued.stderr);
      const worked = await newsfold(['worker', '--until-idle', '--db', schema.url]);
      assert.equal(worked.code, 0, worked.stderr);
      const stories = ((await (await fetch(`${base}/healthz`)).json()) as { stories: number }).stories;
      // Every story the workers made is told as created (before: nothing came, the page never updated).
      const deadline = Date.now() + 10_000;
      while ([...stream.matchAll(/event: story\.created/g)].length < stories && Date.now() < deadline) {
        const next = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1000))]);
        if (next !== undefined && !next.done) stream += decoder.decode(next.value, { stream: true });
      }
      assert.equal([...stream.matchAll(/event: story\.created/g)].length, stories, stream);
      assert.match(stream, /"headline":"[^"]+"/);
      follower.abort();
      child.kill('SIGTERM');
      assert.equal(await exited, 0, 'stops cleanly on SIGTERM, its listening connection closed');
    } finally {
      follower.abort();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await schema.drop();
  }
});

test('PostgreSQL ending the sessions of `serve` and `worker` (a restart): each stops with E_STORE and exit 2, not a crash trace (walk, session 31)', 'skip' in probe ? { skip: probe.skip } : {}, async () => {
  const schema = await testSchema('nf_serve_lost');
  if ('skip' in schema) throw new Error(schema.skip);
  // The sessions are found by their application name (node-pg takes PGAPPNAME), so no other process's are ended.
  const name = `nf_lost_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES });
  await admin.connect();
  try {
    const served = await spawnServe(schema.url, { PGAPPNAME: name });
    let serveErr = '';
    served.child.stderr!.on('data', (chunk) => (serveErr += chunk));
    const worker = spawn(process.execPath, [BIN, 'worker', '--db', schema.url], { env: { ...process.env, PGAPPNAME: `${name}_w` } });
    let workerErr = '';
    worker.stderr.on('data', (chunk) => (workerErr += chunk));
    const workerExited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
    try {
      // The worker is up once it has LISTENed for its peers: its staging session's last statement is the LISTEN, or
      // the search index merge it runs after it when idle (which would otherwise hide the LISTEN from this probe).
      let listening = false;
      for (let tries = 0; tries < 1200 && !listening; tries++) {
        const { rows } = await admin.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND (query LIKE 'LISTEN%' OR query LIKE '%gin_clean_pending_list%')", [`${name}_w`]);
        listening = Number(rows[0]!.n) >= 1;
        if (!listening) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(listening, `the worker never started: ${workerErr}`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name IN ($1, $2)', [name, `${name}_w`]);
      assert.equal(await served.exited, 2, serveErr);
      assert.match(serveErr, /lost the connection to the PostgreSQL store \(schema nf_serve_lost\w*\): terminating connection due to administrator command \[E_STORE\]/);
      assert.doesNotMatch(serveErr, /at Client\.|Emitted 'error' event/, 'before: an unhandled error event and a trace');
      assert.equal(await workerExited, 2, workerErr);
      assert.match(workerErr, /lost the connection to the PostgreSQL store .*\[E_STORE\]/);
      assert.doesNotMatch(workerErr, /Emitted 'error' event|internal error/);
    } finally {
      if (served.child.exitCode === null) served.child.kill('SIGKILL');
      if (worker.exitCode === null) worker.kill('SIGKILL');
      await served.exited;
      await workerExited;
    }
  } finally {
    await admin.end();
    await schema.drop();
  }
});

test('`newsfold delete` in another process reaches a PostgreSQL `serve`\'s GET /events as story.shrunk, once (walk, session 33)', 'skip' in probe ? { skip: probe.skip } : {}, async () => {
  const schema = await testSchema('nf_serve_delete');
  if ('skip' in schema) throw new Error(schema.skip);
  const { dir } = await scratchDb('newsfold-pg-delete-');
  const input = join(dir, 'quarry.jsonl');
  const text = 'A blast at the Amberleigh quarry shook houses in the village overnight and cracked the windows of the primary school. The quarry operator said the charge had been set according to its permit and that inspectors would visit on Monday.';
  const record = (id: string, title: string, body: string) => JSON.stringify({ id, title, source: 'follow.example', published: '2026-05-02T09:00:00Z', text: body });
  await writeFile(input, `${record('quarry-1', 'Quarry blast shakes the village of Amberleigh overnight', text)}\n${record('quarry-2', 'Quarry blast shakes Amberleigh again', `${text} Officials repeated the figures on Tuesday.`)}\n`);
  try {
    const ingested = await newsfold(['ingest', input, '--db', schema.url]);
    assert.equal(ingested.code, 0, ingested.stderr);
    const { child, address: base, exited } = await spawnServe(schema.url);
    const follower = new AbortController();
    try {
      const response = await fetch(`${base}/events`, { signal: follower.signal });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let stream = '';
      const deleted = await newsfold(['delete', 'quarry-2', '--db', schema.url]);
      assert.equal(deleted.code, 0, deleted.stderr);
      // Until told, and a second more for an event told twice to show itself.
      let deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const next = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500))]);
        if (next !== undefined && !next.done) stream += decoder.decode(next.value, { stream: true });
        if (/event: story\.shrunk/.test(stream) && deadline - Date.now() > 1500) deadline = Date.now() + 1500;
      }
      const shrunk = [...stream.matchAll(/event: story\.shrunk\ndata: (.*)/g)];
      assert.equal(shrunk.length, 1, stream);
      const event = JSON.parse(shrunk[0]![1]!);
      assert.deepEqual({ articles: event.articles, removed: event.removed }, { articles: 1, removed: 1 });
      assert.match(event.headline, /^Quarry blast shakes/);
      follower.abort();
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      follower.abort();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await schema.drop();
  }
});
