// `dupes`, `compare` and `delete` end to end through the real binary.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { UNRELATED, WIRE_STORY } from '../fixtures.ts';
import { newsfold, scratchDb, SEEDS } from '../run-cli.ts';

const scratch = () => scratchDb('newsfold-dupes-');


test('dupes lists the bundled wire story, its scraped duplicate and its update as one group, earliest first', async () => {
  const { db } = await scratch();
  assert.equal((await newsfold(['ingest', '--db', db, 'examples'])).code, 0);
  const run = await newsfold(['dupes', '--json', '--db', db]);
  assert.equal(run.code, 0, run.stderr);
  const { groups } = JSON.parse(run.stdout) as { groups: { earliest: string; members: { id: string; path: string }[]; relations: { kind: string }[] }[] };
  assert.equal(groups.length, 1);
  const paths = groups[0]!.members.map((m) => m.path.replace(/.*examples\//, '')).sort();
  assert.deepEqual(paths, ['port-alder-tanker/scraped-page.txt', 'port-alder-tanker/wire-v1.txt', 'port-alder-tanker/wire-v2.txt']);
  assert.equal(groups[0]!.earliest, groups[0]!.members[0]!.id);
  assert.deepEqual(groups[0]!.relations.map((r) => r.kind).sort(), ['duplicate', 'version', 'version']);
  const text = await newsfold(['dupes', '--db', db]);
  assert.match(text.stdout, /^Group 1: 3 articles; earliest /);
});

test('dupes pages as `stories` does and as GET /dupes does: --limit, --cursor, --all (fresh walk, session 29)', async () => {
  const { db } = await scratch();
  assert.equal((await newsfold(['ingest', '--db', db, 'examples'])).code, 0);
  // Two more groups of copies: the same text under two sources each.
  const records = [UNRELATED, WIRE_STORY].flatMap((text, index) => ['a', 'b'].map((copy) => JSON.stringify({ id: `${index}${copy}`, source: `outlet-${copy}`, title: `Copy ${index}`, text })));
  assert.equal((await newsfold(['ingest', '--db', db, '-'], { input: `${records.join('\n')}\n` })).code, 0);
  type Page = { groups: { earliest: string }[]; total: number; nextCursor?: string };
  const all = JSON.parse((await newsfold(['dupes', '--json', '--all', '--db', db])).stdout) as Page;
  assert.ok(all.total >= 3 && all.groups.length === all.total && all.nextCursor === undefined, JSON.stringify(all.total));
  const first = JSON.parse((await newsfold(['dupes', '--json', '--limit', '1', '--db', db])).stdout) as Page;
  assert.deepEqual(first.groups.map((group) => group.earliest), [all.groups[0]!.earliest]);
  assert.equal(first.total, all.total);
  const second = JSON.parse((await newsfold(['dupes', '--json', '--limit', '1', '--cursor', first.nextCursor!, '--db', db])).stdout) as Page;
  assert.deepEqual(second.groups.map((group) => group.earliest), [all.groups[1]!.earliest]);
  const text = await newsfold(['dupes', '--limit', '1', '--cursor', first.nextCursor!, '--db', db]);
  assert.match(text.stdout, /^Group 2: /, 'groups are numbered across pages');
  assert.match(text.stdout, /More groups: newsfold dupes --cursor \S+, or --all\.\n$/);
  const refused = await newsfold(['dupes', '--limit', '0', '--db', db]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--limit.*expected a whole number from 1 to 100/);
});

test('compare shows shared passages side by side, marks reworded words without colour when piped, and --json gives ranges', async () => {
  const { dir, db } = await scratch();
  await writeFile(join(dir, 'wire.txt'), WIRE_STORY);
  await writeFile(join(dir, 'spun.txt'), WIRE_STORY.replace('gave way early on Sunday', 'collapsed early on Sunday').replace('about 60 homes', 'some 60 houses'));
  assert.equal((await newsfold(['ingest', '--db', db, dir])).code, 0);
  const wire = join(dir, 'wire.txt');
  const spun = join(dir, 'spun.txt');
  const text = await newsfold(['compare', '--db', db, wire, spun]);
  assert.equal(text.code, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /\u001b\[/, 'no ANSI codes when stdout is not a terminal');
  // Either file may be taken as the source (no evidence of direction; first ingest decides).
  assert.match(text.stdout, /\[-gave-\]|\{\+gave\+\}/);
  assert.match(text.stdout, /\[-collapsed-\]|\{\+collapsed\+\}/);
  assert.match(text.stdout, / \| /, 'two columns');
  const coloured = await newsfold(['compare', '--color', '--db', db, wire, spun]);
  assert.match(coloured.stdout, /\u001b\[3[12]mgave\u001b\[0m/);
  const json = JSON.parse((await newsfold(['compare', '--json', '--db', db, wire, spun])).stdout) as {
    related: boolean;
    kind: string;
    passages: { a: { start: number; end: number; text: string }; b: { text: string }; similarity: number }[];
  };
  assert.equal(json.related, true);
  assert.equal(json.kind, 'version');
  assert.ok(json.passages.some((p) => [p.a.text, p.b.text].some((t) => t.includes('gave way')) && [p.a.text, p.b.text].some((t) => t.includes('collapsed'))));
});

test('delete removes an article from the store and the copy index; a second process no longer relates it', async () => {
  const { dir, db } = await scratch();
  await writeFile(join(dir, 'wire.txt'), WIRE_STORY);
  // Identical texts without a URL, id or source are one article (identity by content), so each copy adds a line.
  await writeFile(join(dir, 'copy.txt'), `${WIRE_STORY}\n\nThe copying site added this closing line about its own coverage.`);
  await newsfold(['ingest', '--db', db, dir]);
  assert.equal(JSON.parse((await newsfold(['dupes', '--json', '--db', db])).stdout).groups.length, 1);
  const deleted = await newsfold(['delete', '--db', db, join(dir, 'wire.txt')]);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.match(deleted.stdout, /^Deleted [0-9a-f]+\.$/m);
  assert.equal(JSON.parse((await newsfold(['dupes', '--json', '--db', db])).stdout).groups.length, 0);
  // A third copy arriving later relates to the surviving copy only.
  await writeFile(join(dir, 'third.txt'), `${WIRE_STORY}\n\nA third site closed with a line of its own on the rescue.`);
  await newsfold(['ingest', '--db', db, join(dir, 'third.txt')]);
  const { groups } = JSON.parse((await newsfold(['dupes', '--json', '--db', db])).stdout) as { groups: { members: { path: string }[] }[] };
  assert.deepEqual(groups[0]!.members.map((m) => m.path.replace(/.*\//, '')).sort(), ['copy.txt', 'third.txt']);
  const missing = await newsfold(['delete', '--db', db, join(dir, 'wire.txt')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no article matches/);
});

test('compare with an unknown article names it and fails cleanly', async () => {
  const { db } = await scratch();
  await newsfold(['ingest', '--db', db, 'examples']);
  const run = await newsfold(['compare', '--db', db, 'examples/port-alder-tanker/wire-v1.txt', 'no-such-article']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no-such-article/);
  // The same article twice (by path and by id) is refused, not shown as a duplicate of itself.
  const id = (JSON.parse((await newsfold(['article', '--json', '--db', db, 'examples/port-alder-tanker/wire-v1.txt'])).stdout) as { id: string }).id;
  const self = await newsfold(['compare', '--db', db, 'examples/port-alder-tanker/wire-v1.txt', id]);
  assert.equal(self.code, 2, self.stdout);
  assert.match(self.stderr, /compare needs two different articles: .*are both article /);
  assert.doesNotMatch(self.stdout, /duplicate/);
});

test('seed 004: the reworded sentence "vital needs" aligns with the wire\'s "key needs"', async (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`seed articles not found at ${SEEDS}`);
    return;
  }
  const { db } = await scratch();
  await newsfold(['ingest', '--db', db, SEEDS]);
  const files = (await readdir(SEEDS)).sort();
  const seed004 = join(SEEDS, files.find((f) => f.startsWith('004_'))!);
  let aligned = false;
  for (const other of files.filter((f) => !f.startsWith('004_'))) {
    const run = await newsfold(['compare', '--json', '--db', db, join(SEEDS, other), seed004]);
    const json = JSON.parse(run.stdout) as { passages: { a: { text: string }; b: { text: string } }[] };
    for (const p of json.passages) {
      const sides = [p.a.text, p.b.text];
      if (sides.some((s) => s.includes('But the vital needs are trainers and surveillance assets')) && sides.some((s) => s.includes('But the key needs are trainers and surveillance assets'))) aligned = true;
    }
  }
  assert.ok(aligned, 'some passage pairs the vital-needs sentence with the key-needs one');
});
