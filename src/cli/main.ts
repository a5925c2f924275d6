// The command-line face: parses arguments, calls the engine, prints. No pipeline logic lives here.
// Exit status: 0 all went well, 1 some inputs could not be ingested (the rest was), 2 usage, store or fatal
// error, 3 an unexpected crash (a bug). Only the command definitions load at start-up: each action imports
// the engine (and the server, queue or readers) when it runs, so --help and --version stay cheap.
import { Command, CommanderError } from 'commander';
import { FULL_STORE_HINT, isFullStore, isStoreFailure, NewsfoldError } from '../errors.ts';
import type { StoryRow } from '../engine/index.ts';
import { digestOptions, EXIT_CRASH, EXIT_ERROR, EXIT_OK, setIngestExit, withCommon, withEngine, withJobs, withStoryHorizon, withWords, type CommonOptions, type DigestFlags, type Io, type RegisterCommands } from './common.ts';
export { DEFAULT_DB_PATH, EXIT_CRASH, EXIT_ERROR, EXIT_INPUT_PROBLEMS, EXIT_OK } from './common.ts';
import { registerSummarizeCommands } from './summarize-command.ts';
import { registerExtractCommands } from './extract-command.ts';
import { registerDupesCommands } from './dupes-command.ts';
import { registerQueueCommands } from './queue-command.ts';
import { registerServeCommands } from './serve-command.ts';
import { boundHeapGrowth } from './heap.ts';
import { plural } from './plural.ts';
import { jsonText, terminalSafe } from './wrap.ts';
import { renderArticle, renderIngestReport, renderStories, renderStory, renderStoryRows } from './render.ts';
import { storyPageRequest, withPaging, withStoryFilters, type PagingFlags, type StoryFilterFlags } from './stories-flags.ts';

/** Command families kept in files of their own; each adds its commands to the program. */
const COMMAND_FAMILIES: RegisterCommands[] = [registerDupesCommands, registerSummarizeCommands, registerExtractCommands, registerServeCommands, registerQueueCommands];

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('newsfold')
    .description('Fold scraped news into stories: copies, versions and lifted passages found, each story told once with citations.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  withJobs(withStoryHorizon(withCommon(program.command('ingest').argument('<paths...>', 'files, directories, or - for standard input'))))
    .description('read, clean, index and relate articles, and assign them to stories')
    .option('--verbose', 'name every file a directory walk skips')
    .action(async (paths: string[], options: CommonOptions & { verbose?: boolean }) => {
      const [{ ingestWithFeedback }, { ingestReportJson }] = await Promise.all([import('./ingest-feedback.ts'), import('../engine/index.ts')]);
      const report = await withEngine(options, (engine) => ingestWithFeedback(engine, paths, io, options.jobs, options.verbose === true, false));
      io.stdout(options.json === true ? `${jsonText(ingestReportJson(report))}\n` : `${renderIngestReport(report)}\n`);
      setIngestExit(report, io, setExit);
    });

  withJobs(withPaging(withStoryHorizon(withWords(withCommon(program.command('run').argument('<paths...>', 'files, directories, or - for standard input'))))))
    .description('ingest the paths, then print the stories this ingest created or changed')
    .option('--verbose', 'name every file a directory walk skips')
    .action(async (paths: string[], options: DigestFlags & PagingFlags & { verbose?: boolean }) => {
      const [{ ingestWithFeedback }, { storiesJson }] = await Promise.all([import('./ingest-feedback.ts'), import('../engine/index.ts')]);
      await withEngine(options, async (engine) => {
        const report = await ingestWithFeedback(engine, paths, io, options.jobs, options.verbose === true);
        const rows = await engine.storyRows(report.touchedStories);
        const shown = options.all === true ? rows : rows.slice(0, options.limit);
        const views = [];
        for (const row of shown) views.push(await engine.story(row.id, digestOptions(options)));
        if (options.json === true) io.stdout(`${jsonText(storiesJson(views))}\n`);
        else {
          const more = rows.length - shown.length;
          const tail = more > 0 ? `\n\n${plural(more, 'more story', 'more stories')} changed; list them with \`newsfold stories\` or show all with --all.` : '';
          io.stdout(`${renderIngestReport(report)}\n\n${renderStories(views)}${tail}\n`);
        }
        setIngestExit(report, io, setExit);
      });
    });

  withStoryFilters(withPaging(withWords(withCommon(program.command('stories')))))
    .description('list stories compactly, a page at a time, most recently active first (--json gives each story in full)')
    .action(async (options: DigestFlags & PagingFlags & StoryFilterFlags) => {
      await withEngine(options, async (engine) => {
        const request = storyPageRequest(options);
        const rows: StoryRow[] = [];
        let nextCursor: string | undefined;
        do {
          const page = await engine.storyPage(request);
          rows.push(...page.stories);
          nextCursor = page.nextCursor;
          request.cursor = nextCursor;
        } while (options.all === true && nextCursor !== undefined);
        if (options.json === true) {
          const { storiesJson } = await import('../engine/index.ts');
          const views = [];
          for (const row of rows) views.push(await engine.story(row.id, digestOptions(options)));
          io.stdout(`${jsonText({ ...storiesJson(views), ...(nextCursor === undefined ? {} : { nextCursor }) })}\n`);
        } else io.stdout(`${renderStoryRows(rows, nextCursor)}\n`);
      }, { readOnly: true });
    });

  withWords(withCommon(program.command('story').argument('<id>', 'story id or a unique prefix')))
    .description('print one story')
    .action(async (id: string, options: DigestFlags) => {
      await withEngine(options, async (engine) => {
        const view = await engine.story(id, digestOptions(options));
        const { storyJson } = await import('../engine/index.ts');
        io.stdout(options.json === true ? `${jsonText(storyJson(view))}\n` : `${renderStory(view)}\n`);
      }, { readOnly: true });
    });

  withCommon(program.command('article').argument('<id>', 'article id, unique prefix, input id, path or URL'))
    .description("print an article's cleaned text, what cleaning dropped, and its relations")
    .action(async (id: string, options: CommonOptions) => {
      await withEngine(options, async (engine) => {
        const view = await engine.article(id);
        const { articleJson } = await import('../engine/index.ts');
        io.stdout(options.json === true ? `${jsonText(articleJson(view))}\n` : `${renderArticle(view)}\n`);
      }, { readOnly: true });
    });

  withCommon(program.command('upgrade'))
    .description("bring a database written by an earlier newsfold to this version's schema (read commands never change one)")
    .action(async (options: CommonOptions) => {
      // Opening for writing migrates; nothing else is read or written.
      await withEngine(options, async () => undefined, { upgradeOnly: true });
      const { printableStoreName } = await import('../engine/index.ts');
      io.stdout(options.json === true ? `${jsonText({ db: printableStoreName(options.db), upgraded: true })}\n` : `${printableStoreName(options.db)}: up to date\n`);
    });

  for (const register of COMMAND_FAMILIES) register(program, io, setExit);
  return program;
}

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  boundHeapGrowth();
  let exit = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exit = Math.max(exit, code);
  });
  try {
    await program.parseAsync([...argv]);
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    if (error instanceof NewsfoldError) {
      io.stderr(`newsfold: ${error.message} [${error.code}]\n  hint: ${error.hint}\n`);
      return EXIT_ERROR;
    }
    if (isFullStore(error)) {
      const failure = new NewsfoldError('E_STORE', `the disk holding the database is full (${(error as Error).message})`, FULL_STORE_HINT);
      io.stderr(`newsfold: ${failure.message} [${failure.code}]\n  hint: ${failure.hint}\n`);
      return EXIT_ERROR;
    }
    if (isStoreFailure(error)) {
      const failure = new NewsfoldError('E_STORE', `the database cannot be used: ${error.message}`);
      io.stderr(`newsfold: ${failure.message} [${failure.code}]\n  hint: ${failure.hint}\n`);
      return EXIT_ERROR;
    }
    io.stderr(`newsfold: internal error (a bug in newsfold; please report it with this trace):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_CRASH;
  }
}

function defaultIo(): Io {
  return {
    stdout: (text) => process.stdout.write(terminalSafe(text)),
    stderr: (text) => process.stderr.write(terminalSafe(text)),
    stdin: process.stdin,
    stderrIsTty: process.stderr.isTTY === true && process.env.CI === undefined,
  };
}
