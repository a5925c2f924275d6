// `newsfold summarize PATHS... [--words N] [--query TEXT] [--json]`: the given articles told as one story
// (no clustering, no store): the interface evaluation tools use.
import type { Command } from 'commander';
import { describeProblem } from '../errors.ts';
import type { SummarizeResult } from '../engine/summarize.ts';
import { DEFAULT_DIGEST_WORDS } from '../digest/length.ts';
import { EXIT_ERROR, EXIT_INPUT_PROBLEMS, parseWords, type Io, type RegisterCommands } from './common.ts';
import { languageNote, renderDigestFacts, renderDigestSentences } from './digest-render.ts';
import { plural } from './plural.ts';
import { jsonText } from './wrap.ts';

interface SummarizeFlags {
  words?: number;
  query?: string;
  json?: boolean;
}

function renderSummary(result: SummarizeResult): string {
  const out = [`Digest of ${plural(result.articles.length, 'article')} (${result.digest.words} words${languageNote(result.digest.language)}):`];
  out.push(...renderDigestSentences(result.digest), ...renderDigestFacts(result.digest), '', 'Articles:');
  for (const article of result.articles) out.push(`  ${article.id.slice(0, 8)} ${article.title}  (${article.origin.line === undefined ? article.origin.path : `${article.origin.path}:${article.origin.line}`})`);
  return out.join('\n');
}

export const registerSummarizeCommands: RegisterCommands = (program: Command, io: Io, setExit) => {
  program
    .command('summarize')
    .argument('<paths...>', 'files, directories, or - for standard input (JSON Lines, a page or a text)')
    .description('summarize the given articles as one story: a cited digest with quotes, numbers, disagreements')
    .option('--words <n>', `digest length in words (default ${DEFAULT_DIGEST_WORDS})`, parseWords)
    .option('--query <text>', 'what the reader wants to know: sentences about it are preferred')
    .option('--json', 'print JSON instead of text')
    .action(async (paths: string[], flags: SummarizeFlags) => {
      const settings = { ...(flags.words === undefined ? {} : { words: flags.words }), ...(flags.query === undefined ? {} : { query: flags.query }) };
      // Loaded here, not at start-up: summarizing brings the readers and their HTML, feed and WARC libraries.
      const [{ summarizePaths }, { summaryJson }] = await Promise.all([import('../engine/summarize.ts'), import('../engine/json.ts')]);
      const result = await summarizePaths(paths, settings, io.stdin as Parameters<typeof summarizePaths>[2], (problem) => io.stderr(`newsfold: ${describeProblem(problem)}\n`));
      if (result.problems.length > 0) setExit(result.articles.length === 0 ? EXIT_ERROR : EXIT_INPUT_PROBLEMS);
      if (result.articles.length === 0) {
        io.stderr('newsfold: no articles to summarize\n');
        return;
      }
      io.stdout(flags.json === true ? `${jsonText(summaryJson(result))}\n` : `${renderSummary(result)}\n`);
    });
};
