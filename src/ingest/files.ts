// The input files under the paths a user gives, in the order newsfold reads them, with no reader loaded: what
// `newsfold enqueue` plans jobs from, so it starts without the HTML, feed and WARC readers (ingest/index.ts reads).
import type { Dirent } from 'node:fs';
import { lstat, stat, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { InputProblem } from '../errors.ts';
import type { IngestItem } from './index.ts';

/** The path that means "standard input" (JSON Lines, a page or a text, told by content). */
export const STDIN_PATH = '-';

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.xml']);
const WARC_EXTENSIONS = new Set(['.warc']);

export type Reader = 'text' | 'jsonl' | 'html' | 'feed' | 'warc';

/** The reader for a path by its extension; `.gz` after an HTML, feed or WARC extension means gzip-compressed. */
export function readerForExtension(path: string): Reader | undefined {
  const lower = path.toLowerCase();
  const compressed = lower.endsWith('.gz');
  const extension = extname(compressed ? lower.slice(0, -3) : lower);
  if (WARC_EXTENSIONS.has(extension)) return 'warc';
  if (HTML_EXTENSIONS.has(extension)) return 'html';
  if (FEED_EXTENSIONS.has(extension)) return 'feed';
  if (compressed) return undefined;
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  if (JSONL_EXTENSIONS.has(extension)) return 'jsonl';
  return undefined;
}

export function problem(code: InputProblem['code'], path: string, message: string): IngestItem {
  return { kind: 'problem', problem: { code, path, message } };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** What a directory walk found: a file to read, a problem (an unreadable subdirectory, a FIFO), or a file passed over. */
export type WalkEntry = { kind: 'file'; path: string } | { kind: 'problem'; item: IngestItem } | { kind: 'skipped'; path: string; reason: string };

/** Extensions of server-side pages saved by crawlers: HTML when their content says so. No extension too. */
const PAGE_EXTENSIONS = new Set(['.php', '.php3', '.php5', '.shtml', '.shtm', '.asp', '.aspx', '.jsp', '.jspx', '.cfm', '.cgi', '.pl', '']);
/** news-please writes one pretty-printed JSON object per article. */
export const JSON_EXTENSIONS = new Set(['.json']);

export function plainExtension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.includes('.') ? extname(name).toLowerCase() : '';
}

/** Whether a directory entry is read: by a known extension, or by content for saved server pages and news-please `.json`. */
function walkable(path: string): boolean {
  return readerForExtension(path) !== undefined || PAGE_EXTENSIONS.has(plainExtension(path)) || JSON_EXTENSIONS.has(plainExtension(path));
}

export function notRegular(info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string | undefined {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return undefined;
}

/** What a directory listing puts for each byte of a name that is not UTF-8. */
const UNDECODABLE = '\uFFFD';

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lists the files under a directory, recursively, in a stable order; hidden entries are skipped. Iterative, so
 * a deep tree cannot overflow the stack; an unreadable subdirectory is one problem and the walk goes on.
 */
export async function* walk(root: string): AsyncGenerator<WalkEntry> {
  // A stack of open directories, each with its sorted entries and the next one to visit: the recursive
  // order (name order, a subdirectory read where its name falls) without recursion.
  const stack: { entries: Dirent[]; next: number; directory: string }[] = [];
  const enter = async function* (directory: string): AsyncGenerator<WalkEntry> {
    try {
      const entries = await readdir(directory, { withFileTypes: true });
      entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      stack.push({ entries, next: 0, directory });
    } catch (error) {
      yield { kind: 'problem', item: problem('E_UNREADABLE', directory, `cannot list directory: ${describeFsError(error)}; the rest of the walk goes on`) };
    }
  };
  yield* enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    const entry = frame.entries[frame.next++];
    if (entry === undefined) {
      stack.pop();
      continue;
    }
    const path = join(frame.directory, entry.name);
    if (entry.name.startsWith('.')) {
      yield { kind: 'skipped', path, reason: 'hidden' };
      continue;
    }
    if (entry.name.includes(UNDECODABLE) && !(await exists(path))) {
      // Node names files by UTF-8 strings: a name in another encoding (a Latin-1 archive) cannot be opened.
      yield { kind: 'problem', item: problem('E_UNREADABLE', path, 'its name is not valid UTF-8, so it cannot be opened by name: rename it (convmv -f latin1 -t utf-8 -r --notest DIR)') };
      continue;
    }
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let irregular = notRegular(entry);
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        if (target.isDirectory()) {
          // Not followed: a link to an ancestor would loop; name the directory to read it.
          yield { kind: 'skipped', path, reason: 'symbolic link to a directory, not followed' };
          continue;
        }
        isFile = target.isFile();
        isDirectory = false;
        irregular = notRegular(target);
      } catch (error) {
        yield { kind: 'problem', item: problem('E_UNREADABLE', path, `broken symbolic link: ${describeFsError(error)}`) };
        continue;
      }
    }
    if (isDirectory) yield* enter(path);
    else if (irregular !== undefined) yield { kind: 'problem', item: problem('E_UNREADABLE', path, `${irregular}, not a regular file: refused (read a pipe with \`-\`)`) };
    else if (isFile && walkable(path)) yield { kind: 'file', path };
    else yield { kind: 'skipped', path, reason: isFile ? 'not a format newsfold reads (by extension)' : 'not a regular file' };
  }
}

/** Lines of a JSON Lines file, 1-based and inclusive: a queue job reads one slice of a large file. */
export interface LineRange {
  from: number;
  to: number;
}

/** One input file as a queue job names it: `explicit` when the user named it (not found in a directory). */
export interface InputFile {
  path: string;
  explicit: boolean;
  /** The reader its extension selects; undefined when its content decides. */
  reader: Reader | undefined;
}

/** Every input file under the paths, in the order readInputs reads them (standard input left out). */
export async function* listInputFiles(paths: readonly string[]): AsyncGenerator<InputFile> {
  for (const path of paths) {
    if (path === STDIN_PATH) continue;
    const isDirectory = await stat(path).then((info) => info.isDirectory(), () => false);
    if (!isDirectory) {
      yield { path, explicit: true, reader: readerForExtension(path) };
      continue;
    }
    for await (const entry of walk(path)) {
      if (entry.kind === 'file') yield { path: entry.path, explicit: false, reader: readerForExtension(entry.path) };
      // An unreadable subdirectory: read as a file, it reports its own problem.
      else if (entry.kind === 'problem' && entry.item.kind === 'problem') yield { path: entry.item.problem.path, explicit: true, reader: undefined };
    }
  }
}

