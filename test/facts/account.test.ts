// Session 33 (issue 20, the account a reader can trust): speakers and figures found reading DUC 2006 and Multi-News
// digests, each with sentences written here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findQuotes } from '../../src/facts/index.ts';

const speakers = (...paragraphs: string[]) => findQuotes({ text: paragraphs.join('\n\n') }).map((quote) => quote.speaker);

test('a state written after a city is a place, not the speaker: "Maria Olsen, a Salem, Ore., lawyer" speaks (DUC D0634G "Ore.")', () => {
  assert.deepEqual(speakers('"We will not back down from this fight," Maria Olsen, a Salem, Ore., lawyer who represents the growers, wrote in a letter.'), ['Maria Olsen']);
  assert.deepEqual(speakers('"The mill will stay open all winter," Tom Reyes, a Fresno, California, union organiser, said on Friday.'), ['Tom Reyes']);
});

test('a title joined by "and" or "of" after an inverted cue runs on to its name: "said Agriculture and Forestry Minister Hanna Berg" (DUC D0634G "Fisheries")', () => {
  assert.deepEqual(speakers('"The quota has been cut for the third year," said Agriculture and Forestry Minister Hanna Berg.'), ['Hanna Berg']);
  assert.deepEqual(speakers('"We are ready to talk again," said Secretary of State Lena Marsh.'), ['Lena Marsh']);
  // A name of its own before "of" stays the speaker.
  assert.deepEqual(speakers('"The numbers do not add up," said Tom Hale of Boston-based Harvard Medical.'), ['Tom Hale']);
});

test('an unnamed speaker described by an appositive is that person: "one caller, a retired teacher, told us" (bundled tram story)', () => {
  assert.deepEqual(speakers('Several listeners welcomed the news. Others were angry. "Nobody asked the people on Lindell Road whether we wanted a building site," one caller, a retired teacher, told us.'), ['one caller, a retired teacher']);
  assert.deepEqual(speakers('"The harbour will reopen in the spring," one resident, a former fisherman, said.'), ['one resident, a former fisherman']);
});
