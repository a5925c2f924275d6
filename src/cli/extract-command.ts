// `newsfold extract PATHS... [--json]`: what the readers and the extraction stage make of each page or
// record (title, metadata, body text), printed without storing anything.
import type { Command } from 'commander';
import { describeProblem } from '../errors.ts';
import type { IngestItem } from '../ingest/index.ts';
import { EXIT_ERROR, EXIT_INPUT_PROBLEMS, type Io, type RegisterCommands } from './common.ts';
import { jsonText } from './wrap.ts';

type Article = Extract<IngestItem, { kind: 'article' }>;

/** The JSON Lines record of one page or record; absent fields are null so every line has the same keys. */
export function extractJson(item: Article): Record<string, string | null> {
  const { raw, page } = item;
  return {
    path: raw.origin.path,
    record: raw.origin.record ?? null,
    url: raw.url ?? null,
    title: raw.title ?? null,
    // As the page states it (its own day and offset); the stored article keeps the UTC instant.
    published: page?.metadata.published ?? raw.published ?? null,
    author: raw.byline ?? null,
    site: raw.source ?? null,
    language: raw.language ?? null,
    text: page?.text ?? raw.text,
  };
}

export function renderExtract(item: Article): string {
  const json = extractJson(item);
  const where = json.record === null ? json.path : `${json.path} record ${json.record}`;
  const lines = [`== ${where}`];
  for (const key of ['title', 'url', 'published', 'author', 'site', 'language'] as const) {
    if (json[key] !== null) lines.push(`${key}: ${json[key]}`);
  }
  return `${lines.join('\n')}\n\n${json.text}\n`;
}

export const registerExtractCommands: RegisterCommands = (program: Command, io: Io, setExit) => {
  program
    .command('extract')
    .argument('<paths...>', 'HTML pages (.html, .htm, .gz, or any page by content), WARC files (.warc, .warc.gz), feeds (.rss, .atom, .xml), directories, or - for standard input')
    .option('--json', 'print JSON Lines: path, record, url, title, published, author, site, language, text')
    .description('print the title, metadata and main text of each page or record, without storing anything')
    .action(async (paths: string[], options: { json?: boolean }) => {
      let first = true;
      let printed = 0;
      let problems = 0;
      // Loaded here, not at start-up: the readers bring the HTML, feed and WARC libraries.
      const { readInputs } = await import('../ingest/index.ts');
      for await (const item of readInputs(paths, io.stdin as AsyncIterable<Buffer | string>)) {
        if (item.kind === 'problem') {
          io.stderr(`newsfold: ${describeProblem(item.problem)}\n`);
          problems += 1;
          setExit(EXIT_INPUT_PROBLEMS);
          continue;
        }
        printed += 1;
        if (options.json === true) io.stdout(`${jsonText(extractJson(item))}\n`);
        else {
          io.stdout(`${first ? '' : '\n'}${renderExtract(item)}`);
          first = false;
        }
      }
      // Nothing could be read: exit 2, as `summarize` does, not 1 (which promises the rest was printed).
      if (printed === 0 && problems > 0) {
        io.stderr('newsfold: no page or record could be read\n');
        setExit(EXIT_ERROR);
      }
    });
};
