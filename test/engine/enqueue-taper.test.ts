// A run's last jobs are cut smaller (guided self-scheduling), so several workers finish preparing close together
// and none idles while another prepares the run's last full-size job (issue 16, session 32).
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { JOB_FILES, JOB_LINES, planJobs, TAPER_MIN_LINES } from '../../src/engine/enqueue.ts';
import { scratchDb } from '../run-cli.ts';

test('the last jobs of a run of files are smaller, down to one file, holding every file once in order', async () => {
  const { dir } = await scratchDb('newsfold-taper-');
  await mkdir(join(dir, 'pages'));
  const names = Array.from({ length: 100 }, (_, page) => `page-${String(page).padStart(3, '0')}.txt`);
  for (const name of names) await writeFile(join(dir, 'pages', name), `Text of ${name}.\n`);
  const { jobs } = await planJobs([join(dir, 'pages')]);
  const sizes = jobs.map((job) => job.length);
  assert.deepEqual(jobs.flat().map((part) => part.file.path), names.map((name) => join(dir, 'pages', name)));
  assert.ok(sizes.every((size) => size >= 1 && size <= JOB_FILES), `sizes ${sizes.join(' ')}`);
  assert.equal(sizes[0], JOB_FILES, 'full jobs while much is left');
  // Before: twelve jobs of 8 and one of 4 at the end.
  assert.deepEqual(sizes.slice(-4), [1, 1, 1, 1], `sizes ${sizes.join(' ')}`);
  for (let at = 1; at < sizes.length; at++) assert.ok(sizes[at]! <= sizes[at - 1]!, `sizes shrink towards the end: ${sizes.join(' ')}`);
});

test('the last slices of a JSON Lines file are smaller, contiguous, and end where the plan ended them', async () => {
  const { dir } = await scratchDb('newsfold-taper-');
  const file = join(dir, 'stream.jsonl');
  await writeFile(file, Array.from({ length: 1000 }, (_, i) => `${JSON.stringify({ id: `a${i}`, text: `Line ${i}.` })}\n`).join(''));
  const { jobs } = await planJobs([file]);
  const ranges = jobs.map((job) => job[0]!.lines!);
  assert.equal(ranges[0]!.from, 1);
  for (let at = 1; at < ranges.length; at++) assert.equal(ranges[at]!.from, ranges[at - 1]!.to + 1, 'contiguous');
  // 1,000 lines and a trailing newline count 1,001: the last slice runs to where a full slice of 256 would end.
  assert.equal(ranges.at(-1)!.to, 4 * JOB_LINES);
  const lengths = ranges.map((range) => range.to - range.from + 1);
  assert.ok(lengths.every((length) => length <= JOB_LINES));
  // Before: four slices of 256.
  assert.ok(lengths.length > 4 && lengths.at(-2)! === TAPER_MIN_LINES, `lengths ${lengths.join(' ')}`);
});

test('a JSON Lines file named twice is queued twice, only the second occurrence tapered', async () => {
  const { dir } = await scratchDb('newsfold-taper-');
  const file = join(dir, 'stream.jsonl');
  await writeFile(file, Array.from({ length: 600 }, (_, i) => `${JSON.stringify({ id: `a${i}`, text: `Line ${i}.` })}\n`).join(''));
  const { jobs } = await planJobs([file, file]);
  const ranges = jobs.map((job) => job[0]!.lines!);
  const starts = ranges.flatMap((range, at) => (range.from === 1 ? [at] : []));
  assert.deepEqual(starts, [0, 3], 'three slices of 256 for the first occurrence, then the second from line 1');
  for (const at of [1, 2]) assert.equal(ranges[at]!.from, ranges[at - 1]!.to + 1);
  for (let at = 4; at < ranges.length; at++) assert.equal(ranges[at]!.from, ranges[at - 1]!.to + 1);
  assert.equal(ranges.at(-1)!.to, 3 * JOB_LINES);
});
