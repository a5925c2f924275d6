// The copy index through the real engine and SQLite store, on the 1,250 DUC 2006 articles: stored bytes per
// article of the index (one blob per article) against what schema 1's one-row-per-key tables would hold,
// the in-memory index's bytes per article after a restart, and the relations found, by kind.
// Run: node --import tsx bench/copy-store.ts   (skips when ../shared/data is absent)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../src/engine/index.ts';
import { STORED_KEY_BYTES } from '../src/sketch/copy-index.ts';
import { DUC2006_ROOT, findDucDocs, ingestStream, readDucClusters } from './lib/duc.ts';

async function main(): Promise<void> {
  if ((await findDucDocs()) === undefined) {
    console.log(`copy-store: DUC 2006 not found at ${DUC2006_ROOT}; skipping`);
    return;
  }
  const documents = (await readDucClusters()).flatMap((cluster) => cluster.documents);
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-copy-store-'));
  const path = join(dir, 'duc.db');
  try {
    const engine = Engine.openSqlite(path);
    const report = await engine.ingestItems(ingestStream(documents));
    await engine.close();
    // A new process's view: the index is loaded from the stored sketches.
    const reopened = Engine.openSqlite(path);
    const memory = await reopened.store.copyIndexBytes();
    await reopened.close();
    const db = new Database(path, { readonly: true });
    const stored = db.prepare('SELECT count(*) AS n, sum(length(sketch)) AS bytes FROM copy_sketches').get() as { n: number; bytes: number };
    const pages = db.prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'copy_sketches'").get() as { bytes: number | null };
    const kinds = db.prepare('SELECT kind, count(*) AS n FROM relations GROUP BY kind ORDER BY kind').all() as { kind: string; n: number }[];
    // Schema 1 kept one (key INTEGER, article_id TEXT) row per band key and per distinct fingerprint, each
    // also in an index: about 2 x (8-byte key + 16-char id + row overhead ~ 4) bytes per key at least.
    const keysPerArticle = (stored.bytes / stored.n - 4) / STORED_KEY_BYTES;
    db.close();
    console.log(`copy-store: ${report.stored} DUC articles stored; ${report.relations} relations (${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')})`);
    console.log(`  copy_sketches: ${(stored.bytes / stored.n).toFixed(0)} bytes of blob per article (${keysPerArticle.toFixed(1)} keys), ${pages.bytes === null ? 'n/a' : (pages.bytes / stored.n).toFixed(0)} bytes of table pages per article`);
    console.log(`  schema 1 lower bound for the same keys: ${(keysPerArticle * 2 * (8 + 16 + 4)).toFixed(0)} bytes per article (one row per key plus its index entry)`);
    console.log(`  in-memory copy index after reopening: ${memory.articles} articles, ${(memory.used / memory.articles).toFixed(0)} bytes/article in use, ${(memory.allocated / memory.articles).toFixed(0)} allocated (fixed minimum tables dominate at this size)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
