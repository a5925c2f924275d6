// What the applier's two costliest statements cost the server, replayed on real pages' rows (issue 16): the
// articles insert with its search vector made by the insert (as before migration 10), taken ready-made (as the
// queue now stages it), under the GIN index as created, with fastupdate off, with a pending list too large to
// be cleaned during the inserts (cleaned after, by a call), without the GIN index, without a search vector; and
// the batch's document-frequency upsert in the map's order against key order. Server CPU of the one backend
// (/proc/PID/schedstat), ms an article, medians of the rounds. Then the wall time of a one-row commit with and
// without waiting for the disk (synchronous_commit), as a worker's staging and pg-boss's commits. Needs
// PostgreSQL on this host.
// Usage: node --import tsx bench/pg-write-costs.ts [--pages 990] [--rounds 3]
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { enqueue } from '../src/engine/enqueue.ts';
import { runWorker } from '../src/engine/queue.ts';
import { searchVectorSql } from '../src/store/postgres.ts';
import { testSchema } from '../test/store/helpers/postgres.ts';
import { prng } from './lib/seeded.ts';
import { copyPages, flag, REAL_PAGES } from './lib/real-pages.ts';

/** Articles a replayed insert statement carries: the engine's batch. */
const BATCH = 256;
/** Share of the stored vocabulary one replayed document-frequency batch touches (about a batch's distinct terms). */
const BATCH_TERM_SHARE = 0.3;
const DF_BATCHES = 4;
/** One-row commits timed in a round. */
const COMMITS = 200;

const copied = await copyPages(REAL_PAGES, Number(flag('pages') ?? 990), 'newsfold-pg-write-costs-');
if (copied === undefined) {
  console.log(`skipped: ${REAL_PAGES} not found`);
  process.exit(0);
}
const schema = await testSchema('nf_write_costs');
if ('skip' in schema) {
  console.log(`skipped: ${schema.skip}`);
  process.exit(0);
}
const rounds = Number(flag('rounds') ?? 3);
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
try {
  await enqueue(schema.url, [join(copied.dir, 'pages')]);
  await runWorker(schema.url, { untilIdle: true });
  const client = new pg.Client({ connectionString: schema.url.replace(/[?&]schema=.*$/, '') });
  await client.connect();
  await client.query(`SET search_path TO ${schema.schema}`);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const serverMs = () => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  // The rows as a client sends them: new, uncompressed values (as parameters are), read from an uncompressed copy.
  const long = ['title', 'text', 'paragraphs', 'sentences', 'dropped', 'terms'];
  const columns = 'id, arrival, content_hash, path, line, format, external_id, url, source, title, published, byline, dateline, language, text, paragraphs, sentences, dropped, ingested_at, signature, terms';
  await client.query(`CREATE TABLE sent (LIKE articles INCLUDING DEFAULTS)`);
  for (const column of [...long, 'search']) await client.query(`ALTER TABLE sent ALTER COLUMN ${column} SET STORAGE EXTERNAL`);
  await client.query(`INSERT INTO sent (${columns}, search) SELECT ${columns.split(', ').map((column) => (long.includes(column) ? `${column} || ''` : column)).join(', ')}, search || ''::tsvector FROM articles`);
  const arrivals = (await client.query<{ arrival: string }>('SELECT arrival FROM sent ORDER BY arrival')).rows.map((row) => Number(row.arrival));
  const variants: { name: string; search: 'made' | 'ready' | 'none'; gin: string | undefined; cleanAfter?: boolean }[] = [
    { name: 'search vector made by the insert (before), GIN as created', search: 'made', gin: '' },
    { name: 'search vector ready-made (after), GIN as created (fastupdate, 4 MB pending list)', search: 'ready', gin: '' },
    { name: 'ready-made, GIN fastupdate off', search: 'ready', gin: 'WITH (fastupdate = off)' },
    { name: 'ready-made, GIN pending list 64 MB (not cleaned during the inserts)', search: 'ready', gin: 'WITH (gin_pending_list_limit = 65536)', cleanAfter: true },
    { name: 'ready-made, no GIN index', search: 'ready', gin: undefined },
    { name: 'no search vector', search: 'none', gin: undefined },
  ];
  const insertMs = new Map<string, number[]>();
  const cleanMs = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      await client.query('DROP TABLE IF EXISTS replay');
      await client.query('CREATE TABLE replay (LIKE articles INCLUDING DEFAULTS INCLUDING COMPRESSION INCLUDING STORAGE INCLUDING INDEXES)');
      const gin = (await client.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = $1 AND tablename = 'replay' AND indexdef LIKE '%gin%'`, [schema.schema])).rows;
      for (const { name } of gin) await client.query(`DROP INDEX ${name}`);
      if (variant.gin !== undefined) await client.query(`CREATE INDEX replay_search ON replay USING GIN (search) ${variant.gin}`);
      const target = variant.search === 'none' ? columns : `${columns}, search`;
      const source = variant.search === 'made' ? `${columns}, ${searchVectorSql('title', 'text')}` : target;
      if (variant.search === 'none') await client.query('ALTER TABLE replay DROP COLUMN search');
      const before = serverMs();
      for (let from = 0; from < arrivals.length; from += BATCH) {
        await client.query(`INSERT INTO replay (${target}) SELECT ${source} FROM sent WHERE arrival BETWEEN $1 AND $2`, [arrivals[from], arrivals[Math.min(from + BATCH, arrivals.length) - 1]]);
      }
      insertMs.set(variant.name, [...(insertMs.get(variant.name) ?? []), (serverMs() - before) / arrivals.length]);
      if (variant.cleanAfter === true) {
        const cleaning = serverMs();
        await client.query(`SELECT gin_clean_pending_list('replay_search'::regclass)`);
        cleanMs.set(variant.name, [...(cleanMs.get(variant.name) ?? []), (serverMs() - cleaning) / arrivals.length]);
      }
    }
  }
  console.log(`articles insert, ${arrivals.length} articles in statements of ${BATCH}, server CPU ms an article (median of ${rounds}):`);
  for (const variant of variants) {
    const clean = cleanMs.get(variant.name);
    console.log(`  ${median(insertMs.get(variant.name)!).toFixed(3)}  ${variant.name}${clean === undefined ? '' : `; its pending list cleaned after: ${median(clean).toFixed(3)}`}`);
  }

  const vocabulary = (await client.query<{ term: string }>('SELECT term FROM term_df')).rows.map((row) => row.term);
  const random = prng(7);
  const batches = Array.from({ length: DF_BATCHES }, () => vocabulary.filter(() => random() < BATCH_TERM_SHARE));
  const upsertMs: Record<string, number[]> = { "the map's order (before)": [], 'key order (after)': [] };
  for (let round = 0; round < rounds; round++) {
    for (const order of Object.keys(upsertMs)) {
      await client.query(`DROP TABLE IF EXISTS replay_df; CREATE TABLE replay_df (LIKE term_df INCLUDING ALL) WITH (fillfactor = 70)`);
      const before = serverMs();
      for (const batch of batches) {
        // The map's order is the order terms first appear in the batch's articles: unrelated to the key.
        const terms = order.startsWith('key') ? [...batch].sort() : [...batch].sort(() => random() - 0.5);
        await client.query(
          `INSERT INTO replay_df (term, df) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (term) DO UPDATE SET df = replay_df.df + excluded.df`,
          [terms, terms.map(() => 1)],
        );
      }
      upsertMs[order]!.push((serverMs() - before) / arrivals.length);
    }
  }
  console.log(`document-frequency upsert, ${DF_BATCHES} batches of ${batches.map((batch) => batch.length).join(', ')} terms, server CPU ms an article (median of ${rounds}):`);
  for (const [order, values] of Object.entries(upsertMs)) console.log(`  ${median(values).toFixed(3)}  ${order}`);

  await client.query('CREATE TABLE replay_commit (x INTEGER)');
  const commitMs: Record<string, number[]> = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    for (const sync of Object.keys(commitMs)) {
      await client.query(`SET synchronous_commit = ${sync}`);
      const started = performance.now();
      for (let commit = 0; commit < COMMITS; commit++) await client.query('INSERT INTO replay_commit VALUES (1)');
      commitMs[sync]!.push((performance.now() - started) / COMMITS);
    }
  }
  console.log(`a one-row commit, wall ms (median of ${rounds} rounds of ${COMMITS}): synchronous_commit on ${median(commitMs.on!).toFixed(2)}, off ${median(commitMs.off!).toFixed(2)}`);
  await client.end();
} finally {
  await schema.drop();
  await rm(copied.dir, { recursive: true, force: true });
}
