import { closeSync, openSync, readSync } from 'node:fs';

/** How much of a corpus file is read for its first texts: enough for several thousand articles. */
const FIRST_TEXTS_BYTES = 64 << 20;

/** The first `count` texts of a JSON Lines corpus (bench/copy-corpus.ts), from its first 64 MB. */
export function firstTexts(path: string, count: number): string[] {
  const buffer = Buffer.alloc(FIRST_TEXTS_BYTES);
  const fd = openSync(path, 'r');
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const texts: string[] = [];
  for (let start = 0; texts.length < count; ) {
    const end = buffer.indexOf(10, start);
    if (end < 0 || end > read) break;
    texts.push((JSON.parse(buffer.toString('utf8', start, end)) as { text: string }).text);
    start = end + 1;
  }
  return texts;
}
