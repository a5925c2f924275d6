// GET /events on a SQLite store tells of what another process ingests into the same file (`newsfold ingest`
// beside a running `serve`), and of the server's own writes once each.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { newsfold } from '../run-cli.ts';
import { startServer, TEST_TOKEN, type Running } from './harness.ts';

let running: Running;
before(async () => {
  running = await startServer();
});
after(async () => {
  await running.stop();
});

/** Collects the event blocks of GET /events until `done` says so (or 15 s pass). */
async function collectEvents(done: (blocks: string[]) => boolean, act: () => Promise<void>): Promise<string[]> {
  const controller = new AbortController();
  const stream = await fetch(`${running.base}/events`, { signal: controller.signal });
  let text = '';
  const blocks = () => text.split('\n\n').filter((block) => block.startsWith('id:'));
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of stream.body!) {
        text += decoder.decode(chunk as Uint8Array);
        if (done(blocks())) return;
      }
    } catch {
      // aborted
    }
  })();
  await act();
  await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  // A second more, for an event told twice to show itself.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  controller.abort();
  return blocks();
}

const line = (id: string, title: string, text: string) => JSON.stringify({ id, title, source: 'follow.example', published: '2026-05-02T09:00:00Z', text });

test('a separate `newsfold ingest` into the served file reaches GET /events as story.created, once', async () => {
  const input = join(running.db, '..', 'other.jsonl');
  await writeFile(input, `${line('glacier-1', 'Glacier survey finds the Vatnsfell ice cap thinning', 'Surveyors measuring the Vatnsfell ice cap found it had thinned by eleven metres since the last survey in 2019. The team drilled six cores along the northern edge and will publish the full figures in the autumn.')}\n`);
  const blocks = await collectEvents((found) => found.some((block) => block.includes('story.created')), async () => {
    const ingest = await newsfold(['ingest', input, '--db', running.db]);
    assert.equal(ingest.code, 0, ingest.stderr);
  });
  const created = blocks.filter((block) => block.includes('event: story.created'));
  assert.equal(created.length, 1, JSON.stringify(blocks));
  const event = JSON.parse(/data: (.*)/.exec(created[0]!)![1]!);
  assert.equal(event.headline, 'Glacier survey finds the Vatnsfell ice cap thinning');
  assert.equal(event.articles, 1);
});

test('the server\'s own POST /articles is told once, not again by the follower', async () => {
  const body = line('harbour-1', 'Harbour crane collapses in the night at Port Ellery', 'A harbour crane at Port Ellery collapsed in the night and fell across two berths. Nobody was hurt, the port authority said, and ships were sent to the southern quay while engineers looked at the damage.');
  const blocks = await collectEvents((found) => found.some((block) => block.includes('story.created')), async () => {
    const posted = await fetch(`${running.base}/articles`, { method: 'POST', body, headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson' } });
    assert.equal(posted.status, 200);
  });
  assert.equal(blocks.filter((block) => block.includes('event: story.')).length, 1, JSON.stringify(blocks));
});

/** Ingests two articles of one story through a separate process; resolves with the story id. */
async function storyOfTwo(prefix: string, title: string, text: string): Promise<string> {
  const input = join(running.db, '..', `${prefix}.jsonl`);
  await writeFile(input, `${line(`${prefix}-1`, title, text)}\n${line(`${prefix}-2`, `${title} again`, `${text} Officials repeated the figures on Tuesday.`)}\n`);
  const ingest = await newsfold(['ingest', input, '--db', running.db]);
  assert.equal(ingest.code, 0, ingest.stderr);
  const first = await running.engine.article(`${prefix}-1`);
  const second = await running.engine.article(`${prefix}-2`);
  assert.ok(first.storyId !== undefined && first.storyId === second.storyId, 'the two articles make one story');
  return first.storyId;
}

test('`newsfold delete` in another process reaches GET /events as story.shrunk, once (walk, session 33)', async () => {
  const storyId = await storyOfTwo('quarry', 'Quarry blast shakes the village of Amberleigh overnight', 'A blast at the Amberleigh quarry shook houses in the village overnight and cracked the windows of the primary school. The quarry operator said the charge had been set according to its permit and that inspectors would visit on Monday.');
  const blocks = await collectEvents((found) => found.some((block) => block.includes('story.shrunk')), async () => {
    const deleted = await newsfold(['delete', 'quarry-2', '--db', running.db]);
    assert.equal(deleted.code, 0, deleted.stderr);
  });
  const shrunk = blocks.filter((block) => block.includes('event: story.shrunk'));
  assert.equal(shrunk.length, 1, JSON.stringify(blocks));
  const event = JSON.parse(/data: (.*)/.exec(shrunk[0]!)![1]!);
  assert.deepEqual({ storyId: event.storyId, articles: event.articles, removed: event.removed }, { storyId, articles: 1, removed: 1 });
  assert.match(event.headline, /^Quarry blast shakes the village of Amberleigh overnight/);
});

test('the server\'s own engine deleting an article is told once as story.shrunk, not again by the follower', async () => {
  const storyId = await storyOfTwo('ferry', 'Ferry to the Skerrin islands cancelled for a week by storms', 'The ferry to the Skerrin islands will not sail for a week while storms pass, the operator said, leaving islanders to rely on a weekly supply flight. The council has opened the school hall for stranded visitors.');
  const blocks = await collectEvents((found) => found.some((block) => block.includes('story.shrunk')), async () => {
    await running.engine.deleteArticle('ferry-1');
  });
  const shrunk = blocks.filter((block) => block.includes('event: story.'));
  assert.equal(shrunk.length, 1, JSON.stringify(blocks));
  assert.match(shrunk[0]!, /event: story\.shrunk/);
  assert.equal(JSON.parse(/data: (.*)/.exec(shrunk[0]!)![1]!).storyId, storyId);
});
