// `--stories event|topic`: the same two reports on one subject, two years apart, are two news events but one
// topic. End to end through the CLI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newsfold, scratchDb } from '../run-cli.ts';

const FIRST =
  'The Harbour Commission of Port Alder voted on Tuesday to dredge the northern channel of the estuary, ' +
  'saying silt from the Brenna River had left the container berths too shallow for the largest ships. ' +
  'Commissioner Ilse Marten said the dredging of the Port Alder channel would take eleven weeks. ' +
  'Fishing crews on the estuary warned that dredging would stir up the silt beds where the oyster farms lie.';
const SECOND =
  'Two years after the northern channel of the Port Alder estuary was dredged, silt from the Brenna River ' +
  'has again left the container berths too shallow, the Harbour Commission said. Commissioner Ilse Marten ' +
  'said a second dredging of the channel could start in the spring. Oyster farms on the estuary fear the silt ' +
  'beds will be stirred up once more, the fishing crews said.';

const INPUT = [
  { id: 'dredge-1', title: 'Port Alder votes to dredge silted estuary channel', text: FIRST, published: '2023-03-07T10:00:00Z' },
  { id: 'dredge-2', title: 'Silt returns to Port Alder channel two years after dredging', text: SECOND, published: '2025-03-11T09:00:00Z' },
]
  .map((record) => JSON.stringify(record))
  .join('\n');

async function storyCount(flags: string[]): Promise<number> {
  const { db } = await scratchDb();
  const run = await newsfold(['run', '--json', '--db', db, ...flags, '-'], { input: INPUT });
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { stories: unknown[] }).stories.length;
}

test('events (the default) keep reports two years apart in two stories; topics join them', async () => {
  assert.equal(await storyCount([]), 2);
  assert.equal(await storyCount(['--stories', 'event']), 2);
  assert.equal(await storyCount(['--stories', 'topic']), 1);
});

test('an unknown --stories value is refused with the choices named', async () => {
  const { db } = await scratchDb();
  const run = await newsfold(['ingest', '--db', db, '--stories', 'weekly', '-'], { input: INPUT });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /weekly/);
  assert.match(run.stderr, /event, topic/);
});
