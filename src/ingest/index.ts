// Readers, one file per format; this module walks the given paths and dispatches each file to its reader.
// Every problem is yielded as data naming the file (and line), so one bad input never stops the rest.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { InputProblem } from '../errors.ts';
import type { RawArticle } from '../model.ts';
import { decodeUtf8, sniffContent } from './detect.ts';
import { parseJsonLine } from './jsonl.ts';
import { readPlainText } from './text.ts';

export { parsePublished } from './jsonl.ts';

export type IngestItem = { kind: 'article'; raw: RawArticle } | { kind: 'problem'; problem: InputProblem };

/** The path that means "JSON Lines on standard input". */
export const STDIN_PATH = '-';

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

type Reader = 'text' | 'jsonl';

function readerForExtension(path: string): Reader | undefined {
  const extension = extname(path).toLowerCase();
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  if (JSONL_EXTENSIONS.has(extension)) return 'jsonl';
  return undefined;
}

function problem(code: InputProblem['code'], path: string, message: string): IngestItem {
  return { kind: 'problem', problem: { code, path, message } };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Lists the files under a directory, recursively, in a stable order; hidden entries are skipped. */
async function* walk(directory: string): AsyncGenerator<string> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && readerForExtension(path) !== undefined) yield path;
  }
}

async function* readJsonLines(path: string, input: Readable): AsyncGenerator<IngestItem> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let sawText = false;
  for await (const line of lines) {
    lineNumber++;
    const item = parseJsonLine(path, lineNumber, lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line);
    if (item === undefined) continue;
    sawText = true;
    yield item;
  }
  if (!sawText) yield problem('E_EMPTY', path, 'no JSON Lines on standard input');
}

async function* readFileAt(path: string, explicit: boolean): AsyncGenerator<IngestItem> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    return;
  }
  const kind = sniffContent(bytes);
  if (kind === 'empty') {
    yield problem('E_EMPTY', path, 'file is empty');
    return;
  }
  if (kind === 'binary') {
    yield problem('E_BINARY', path, 'file is binary, not text');
    return;
  }
  // Not UTF-8: most scraped text that is not is Windows-1252, which decodes every byte.
  const text = decodeUtf8(bytes) ?? new TextDecoder('windows-1252').decode(bytes);
  const reader = readerForExtension(path) ?? (explicit && text.trimStart().startsWith('{') ? 'jsonl' : 'text');
  if (reader === 'text') {
    yield* readPlainText(path, text);
    return;
  }
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const item = parseJsonLine(path, index + 1, lines[index] ?? '');
    if (item !== undefined) yield item;
  }
}

/** Reads every article under the given paths (files, directories, or `-` for JSON Lines on stdin). */
export async function* readInputs(paths: readonly string[], stdin?: Readable): AsyncGenerator<IngestItem> {
  for (const path of paths) {
    if (path === STDIN_PATH) {
      if (stdin === undefined) yield problem('E_UNREADABLE', path, 'standard input is not available');
      else yield* readJsonLines(STDIN_PATH, stdin);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
      continue;
    }
    if (!isDirectory) {
      yield* readFileAt(path, true);
      continue;
    }
    try {
      for await (const file of walk(path)) yield* readFileAt(file, false);
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot list directory: ${describeFsError(error)}`);
    }
  }
}

/** How many input files the paths name (stdin not counted): the total of a progress bar. */
export async function countInputFiles(paths: readonly string[]): Promise<number> {
  let count = 0;
  for (const path of paths) {
    if (path === STDIN_PATH) continue;
    try {
      if (!(await stat(path)).isDirectory()) {
        count++;
        continue;
      }
      for await (const _file of walk(path)) count++;
    } catch {
      count++; // reported as a problem when read
    }
  }
  return count;
}
