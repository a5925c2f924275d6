// `npm run bench:reader-memory [-- --mb 1024 --ingest-mb 20]`: peak memory of reading a large JSON Lines file.
// Writes a file of news-like records of about --mb MB to /tmp (deleted after), then in a fresh process reads
// it through the readers (readInputs, every record parsed) and reports the peak RSS; then ingests the first
// --ingest-mb MB through the whole engine (clean, sketch, match, stories, SQLite) and reports that peak too.
import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const WORDS = 'the council approved harbour budget Tuesday storm pier minister said would report police fire river election vote market prices fell rose company shares bank rate inflation school hospital train strike weather flood'.split(' ');

/** A deterministic pseudo-random generator, so every run writes the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function writeCorpus(path: string, megabytes: number): Promise<number> {
  const next = random(42);
  const out = createWriteStream(path);
  let bytes = 0;
  let records = 0;
  while (bytes < megabytes * 1e6) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 6; p++) {
      const words: string[] = [];
      for (let w = 0; w < 80; w++) words.push(WORDS[Math.floor(next() * WORDS.length)] as string);
      paragraphs.push(`${words.join(' ')} ${records}.`);
    }
    const line = `${JSON.stringify({ id: `r${records}`, source: 'bench', title: `Record ${records}`, published: '2024-03-05T10:00:00Z', text: paragraphs.join('\n\n') })}\n`;
    bytes += Buffer.byteLength(line);
    records++;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return records;
}

async function child(mode: string, path: string, limitMb: number): Promise<void> {
  const start = performance.now();
  if (mode === 'read') {
    const { readInputs } = await import('../src/ingest/index.ts');
    let articles = 0;
    let problems = 0;
    for await (const item of readInputs([path])) item.kind === 'article' ? articles++ : problems++;
    console.log(JSON.stringify({ articles, problems, seconds: (performance.now() - start) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const { readInputs } = await import('../src/ingest/index.ts');
  const { Engine } = await import('../src/engine/index.ts');
  const db = join(tmpdir(), `newsfold-reader-memory-${process.pid}.db`);
  const engine = Engine.openSqlite(db);
  let bytes = 0;
  async function* prefix() {
    for await (const item of readInputs([path], undefined, { onBytes: (read) => (bytes += read) })) {
      if (bytes > limitMb * 1e6) return;
      yield item;
    }
  }
  const report = await engine.ingestItems(prefix());
  await engine.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  console.log(JSON.stringify({ stored: report.stored, problems: report.problems.length, seconds: (performance.now() - start) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as string, process.argv[4] as string, Number(process.argv[5]));
} else {
  const megabytes = Number(flag('mb', '1024'));
  const ingestMb = Number(flag('ingest-mb', '20'));
  const path = join(tmpdir(), `newsfold-reader-memory-${process.pid}.jsonl`);
  try {
    const records = await writeCorpus(path, megabytes);
    const size = statSync(path).size;
    console.log(`corpus: ${records} records, ${(size / 1e6).toFixed(0)} MB (${path}); node ${process.version}`);
    const run = (mode: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, path, String(ingestMb)], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop() as string);
    const read = run('read');
    console.log(`read all ${read.articles} records: ${read.seconds.toFixed(1)} s, peak RSS ${read.peakRssMb.toFixed(0)} MB (${(read.peakRssMb / (size / 1e6)).toFixed(3)} of the file size)`);
    if (ingestMb > 0) {
      const ingest = run('ingest');
      console.log(`ingest the first ${ingestMb} MB (${ingest.stored} articles) through the engine: ${ingest.seconds.toFixed(1)} s, peak RSS ${ingest.peakRssMb.toFixed(0)} MB`);
    }
  } finally {
    rmSync(path, { force: true });
  }
}
