// `newsfold watch --feeds`: feeds polled with conditional GET, the pages their items link to fetched politely
// (robots.txt obeyed, an identifying User-Agent, a delay per host, a size limit), all against a server on
// the loopback interface only.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import { FeedPoller } from '../../src/engine/watch.ts';
import { DEFAULT_FETCH_SETTINGS, parseRobots, PoliteFetcher, robotsAllow } from '../../src/ingest/fetch.ts';
import { BIN, newsfold, ROOT, scratchDb } from '../run-cli.ts';

const DELAY_MS = 150;

interface Logged {
  path: string;
  at: number;
  userAgent: string | undefined;
  conditional: boolean;
}

async function server(feedFor: (base: string) => string, pages: Record<string, string>) {
  const log: Logged[] = [];
  const http = createServer((request: IncomingMessage, response) => {
    const path = request.url ?? '/';
    log.push({ path, at: Date.now(), userAgent: request.headers['user-agent'], conditional: request.headers['if-none-match'] !== undefined });
    if (path === '/robots.txt') {
      response.end('User-agent: *\nDisallow: /private/\n');
    } else if (path === '/feed.rss') {
      if (request.headers['if-none-match'] === '"v1"') {
        response.statusCode = 304;
        response.end();
        return;
      }
      response.setHeader('etag', '"v1"');
      response.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      response.end(feedFor(`http://127.0.0.1:${(http.address() as AddressInfo).port}`));
    } else if (pages[path] !== undefined) {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(pages[path]);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, log, close: () => new Promise((resolve) => http.close(resolve)) };
}

test('robots.txt: the group for newsfold or *, the longest rule wins, Allow on a tie', () => {
  const rules = parseRobots('User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open$\nCrawl-delay: 2\n');
  assert.equal(robotsAllow(rules, '/news/a.html'), true);
  assert.equal(robotsAllow(rules, '/private/b.html'), false);
  assert.equal(robotsAllow(rules, '/private/open'), true);
  assert.equal(rules.delayMs, 2000);
  assert.equal(robotsAllow(parseRobots('User-agent: newsfold\nDisallow: /\n'), '/x'), false);
});

test('feeds are polled with conditional GET and their pages fetched politely; a refused page falls back to the item', async () => {
  const rss = await readFile(join(ROOT, 'examples', 'pages', 'harbourline-tech.rss'), 'utf8');
  const page = await readFile(join(ROOT, 'examples', 'pages', 'polar-bulletin-skarvald-drilling.html'), 'utf8');
  const site = await server(
    (base) => rss.replace('https://harbourline.example/notes/nimbus-3-recall-returns', `${base}/news/nimbus.html`).replace('https://harbourline.example/notes/skarvald-radar-water', `${base}/private/skarvald.html`),
    { '/news/nimbus.html': page, '/private/skarvald.html': page },
  );
  const engine = await Engine.open(':memory:');
  try {
    const poller = new FeedPoller([`${site.base}/feed.rss`], { ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: DELAY_MS, timeoutMs: 5000 });
    const first = await engine.ingestItems(poller.poll());
    assert.equal(first.stored, 2, 'two items: one from its page, one from the feed (its page is disallowed)');
    const stored = await engine.store.listStories();
    const articles = await engine.store.getArticles(stored.flatMap((story) => story.articleIds));
    assert.deepEqual(articles.map((article) => article.origin.format).sort(), ['feed', 'html']);
    assert.ok(!site.log.some((entry) => entry.path.startsWith('/private/')), 'the disallowed page was never requested');

    const second = await engine.ingestItems(poller.poll());
    assert.equal(second.read, 0, 'an unchanged feed gives nothing');
    const feedRequests = site.log.filter((entry) => entry.path === '/feed.rss');
    assert.deepEqual(feedRequests.map((entry) => entry.conditional), [false, true], 'the second poll was conditional and got a 304');

    assert.ok(site.log.every((entry) => entry.userAgent?.startsWith('newsfold/')), 'every request says who it is');
    for (let i = 1; i < site.log.length; i++) {
      assert.ok(site.log[i]!.at - site.log[i - 1]!.at >= DELAY_MS - 5, `requests to one host are at least ${DELAY_MS} ms apart`);
    }
  } finally {
    await engine.close();
    await site.close();
  }
});

test('a page above the size limit is not read: the item comes from the feed', async () => {
  const rss = await readFile(join(ROOT, 'examples', 'pages', 'harbourline-tech.rss'), 'utf8');
  const site = await server((base) => rss.replace('https://harbourline.example/notes/nimbus-3-recall-returns', `${base}/news/huge.html`), {
    '/news/huge.html': `<html><body>${'<p>filler text for a very large page</p>'.repeat(2000)}</body></html>`,
  });
  const engine = await Engine.open(':memory:');
  try {
    const poller = new FeedPoller([`${site.base}/feed.rss`], { ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: 0, maxBytes: 16 * 1024 });
    const report = await engine.ingestItems(poller.poll());
    assert.equal(report.stored, 2);
    const articles = await engine.store.getArticles((await engine.store.listStories()).flatMap((story) => story.articleIds));
    assert.deepEqual(articles.map((article) => article.origin.format), ['feed', 'feed']);
  } finally {
    await engine.close();
    await site.close();
  }
});

test('a feed that cannot be fetched is one problem naming its URL once, with the status', async () => {
  const site = await server(() => '', {});
  try {
    const poller = new FeedPoller([`${site.base}/nofeed.xml`], { ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: 0 });
    const items = [];
    for await (const item of poller.poll()) items.push(item);
    assert.equal(items.length, 1);
    const problem = items[0]!.kind === 'problem' ? items[0]!.problem : undefined;
    assert.equal(problem?.code, 'E_FETCH');
    assert.equal(problem?.path, `${site.base}/nofeed.xml`);
    assert.equal(problem?.message, 'HTTP 404', 'the problem line prints the path before the message: the URL once');
  } finally {
    await site.close();
  }
});

test('redirects: one to ftp: or file: is named, a loop stops after a few hops at the host\'s pace, not 20 at once (walk, session 31)', async () => {
  const hits: Record<string, number> = {};
  const http = createServer((request: IncomingMessage, response) => {
    const path = request.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const to = path === '/loop.rss' ? '/loop.rss' : path === '/ftp.rss' ? 'ftp://127.0.0.1/feed.rss' : path === '/file.rss' ? 'file:///etc/passwd' : undefined;
    response.statusCode = to === undefined ? 404 : 302;
    if (to !== undefined) response.setHeader('location', to);
    response.end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const poller = new FeedPoller([`${base}/loop.rss`, `${base}/ftp.rss`, `${base}/file.rss`], { ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: 20 });
    const messages: string[] = [];
    for await (const item of poller.poll()) if (item.kind === 'problem') messages.push(`${item.problem.path}: ${item.problem.message}`);
    assert.deepEqual(messages, [
      `${base}/loop.rss: more than 5 redirects (last to ${base}/loop.rss)`,
      `${base}/ftp.rss: redirected to a ftp: URL, not http(s): not followed`,
      `${base}/file.rss: redirected to a file: URL, not http(s): not followed`,
    ], 'before: "fetch failed" for each');
    assert.equal(hits['/loop.rss'], 6, 'before: 21 requests within milliseconds');
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
});

test('a redirect hop is checked against its own host\'s robots.txt: one into a disallowed path is refused, not fetched (walk, session 32)', async () => {
  // Two hosts on the loopback: A allows all but /private/, B disallows everything.
  const hits: string[] = [];
  const serve = (host: string, robots: string, route: (path: string, other: string) => string | undefined) =>
    new Promise<{ base: string; close: () => Promise<unknown> }>((resolve) => {
      const http = createServer((request: IncomingMessage, response) => {
        const path = request.url ?? '/';
        hits.push(`${host}${path}`);
        if (path === '/robots.txt') return void response.end(robots);
        const to = route(path, other);
        response.statusCode = to === undefined ? 200 : 302;
        if (to !== undefined) response.setHeader('location', to);
        response.end(to === undefined ? '<html><body><p>page</p></body></html>' : '');
      });
      http.listen(0, host, () => resolve({ base: `http://${host}:${(http.address() as AddressInfo).port}`, close: () => new Promise((done) => http.close(done)) }));
    });
  let other = '';
  const a = await serve('127.0.0.1', 'User-agent: *\nDisallow: /private/\n', (path, b) => (path === '/go' ? '/private/page' : path === '/away' ? `${b}/page` : path === '/fine' ? '/open/page' : undefined));
  const b = await serve('127.0.0.2', 'User-agent: *\nDisallow: /\n', () => undefined);
  other = b.base;
  try {
    const fetcher = new PoliteFetcher({ ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: 20 });
    assert.deepEqual(await fetcher.fetch(`${a.base}/go`), { kind: 'refused', url: `${a.base}/go`, reason: `redirected to ${a.base}/private/page, which robots.txt disallows` });
    assert.deepEqual(await fetcher.fetch(`${a.base}/away`), { kind: 'refused', url: `${a.base}/away`, reason: `redirected to ${b.base}/page, which robots.txt disallows` });
    const fine = await fetcher.fetch(`${a.base}/fine`);
    assert.equal(fine.kind === 'ok' && fine.url, `${a.base}/open/page`);
    assert.deepEqual(hits, ['127.0.0.1/robots.txt', '127.0.0.1/go', '127.0.0.1/away', '127.0.0.2/robots.txt', '127.0.0.1/fine', '127.0.0.1/open/page'], 'before: /private/page and B\'s /page were fetched');
  } finally {
    await a.close();
    await b.close();
  }
});

test('a long watch holds only the links its feeds still list; a link listed again, or by two feeds, is fetched once (walk, session 32)', async () => {
  let round = 0;
  const pageHits: Record<string, number> = {};
  const item = (n: number) => `<item><title>Report ${n}</title><link>http://127.0.0.1:${port}/p/${n}</link><description>Report number ${n} on the harbour works.</description></item>`;
  const http = createServer((request: IncomingMessage, response) => {
    const path = request.url ?? '/';
    if (path === '/robots.txt') return void response.end('');
    if (path.startsWith('/p/')) {
      pageHits[path] = (pageHits[path] ?? 0) + 1;
      response.setHeader('content-type', 'text/html');
      return void response.end(`<html><head><title>Page ${path}</title></head><body><article><p>${'The harbour works went on through the night, the port said. '.repeat(8)}${path}</p></article></body></html>`);
    }
    // Each poll of /a.rss moves on by one item (no validators: always a new document); /b.rss lists /p/0 too.
    response.setHeader('content-type', 'application/rss+xml');
    const items = path === '/a.rss' ? [round, round + 1] : [0];
    response.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${path}</title>${items.map(item).join('')}</channel></rss>`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  try {
    const poller = new FeedPoller([`http://127.0.0.1:${port}/a.rss`, `http://127.0.0.1:${port}/b.rss`], { ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: 0 });
    for (round = 0; round < 6; round++) for await (const _ of poller.poll());
    assert.deepEqual(pageHits, { '/p/0': 1, '/p/1': 1, '/p/2': 1, '/p/3': 1, '/p/4': 1, '/p/5': 1, '/p/6': 1 });
    // Before: every link ever taken (7 here; some 900,000 for 100 feeds over six months).
    assert.equal(poller.held, 3, "a.rss's two items and b.rss's one");
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
});

test('a server that drips its answer is cut at the timeout, and the problem says so in words (walk, session 31)', async () => {
  const http = createServer((_request, response) => {
    response.setHeader('content-type', 'application/rss+xml');
    response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    const drip = setInterval(() => response.write(' '), 50);
    response.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const poller = new FeedPoller([`${base}/slow.rss`], { ...DEFAULT_FETCH_SETTINGS, perHostDelayMs: 0, timeoutMs: 500 });
    const messages: string[] = [];
    for await (const item of poller.poll()) if (item.kind === 'problem') messages.push(item.problem.message);
    assert.deepEqual(messages, ['no complete answer within 0.5 s'], 'before: "The operation was aborted due to timeout"');
  } finally {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
});

test('`newsfold watch --feeds` restarted does not fetch again the pages it stored: it asks the store by URL key (walk, session 33)', async () => {
  const hits: string[] = [];
  const page = (n: number) => `<html><head><title>Harbour report ${n}</title><link rel="canonical" href="http://127.0.0.1:${port}/p/${n}"></head><body><article><p>${`Report ${n}: the harbour works at Port Ellery went on through the night, the port authority said. `.repeat(6)}</p></article></body></html>`;
  const http = createServer((request: IncomingMessage, response) => {
    const path = request.url ?? '/';
    hits.push(path);
    if (path === '/robots.txt') return void response.end('');
    if (path.startsWith('/p/')) {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      return void response.end(page(Number(/\/p\/(\d+)/.exec(path)![1])));
    }
    response.setHeader('content-type', 'application/rss+xml');
    // The feed links with a tracking parameter; each page names its plain URL as canonical, which is what is stored.
    const items = [1, 2].map((n) => `<item><title>Harbour report ${n}</title><link>http://127.0.0.1:${port}/p/${n}?utm_source=rss</link><description>Report ${n} on the harbour works.</description></item>`);
    response.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>${items.join('')}</channel></rss>`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const { dir, db } = await scratchDb('newsfold-feeds-restart-');
  const list = join(dir, 'feeds.txt');
  await writeFile(list, `http://127.0.0.1:${port}/feed.rss\n`);
  const feedPolls = () => hits.filter((path) => path === '/feed.rss').length;
  /** Runs `watch` until `done`, then stops it with SIGTERM; resolves with its stdout. */
  const watch = async (done: (stdout: string) => boolean): Promise<string> => {
    const child = spawn(process.execPath, [BIN, 'watch', '--feeds', list, '--db', db, '--json', '--interval', '0.2', '--feed-interval', '0.2'], { env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!done(stdout) && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.ok(done(stdout), `${stdout}\n${stderr}`);
    return stdout;
  };
  try {
    await watch((stdout) => /"stored":2/.test(stdout));
    assert.deepEqual(hits.filter((path) => path.startsWith('/p/')).sort(), ['/p/1?utm_source=rss', '/p/2?utm_source=rss']);
    // Restarted: two whole polls of the feed (the second begins once the first has done its pages).
    const before = feedPolls();
    await watch(() => feedPolls() >= before + 2);
    assert.deepEqual(hits.filter((path) => path.startsWith('/p/')).sort(), ['/p/1?utm_source=rss', '/p/2?utm_source=rss'], 'before: both pages fetched again after the restart');
    const stories = await newsfold(['stories', '--all', '--json', '--db', db]);
    assert.equal(stories.code, 0, stories.stderr);
  } finally {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
});
