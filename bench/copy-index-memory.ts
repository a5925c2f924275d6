// Peak RSS of the copy index alone as it grows, with the SQLite store's snapshot writes: what the index adds
// to an ingest's peak per article stored (issue 19: a 1 GB JSON Lines file under 500 MB). Minutes, where the
// whole-file ingest takes half an hour of CPU. Each article gets 16 band keys and 29 fingerprints (the stream
// corpus's means: 1.31 and 2.39 MB packed at 10,240 articles), drawn at random; every snapshot the store would
// take (copy-snapshot.ts snapshotDue) is cut by snapshotPieces and written with the store's statements, in a
// WAL database, inside a transaction.
//
// Run: node --import tsx bench/copy-index-memory.ts [--articles 300000] [--every 25000] [--no-snapshots]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CopyIndex, copyKey } from '../src/sketch/copy-index.ts';
import { snapshotDue, snapshotPieces } from '../src/store/copy-snapshot.ts';
import { prng } from './lib/seeded.ts';

const BAND_KEYS = 16;
const FINGERPRINTS = 29;
const MB = 1024 * 1024;

function statusMb(field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
}

const { values } = parseArgs({ options: { articles: { type: 'string', default: '300000' }, every: { type: 'string', default: '25000' }, 'no-snapshots': { type: 'boolean', default: false } } });
const articles = Number(values.articles);
const every = Number(values.every);
const dir = mkdtempSync(join(tmpdir(), 'newsfold-copy-index-memory-'));
const db = new Database(join(dir, 'store.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE copy_index_snapshot (part TEXT NOT NULL, piece INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (part, piece))');
const clear = db.prepare('DELETE FROM copy_index_snapshot');
const insert = db.prepare('INSERT INTO copy_index_snapshot (part, piece, data) VALUES (?, ?, ?)');
const random = prng(19);
const key = () => copyKey(Math.floor(random() * 2 ** 32), Math.floor(random() * 128));
const index = new CopyIndex();
const bands = new Float64Array(BAND_KEYS);
const fingerprints = new Float64Array(FINGERPRINTS);
let inSnapshot = 0;
let snapshots = 0;
console.log(`copy index memory: ${new Date().toISOString()}, ${articles} articles, snapshots ${values['no-snapshots'] ? 'off' : 'on'}, start RSS ${statusMb('VmRSS').toFixed(0)} MB`);
console.log('| articles | RSS MB | peak RSS MB | index allocated MB | snapshots written |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (let slot = 0; slot < articles; slot++) {
  for (let i = 0; i < BAND_KEYS; i++) bands[i] = key();
  for (let i = 0; i < FINGERPRINTS; i++) fingerprints[i] = key();
  index.add(slot, bands, fingerprints);
  if (!values['no-snapshots'] && snapshotDue(index.articlesAdded, inSnapshot)) {
    // As SqliteStore.snapshotCopyIndexIfDue does, inside the batch's transaction.
    db.transaction(() => {
      const { pieces } = snapshotPieces(index.snapshot(), slot, 0);
      clear.run();
      for (const piece of pieces) insert.run(piece.part, piece.piece, Buffer.from(piece.data.buffer, piece.data.byteOffset, piece.data.byteLength));
    })();
    inSnapshot = index.articlesAdded;
    snapshots++;
  }
  if ((slot + 1) % every === 0) console.log(`| ${slot + 1} | ${statusMb('VmRSS').toFixed(0)} | ${statusMb('VmHWM').toFixed(0)} | ${(index.bytes().allocated / MB).toFixed(0)} | ${snapshots} |`);
}
db.close();
rmSync(dir, { recursive: true, force: true });
