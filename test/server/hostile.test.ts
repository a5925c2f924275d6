// Hostile input over real HTTP: huge and slow bodies, invalid and deeply nested JSON, SQL-injection and
// path-traversal strings in ids and queries, bad cursors and limits, a busy store, too many writes.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { NewsfoldError } from '../../src/errors.ts';
import { problemFor } from '../../src/server/problems.ts';
import { WriteGate } from '../../src/server/write-gate.ts';
import { getJson, startServer, TEST_TOKEN, type Running } from './harness.ts';

const BODY_LIMIT = 64 * 1024;
let running: Running;
before(async () => {
  running = await startServer({ settings: { bodyLimitBytes: BODY_LIMIT, requestTimeoutMs: 1000, maxQueuedWrites: 0 } });
});
after(async () => {
  await running.stop();
});

const WRITE_HEADERS = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson' };

async function problem(response: Response): Promise<{ status: number; code: string; detail: string; hint: string }> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as { status: number; code: string; detail: string; hint: string };
  assert.equal(body.status, response.status);
  return body;
}

test('a body over the limit is refused with 413, by its declared length or as it streams', async () => {
  const declared = await fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: 'x'.repeat(BODY_LIMIT + 1) });
  assert.equal(declared.status, 413);
  assert.equal((await problem(declared)).code, 'E_TOO_LARGE');
  const chunks = (async function* () {
    for (let i = 0; i < 200; i++) yield new TextEncoder().encode('y'.repeat(1024));
  })();
  const streamed = await fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: chunks as any, duplex: 'half' } as RequestInit).catch((error: Error) => error);
  if (streamed instanceof Error) assert.match(String(streamed.cause ?? streamed), /(reset|closed|socket|EPIPE)/i);
  else assert.equal(streamed.status, 413);
});

test('a body dripped slower than the request timeout is cut off', async () => {
  const started = Date.now();
  const outcome = await new Promise<string>((resolve) => {
    const socket = connect(Number(new URL(running.base).port), '127.0.0.1', () => {
      socket.write(`POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 10000\r\n\r\n`);
      const drip = setInterval(() => socket.writable && socket.write('{'), 200);
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => {
        clearInterval(drip);
        resolve(answer);
      });
      socket.on('error', () => undefined);
    });
  });
  assert.ok(outcome === '' || /^HTTP\/1\.1 408/.test(outcome), outcome);
  assert.ok(Date.now() - started < 10_000, 'cut off near the 1 s deadline, not left open');
});

test('invalid and deeply nested JSON lines are problems with line numbers; the server stays up', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`.slice(0, BODY_LIMIT / 2);
  const response = await fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: ['{"text": ', deep, '{"text": {"a": [1, 2, {"b": null}]}}'].join('\n') });
  assert.equal(response.status, 200);
  const report = (await response.json()) as { stored: number; problems: { line: number; code: string; message: string }[] };
  assert.equal(report.stored, 0);
  assert.deepEqual(report.problems.map((p) => [p.line, p.code]), [[1, 'E_JSON'], [2, 'E_JSON'], [3, 'E_RECORD']]);
  assert.match(report.problems[1]!.message, /deeper than/);
  const empty = await fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: '  \n' });
  assert.equal(empty.status, 400);
  const xml = await fetch(`${running.base}/articles`, { method: 'POST', headers: { ...WRITE_HEADERS, 'content-type': 'application/xml' }, body: '<a/>' });
  assert.equal(xml.status, 415);
  assert.equal((await getJson(`${running.base}/healthz`)).status, 200);
});

test('SQL-injection and path-traversal strings in ids and queries find nothing and break nothing', async () => {
  const before = (await getJson(`${running.base}/healthz`)).body;
  const hostile = ["' OR 1=1 --", "x'; DROP TABLE articles; --", '%', '_', '../../../../etc/passwd', '..\\..\\windows\\win.ini', '" OR ""="', '*', 'NEAR(a b)'];
  for (const value of hostile) {
    for (const path of [`/stories/${encodeURIComponent(value)}`, `/articles/${encodeURIComponent(value)}`, `/compare/${encodeURIComponent(value)}/${encodeURIComponent(value)}`]) {
      const response = await fetch(`${running.base}${path}`, { redirect: 'manual' });
      assert.ok([400, 404].includes(response.status), `${path}: ${response.status}`);
      await problem(response);
    }
    for (const path of [`/search?q=${encodeURIComponent(value)}`, `/stories?q=${encodeURIComponent(value)}`, `/stories?source=${encodeURIComponent(value)}`]) {
      const response = await fetch(`${running.base}${path}`);
      assert.ok([200, 400].includes(response.status), `${path}: ${response.status}`);
      if (response.status !== 200) await problem(response);
      else if (path.includes('source=')) assert.deepEqual(((await response.json()) as { stories: unknown[] }).stories, [], path);
      else {
        // Read as plain words: "' OR 1=1 --" finds articles with the words "or" and "1", nothing more.
        const body = (await response.json()) as { hits?: { snippet: { text: string } }[] };
        for (const hit of body.hits ?? []) assert.ok(hit.snippet.text.length > 0);
      }
    }
  }
  const fts = await getJson(`${running.base}/search?q=${encodeURIComponent('title:tanker OR "tanker" AND NOT NEAR(tanker fuel) ^ -x')}`);
  assert.equal(fts.status, 200, 'FTS5 syntax in q is read as plain words');
  assert.deepEqual((await getJson(`${running.base}/healthz`)).body, before, 'nothing was dropped or added');
});

test('a path that does not decode, or a parameter over the router\'s length, is a problem document too (user walk, session 29)', async () => {
  for (const path of ['/articles/%ff', '/stories/%E0%A4', '/compare/a/%C0%AF']) {
    const response = await fetch(`${running.base}${path}`, { redirect: 'manual' });
    assert.equal(response.status, 400, path);
    const body = await problem(response);
    assert.equal(body.code, 'E_INVALID', path);
  }
  const long = await fetch(`${running.base}/articles/${'a'.repeat(600)}`);
  assert.equal(long.status, 414);
  assert.equal((await problem(long)).code, 'E_INVALID');
});

test('hints speak the API\'s words: an unknown route points at /openapi.json, not at story ids; no "Run with --help" (user walk, session 29)', async () => {
  const noRoute = (await getJson(`${running.base}/nope`)).body as { code: string; hint: string };
  assert.equal(noRoute.code, 'E_NOT_FOUND');
  assert.match(noRoute.hint, /openapi\.json/);
  const deleted = (await fetch(`${running.base}/stories`, { method: 'DELETE' }).then((response) => response.json())) as { hint: string };
  assert.match(deleted.hint, /openapi\.json/);
  // "compare needs two different articles" (E_USAGE) as the API answers it.
  const usage = problemFor(new NewsfoldError('E_USAGE', 'compare needs two different articles'), '/compare/a/a');
  assert.equal(usage.status, 400);
  assert.ok(!/--help/.test(usage.hint), usage.hint);
});

test('a known path asked with a method it does not take answers 405 with Allow and a problem document (fresh walk, session 29)', async () => {
  const cases: [string, string, string][] = [
    ['DELETE', '/stories', 'GET, HEAD'],
    ['PUT', '/stories/abc', 'GET, HEAD'],
    ['DELETE', '/articles', 'POST'],
    ['PATCH', '/dupes', 'GET, HEAD'],
  ];
  for (const [method, path, allow] of cases) {
    const response = await fetch(`${running.base}${path}`, { method, headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    assert.equal(response.status, 405, `${method} ${path}`);
    assert.equal(response.headers.get('allow'), allow, `${method} ${path}`);
    const body = await problem(response);
    assert.match(body.detail, new RegExp(`${method}.*${allow}`));
  }
  const unknown = await fetch(`${running.base}/nope`, { method: 'DELETE' });
  assert.equal(unknown.status, 404, 'a path no route has stays 404');
  assert.equal(unknown.headers.get('allow'), null);
  await problem(unknown);
});

test('a rejected parameter is named with the form it must take, not Ajv\'s words (fresh walk, session 29)', async () => {
  const cases: [string, string][] = [
    ['/stories?limit=1&limit=2', 'limit is given 2 times; give it once'],
    ['/stories?limit=abc', 'limit must be a whole number from 1 to 100'],
    ['/dupes?limit=0', 'limit must be a whole number from 1 to 100'],
    ['/stories?since=yesterday', 'since must be an ISO 8601 date or time, like 2026-05-01 or 2026-05-01T12:00:00Z'],
    ['/stories?until=2026', 'until must be an ISO 8601 date or time, like 2026-05-01 or 2026-05-01T12:00:00Z'],
    ['/stories?sort=oldest', 'sort must be one of recent, size'],
    ['/stories?min_articles=-1', 'min_articles must be a whole number, at least 0'],
    ['/stories?language=x', 'language must be a language code, like en or de'],
    ['/stories?language=english', 'language must be a language code, like en or de'],
    ['/stories?since=2026-05-02&until=2026-05-01', 'since (2026-05-02) is later than until (2026-05-01): no story lies between them; swap the two'],
    ['/search?q=', 'q must be words to look for (1 to 200 characters)'],
  ];
  for (const [path, detail] of cases) {
    const response = await fetch(`${running.base}${path}`);
    assert.equal(response.status, 400, path);
    const body = await problem(response);
    assert.equal(body.detail, detail, path);
    assert.ok(!/--help/.test(body.hint), body.hint);
  }
});

test('limits on query length, page size, ids, cursors and unknown parameters answer 400 with the reason', async () => {
  const cases: [string, RegExp][] = [
    [`/search?q=${'a'.repeat(201)}`, /q/],
    ['/search?q=', /q/],
    ['/stories?limit=1000', /limit/],
    ['/stories?limit=0', /limit/],
    ['/stories?min_articles=-1', /min_articles/],
    ['/stories?sort=oldest', /sort/],
    ['/stories?since=yesterday', /since/],
    ['/stories?cursor=not-a-cursor', /cursor/],
    ['/stories?drop=table', /^drop is not a parameter of this route; it takes since, until, /],
    [`/articles/${'a'.repeat(300)}`, /id/],
  ];
  for (const [path, reason] of cases) {
    const response = await fetch(`${running.base}${path}`);
    assert.equal(response.status, 400, path);
    const body = await problem(response);
    assert.equal(body.code, 'E_INVALID', path);
    assert.match(body.detail, reason, path);
  }
  const sized = (await getJson(`${running.base}/stories?sort=size&limit=1`)).body.nextCursor as string;
  const mixed = await fetch(`${running.base}/stories?sort=recent&cursor=${encodeURIComponent(sized)}`);
  assert.equal(mixed.status, 400, 'a cursor of another sort order is refused');
});

test('too many writes at once: the extra ones get 429 with Retry-After, none is lost silently', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `burst-${i}`, title: `Burst ${i}`, text: `Burst article number ${i} about the harbour crane contract signed in Vellmar on Monday by the port authority.` })).join('\n');
  const responses = await Promise.all([0, 1, 2].map(() => fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: lines })));
  for (const response of responses) {
    assert.ok([200, 429].includes(response.status), String(response.status));
    if (response.status === 429) {
      assert.equal(response.headers.get('retry-after'), '1');
      assert.equal((await problem(response)).code, 'E_RATE');
    } else await response.json();
  }
  assert.ok(responses.some((response) => response.status === 200));
});

test('the write gate runs writes one at a time and refuses beyond its slots', async () => {
  const gate = new WriteGate(1);
  const order: string[] = [];
  let release!: () => void;
  gate.admit();
  const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => order.push('first')));
  gate.admit();
  const second = gate.run(async () => order.push('second'));
  assert.equal(gate.full, true);
  assert.throws(() => gate.admit(), /writes are already running or waiting/);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, [], 'the second waits for the first');
  release();
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first', 'second']);
  gate.release();
  assert.equal(gate.full, false);
});

test('a store locked by another process answers 503 with Retry-After; reads go on', async () => {
  const other = new Database(running.db);
  other.exec('BEGIN IMMEDIATE');
  try {
    const read = await fetch(`${running.base}/stories?limit=1`);
    assert.equal(read.status, 200, 'WAL readers are not blocked by a writer');
    const write = await fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: JSON.stringify({ text: 'A locked store cannot take this article about the harbour crane in Vellmar.' }) });
    assert.equal(write.status, 503);
    assert.equal(write.headers.get('retry-after'), '1');
    assert.equal((await problem(write)).code, 'E_STORE_BUSY');
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
});

test('CORS is off unless origins are configured', async () => {
  const plain = await fetch(`${running.base}/healthz`, { headers: { origin: 'https://evil.example' } });
  assert.equal(plain.headers.get('access-control-allow-origin'), null);
  const open = await startServer({ examples: false, settings: { corsOrigins: ['https://newsroom.example'] } });
  try {
    const allowed = await fetch(`${open.base}/healthz`, { headers: { origin: 'https://newsroom.example' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://newsroom.example');
    const other = await fetch(`${open.base}/healthz`, { headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  } finally {
    await open.stop();
  }
});

test('POST /articles decodes each record as the CLI does: a Windows-1252 line is read as Windows-1252, not as U+FFFD (walk, session 30)', async () => {
  const line = '{"text": "The caf\xe9 owner on the quay said the harbour of Port Alder would reopen next week.", "url": "https://cp1252.example/1"}\n';
  const response = await fetch(`${running.base}/articles`, { method: 'POST', headers: WRITE_HEADERS, body: Buffer.from(line, 'latin1') });
  assert.equal(response.status, 200);
  const report = (await response.json()) as { records: { id: string }[] };
  const article = await getJson(`${running.base}/articles/${report.records[0]!.id}`);
  assert.match(article.body.text as string, /The café owner/);
  assert.doesNotMatch(article.body.text as string, /\uFFFD/);
});

test('POST /articles refuses a compressed body or another type with 415 saying what to send, not "file is binary" (walk, session 30)', async () => {
  const { gzipSync } = await import('node:zlib');
  const line = '{"text": "The harbour authority in Port Alder said on Friday that the channel would reopen next week."}\n';
  const gzipped = await fetch(`${running.base}/articles`, { method: 'POST', headers: { ...WRITE_HEADERS, 'content-encoding': 'gzip' }, body: gzipSync(line) });
  assert.equal(gzipped.status, 415);
  assert.match((await problem(gzipped)).detail, /Content-Encoding gzip is not read: send the body uncompressed/);
  const form = await fetch(`${running.base}/articles`, { method: 'POST', headers: { ...WRITE_HEADERS, 'content-type': 'application/x-www-form-urlencoded' }, body: line });
  assert.equal(form.status, 415);
  assert.match((await problem(form)).detail, /Content-Type application\/x-www-form-urlencoded is not read: send JSON Lines as application\/x-ndjson, /);
  // Without the token the answer is still 401: the token is checked first.
  const anonymous = await fetch(`${running.base}/articles`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: line });
  assert.equal(anonymous.status, 401);
  const withCharset = await fetch(`${running.base}/articles`, { method: 'POST', headers: { ...WRITE_HEADERS, 'content-type': 'application/x-ndjson; charset=utf-8', 'content-encoding': 'identity' }, body: line });
  assert.equal(withCharset.status, 200);
});

test('a binary POST body is "the input is binary", not a "file" the client never sent (walk, session 30)', async () => {
  const response = await fetch(`${running.base}/articles`, { method: 'POST', headers: { ...WRITE_HEADERS, 'content-type': 'text/plain' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]) });
  assert.equal(response.status, 200);
  const report = (await response.json()) as { problems: { code: string; message: string }[] };
  assert.deepEqual(report.problems.map((problem) => [problem.code, problem.message]), [['E_BINARY', 'the input is binary, not text']]);
});

test('POST /articles: a record whose text is not a string says what it is, not "has no `text`" (walk, session 31)', async () => {
  const own = await startServer({ examples: false });
  try {
    const body = ['{"id":"a","text":123}', '{"id":"b","text":"  "}', '{"id":"c","maintext":null}', '{"id":"d"}'].join('\n');
    const response = await fetch(`${own.base}/articles`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson' }, body });
    const report = (await response.json()) as { problems: { line: number; message: string }[] };
    assert.deepEqual(report.problems.map((problem) => [problem.line, problem.message]), [
      [1, "record's `text` is a number, not a string"],
      [2, "record's `text` is empty"],
      [3, "record's `maintext` is null, not a string"],
      [4, 'record has no `text` or `maintext`'],
    ]);
  } finally {
    await own.stop();
  }
});

test('a full disk is a 503 E_STORE saying so, not a 500 "internal error"; story pages still answer (walk, session 32)', async () => {
  const full = await startServer();
  try {
    // SQLite's page cap stands in for the disk: writing past it fails with SQLITE_FULL, as a full disk does.
    const db = (full.engine as unknown as { store: { db: Database.Database } }).store.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const sentences = Array.from({ length: 400 }, (_, i) => `Inspectors counted ${i * 7 + 3} cracked sleepers on the line north of Harwick station ${i} on Tuesday.`);
    const body = JSON.stringify({ id: 'full-1', title: 'Rail line closed after inspection', text: sentences.join(' ') });
    const posted = await fetch(`${full.base}/articles`, { method: 'POST', body, headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson' } });
    const problem = (await posted.json()) as { code: string; detail: string; hint: string };
    assert.equal(posted.status, 503, JSON.stringify(problem));
    assert.equal(problem.code, 'E_STORE');
    assert.equal(problem.detail, 'the disk holding the store is full');
    assert.match(problem.hint, /Free some space/);
    // A story's view is kept as it is first read: on a full disk it is made and shown, and kept another time.
    const listed = await getJson(`${full.base}/stories?limit=1`);
    const story = await fetch(`${full.base}/story/${listed.body.stories[0].id}`);
    assert.equal(story.status, 200);
  } finally {
    await full.stop();
  }
});

test('an unknown or missing query parameter is named with what the route takes, not in Ajv\'s words (walk, session 33)', async () => {
  const unknown = await problem(await fetch(`${running.base}/dupes?limit=5&page=2`));
  assert.equal(unknown.detail, 'page is not a parameter of this route; it takes limit, cursor');
  const missing = await problem(await fetch(`${running.base}/search`));
  assert.equal(missing.detail, 'q is required: words to look for (1 to 200 characters)');
});

test('HEAD /events answers with the stream\'s headers at once and holds no follower\'s place (walk, session 33)', async () => {
  const response = await fetch(`${running.base}/events`, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(running.server.events.size, 0);
});

test('since or until naming a day that does not exist is refused, not read as a day of the next month (walk, session 33)', async () => {
  const body = await problem(await fetch(`${running.base}/stories?since=2026-02-30`));
  assert.equal(body.status, 400);
  assert.equal(body.detail, 'since names a day that does not exist: 2026-02-30');
});

test('a URL over the header limit, or a request that is not HTTP, is answered with a problem document too (walk, session 33)', async () => {
  const long = await fetch(`${running.base}/stories?q=${'x'.repeat(60_000)}`);
  assert.equal(long.status, 431);
  const body = await problem(long);
  assert.equal(body.code, 'E_TOO_LARGE');
  assert.match(body.detail, /over 16 KB/);
  const { port } = new URL(running.base);
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
  assert.match(raw, /^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*application\/problem\+json[\s\S]*"code":"E_INVALID"/);
});
