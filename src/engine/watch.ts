// Live ingestion from files: `newsfold watch PATHS` looks at the paths every interval and ingests what is new:
// a page, WARC, feed or text file once its size has held still for one interval (a file being written is not
// read half-way), and the complete lines appended to a JSON Lines file since the last look. Into a SQLite store
// it ingests directly; into PostgreSQL it puts the new slices on the queue for the workers.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { InputProblem } from '../errors.ts';
import { decodePage } from '../ingest/encoding.ts';
import { readFeed } from '../ingest/feed.ts';
import { DEFAULT_FETCH_SETTINGS, PoliteFetcher, type FetchSettings } from '../ingest/fetch.ts';
import { readPage } from '../ingest/html.ts';
import { listInputFiles, readInputFile, type IngestItem } from '../ingest/index.ts';
import { isPostgresUrl } from '../store/open.ts';
import { DEFAULT_ENGINE_SETTINGS, Engine, type EngineSettings, type IngestReport } from './index.ts';
import { enqueuePlan, JOB_FILES, JOB_LINES, type JobPart } from './enqueue.ts';

/** How often the paths are looked at: new files wait at most this long, plus one interval to hold still. */
export const WATCH_INTERVAL_MS = 2000;
/** How often each feed is polled: news feeds change by the minute, and a 304 costs the publisher little. */
export const FEED_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Polls feeds with conditional GET and fetches the pages their items link to, politely; an item whose page
 * cannot be had (robots.txt, an error, too large) is ingested from the feed's own text. A link a feed still
 * lists, or another feed lists, is not fetched again; what the feeds no longer list is forgotten, so a watch
 * running for months holds the feeds' current items, not every link it ever took. A link whose article the
 * store already has (by URL key, `storedUrls`) is not fetched either: a restarted watch fetches no page again.
 */
export class FeedPoller {
  private readonly validators = new Map<string, { etag?: string; lastModified?: string }>();
  /** Per feed, the links its last document listed. */
  private readonly taken = new Map<string, Set<string>>();
  readonly fetcher: PoliteFetcher;

  /** `storedUrls`: those of the links a stored article has as its URL (Engine.storedArticleUrls). */
  constructor(private readonly feeds: readonly string[], settings: FetchSettings = DEFAULT_FETCH_SETTINGS, private readonly storedUrls?: (urls: readonly string[]) => Promise<Set<string>>) {
    this.fetcher = new PoliteFetcher(settings);
  }

  async *poll(): AsyncGenerator<IngestItem> {
    for (const feedUrl of this.feeds) {
      let result;
      try {
        result = await this.fetcher.fetch(feedUrl, this.validators.get(feedUrl) ?? {});
      } catch (error) {
        yield fetchProblem(feedUrl, (error as Error).message);
        continue;
      }
      if (result.kind === 'not-modified') continue;
      if (result.kind === 'refused') {
        yield fetchProblem(feedUrl, result.reason);
        continue;
      }
      const validators: { etag?: string; lastModified?: string } = {};
      if (result.etag !== undefined) validators.etag = result.etag;
      if (result.lastModified !== undefined) validators.lastModified = result.lastModified;
      this.validators.set(feedUrl, validators);
      const decoded = decodePage(result.body, charsetOf(result.contentType));
      if (!decoded.ok) {
        yield { kind: 'problem', problem: { code: 'E_ENCODING', path: feedUrl, message: decoded.reason } };
        continue;
      }
      const previous = this.taken.get(feedUrl);
      const items = readFeed(feedUrl, decoded.text);
      // The links not held in memory, asked of the store at once: an indexed look-up each, not a page fetch.
      const unheld = items.flatMap((item) => (item.kind === 'article' && item.raw.url !== undefined && previous?.has(item.raw.url) !== true && !this.isTaken(item.raw.url) ? [item.raw.url] : []));
      const stored = this.storedUrls === undefined || unheld.length === 0 ? new Set<string>() : await this.storedUrls(unheld);
      const listed = new Set<string>();
      this.taken.set(feedUrl, listed);
      for (const item of items) {
        if (item.kind === 'problem') {
          yield item;
          continue;
        }
        const link = item.raw.url;
        if (link === undefined) {
          yield item;
          continue;
        }
        const known = previous?.has(link) === true || this.isTaken(link) || stored.has(link);
        listed.add(link);
        if (!known) yield await this.page(link, item);
      }
    }
  }

  /** Links held to tell new items from old: the feeds' current items. */
  get held(): number {
    let count = 0;
    for (const links of this.taken.values()) count += links.size;
    return count;
  }

  private isTaken(link: string): boolean {
    for (const links of this.taken.values()) if (links.has(link)) return true;
    return false;
  }

  private async page(link: string, fallback: IngestItem): Promise<IngestItem> {
    try {
      const fetched = await this.fetcher.fetch(link);
      if (fetched.kind !== 'ok') return fallback;
      const charset = charsetOf(fetched.contentType);
      const page = readPage(fetched.body, { path: link, format: 'html', url: link, ...(charset === undefined ? {} : { declaredCharset: charset }) });
      return page.ok ? { kind: 'article', raw: page.raw, page: page.page } : fallback;
    } catch {
      return fallback;
    }
  }
}

function charsetOf(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : /charset="?([\w-]+)/i.exec(contentType)?.[1];
}

function fetchProblem(url: string, message: string): IngestItem {
  return { kind: 'problem', problem: { code: 'E_FETCH', path: url, message } };
}

interface SeenFile {
  size: number;
  mtimeMs: number;
  /** JSON Lines: lines already taken. */
  lines: number;
  /** JSON Lines: what was counted so far (only what is appended is counted again). */
  counted?: Counted;
  /** JSON Lines: the last line taken had no newline yet (taken once the file held still), so it may grow. */
  open?: boolean;
  /** Ingested at this size and time (undefined: not yet, or changed since). */
  taken?: { size: number; mtimeMs: number };
}

/** What changed under the paths since the last look, as parts to ingest. Keeps what it has seen. */
export class InputWatcher {
  private readonly seen = new Map<string, SeenFile>();

  constructor(private readonly paths: readonly string[]) {}

  async changes(): Promise<JobPart[]> {
    const parts: JobPart[] = [];
    for await (const file of listInputFiles(this.paths)) {
      const info = await stat(file.path).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      const known = this.seen.get(file.path);
      const stillSinceLastLook = known !== undefined && known.size === info.size && known.mtimeMs === info.mtimeMs;
      let seen: SeenFile = known ?? { size: info.size, mtimeMs: info.mtimeMs, lines: 0 };
      if (file.reader === 'jsonl') {
        if (seen.taken?.size !== info.size || seen.taken.mtimeMs !== info.mtimeMs) {
          let counted = await countLines(file.path, info.ino, seen.counted);
          if (counted === 'replaced') {
            // Truncated (copytruncate rotation) or another file in its place: read from its first line. The old
            // count skipped the new file's first lines, or all of them until it outgrew the old file.
            seen = { size: info.size, mtimeMs: info.mtimeMs, lines: 0 };
            counted = await countLines(file.path, info.ino, undefined);
          }
          if (counted === undefined || counted === 'replaced') continue;
          seen.counted = counted;
          const { newlines, terminated } = counted;
          // An unterminated last line may be half-written: it is taken once the file has held still.
          const whole = terminated || stillSinceLastLook;
          const complete = terminated || !stillSinceLastLook ? newlines : newlines + 1;
          // A last line taken unterminated that the writer then went on with is taken again, whole: what its
          // half gave was at most a problem (or, if it was complete, is already stored), never its record.
          const next = seen.open === true ? seen.lines : seen.lines + 1;
          if (complete >= next) {
            for (let from = next; from <= complete; from += JOB_LINES) parts.push({ file, lines: { from, to: Math.min(complete, from + JOB_LINES - 1) } });
            seen.lines = complete;
            seen.open = !terminated && stillSinceLastLook;
          }
          if (whole) seen.taken = { size: info.size, mtimeMs: info.mtimeMs };
        }
      } else if (stillSinceLastLook && (seen.taken?.size !== info.size || seen.taken?.mtimeMs !== info.mtimeMs)) {
        parts.push({ file });
        seen.taken = { size: info.size, mtimeMs: info.mtimeMs };
      }
      seen.size = info.size;
      seen.mtimeMs = info.mtimeMs;
      this.seen.set(file.path, seen);
    }
    return parts;
  }
}

/** Bytes read at a time while counting a JSON Lines file's newlines: it is streamed, never held whole. */
const COUNT_CHUNK_BYTES = 1 << 20;
/** Bytes of a file's start kept to tell the same file grown from another one written in its place. */
const HEAD_BYTES = 256;
const NEWLINE = 0x0a;

/** A JSON Lines file as counted: its inode and first bytes, the bytes counted, their newlines, the last byte's. */
interface Counted {
  ino: number;
  head: Buffer;
  bytes: number;
  newlines: number;
  terminated: boolean;
}

/**
 * The newlines of a JSON Lines file, counted on from where the last count ended; 'replaced' when it is not the
 * file last counted grown (another inode, shorter, other first bytes). Streamed: read whole as one string, a
 * file over about 512 MB failed to read and counted as empty, so none of its lines was ever taken.
 */
async function countLines(path: string, ino: number, last: Counted | undefined): Promise<Counted | 'replaced' | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead: headBytes } = await handle.read(head, 0, HEAD_BYTES, 0);
    const start = head.subarray(0, headBytes);
    if (last !== undefined) {
      const kept = Math.min(last.head.length, start.length);
      if (ino !== last.ino || headBytes < last.head.length || !start.subarray(0, kept).equals(last.head.subarray(0, kept))) return 'replaced';
    }
    const buffer = Buffer.allocUnsafe(COUNT_CHUNK_BYTES);
    let { bytes, newlines, terminated } = last ?? { bytes: 0, newlines: 0, terminated: true };
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, COUNT_CHUNK_BYTES, bytes);
      if (bytesRead === 0) break;
      for (let at = buffer.indexOf(NEWLINE); at >= 0 && at < bytesRead; at = buffer.indexOf(NEWLINE, at + 1)) newlines++;
      bytes += bytesRead;
      terminated = buffer[bytesRead - 1] === NEWLINE;
    }
    return { ino, head: Buffer.from(start), bytes, newlines, terminated };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

async function* itemsOf(parts: readonly JobPart[]): AsyncGenerator<IngestItem> {
  for (const part of parts) yield* readInputFile(part.file, part.lines);
}

/** Parts grouped into queue jobs: slices of JSON Lines alone, other files up to JOB_FILES a job. */
function jobsOf(parts: readonly JobPart[]): JobPart[][] {
  const jobs: JobPart[][] = [];
  let files: JobPart[] = [];
  for (const part of parts) {
    if (part.lines !== undefined) {
      jobs.push([part]);
      continue;
    }
    files.push(part);
    if (files.length >= JOB_FILES) {
      jobs.push(files);
      files = [];
    }
  }
  if (files.length > 0) jobs.push(files);
  return jobs;
}

export interface WatchOptions {
  settings?: EngineSettings;
  intervalMs?: number;
  /** Feed URLs to poll, every `feedIntervalMs`. */
  feeds?: readonly string[];
  feedIntervalMs?: number;
  fetchSettings?: FetchSettings;
  signal?: AbortSignal;
  onProblem?: (problem: InputProblem) => void;
  /** After each look that found something: what was ingested (SQLite) or queued (PostgreSQL). */
  onIngest?: (event: { parts: number; report?: IngestReport; jobs?: number }) => void;
}

/** Watches the paths until `signal` aborts, ingesting (or queueing) what appears. */
export async function watchInputs(db: string, paths: readonly string[], options: WatchOptions = {}): Promise<void> {
  const watcher = new InputWatcher(paths);
  const intervalMs = options.intervalMs ?? WATCH_INTERVAL_MS;
  const queue = isPostgresUrl(db);
  const feeds = options.feeds ?? [];
  // Fetched pages are not files a worker could read: they are ingested here, on PostgreSQL as on SQLite (the
  // store's write lock keeps them in order with the workers' batches).
  const engine = queue && feeds.length === 0 ? undefined : await Engine.open(db, options.settings ?? DEFAULT_ENGINE_SETTINGS);
  const poller = feeds.length === 0 || engine === undefined ? undefined : new FeedPoller(feeds, options.fetchSettings ?? DEFAULT_FETCH_SETTINGS, (urls) => engine.storedArticleUrls(urls));
  let nextFeedPoll = 0;
  const ingestOptions = options.onProblem === undefined ? {} : { onProblem: options.onProblem };
  try {
    while (options.signal?.aborted !== true) {
      if (poller !== undefined && engine !== undefined && Date.now() >= nextFeedPoll) {
        nextFeedPoll = Date.now() + (options.feedIntervalMs ?? FEED_INTERVAL_MS);
        const report = await engine.ingestItems(poller.poll(), ingestOptions);
        if (report.read > 0) options.onIngest?.({ parts: 0, report });
      }
      const parts = await watcher.changes();
      if (parts.length > 0) {
        if (!queue && engine !== undefined) {
          const report = await engine.ingestItems(itemsOf(parts), ingestOptions);
          options.onIngest?.({ parts: parts.length, report });
        } else {
          const queued = await enqueuePlan(db, jobsOf(parts));
          options.onIngest?.({ parts: parts.length, jobs: queued.jobs });
        }
      }
      await new Promise<void>((resolve) => {
        const onAbort = () => {
          clearTimeout(timer);
          resolve();
        };
        // The listener goes with its look: one left per look piled up (a warning after 10, a leak for days).
        const timer = setTimeout(() => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        }, intervalMs);
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  } finally {
    await engine?.close();
  }
}
