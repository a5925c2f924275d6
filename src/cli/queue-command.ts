// `newsfold enqueue` and `newsfold worker`: ingest through a queue on PostgreSQL (see engine/queue.ts).
import { Option, type Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { describeProblem, NewsfoldError, type InputProblem } from '../errors.ts';
import type { StoryHorizon } from '../stories/assign.ts';
import { InvalidArgumentError } from 'commander';
import { letWorkerHeapGrow } from './heap.ts';
import { EXIT_ERROR, EXIT_INPUT_PROBLEMS, withCommon, withStoryHorizon, type CommonOptions, type Io, type SetExit } from './common.ts';
import { renderIngestReport } from './render.ts';
import { plural } from './plural.ts';
import { jsonText } from './wrap.ts';

export function registerQueueCommands(program: Command, io: Io, setExit: SetExit): void {
  withCommon(program.command('enqueue').argument('<paths...>', 'files or directories every worker can read'))
    .description('put ingest jobs for the paths on the queue of a PostgreSQL store (--db postgres://...)')
    .action(async (paths: string[], options: CommonOptions) => {
      const { enqueue } = await import('../engine/enqueue.ts');
      const report = await enqueue(options.db, paths);
      for (const problem of report.problems) io.stderr(`newsfold: ${describeProblem(problem)}\n`);
      io.stdout(options.json === true ? `${jsonText({ ...report, problems: report.problems.length })}\n` : `Enqueued ${plural(report.jobs, 'job')} (run ${report.run}).\n`);
      // As ingest: 1 when some paths were queued and some could not be, 2 when none could.
      if (report.problems.length > 0) setExit(report.jobs > 0 ? EXIT_INPUT_PROBLEMS : EXIT_ERROR);
    });

  withStoryHorizon(withCommon(program.command('worker')))
    .description('take ingest jobs from the queue of a PostgreSQL store; one worker at a time applies them in order')
    .addOption(new Option('--until-idle', 'stop once every enqueued job is applied'))
    .action(async (options: CommonOptions & { stories?: StoryHorizon; untilIdle?: boolean }) => {
      // Loaded here, not at start-up: the queue brings pg and pg-boss.
      const { DEFAULT_ENGINE_SETTINGS, runWorker } = await import('../engine/index.ts');
      letWorkerHeapGrow();
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      // The problems of the jobs this worker prepared: its report counts them, and they set the exit status, as ingest's do.
      const problems: InputProblem[] = [];
      // A long-lived worker says it is up: before, it printed nothing until it stopped.
      if (options.untilIdle !== true) io.stderr('newsfold: worker taking jobs; Ctrl-C stops it (a job it holds is retried)\n');
      try {
        const report = await runWorker(options.db, {
          settings: { ...DEFAULT_ENGINE_SETTINGS, storyHorizon: options.stories ?? DEFAULT_ENGINE_SETTINGS.storyHorizon },
          untilIdle: options.untilIdle === true,
          signal: stop.signal,
          onProblem: (problem) => {
            problems.push(problem);
            io.stderr(`newsfold: ${describeProblem(problem)}\n`);
          },
        });
        // Problems the applier found (a publication date in the future) are the applied batches' own: printed here,
        // where before they were counted in the summary but never named.
        for (const problem of report.applied.problems) io.stderr(`newsfold: ${describeProblem(problem)}\n`);
        const applied = { ...report.applied, problems: [...report.applied.problems, ...problems] };
        const summary = { jobs: report.prepared, articles: report.articles, prepareMs: Math.round(report.prepareMs), applyMs: Math.round(report.applyMs), idleMs: Math.round(report.idleMs), cpuMs: Math.round(report.cpuMs), applyCpuMs: Math.round(report.applyCpuMs), stored: applied.stored, relations: applied.relations, problems: applied.problems.length, spans: report.spans };
        io.stdout(options.json === true ? `${jsonText(summary)}\n` : `Prepared ${plural(report.prepared, 'job')} (${plural(report.articles, 'article')}) in ${(report.prepareMs / 1000).toFixed(1)} s; applied in ${(report.applyMs / 1000).toFixed(1)} s:\n${renderIngestReport(applied)}\n`);
        if (applied.problems.length > 0) setExit(EXIT_INPUT_PROBLEMS);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });

  withStoryHorizon(withCommon(program.command('watch').argument('[paths...]', 'files or directories to watch')))
    .description('keep ingesting what appears under the paths: new files once written, lines appended to JSON Lines (into PostgreSQL: queued for the workers); with --feeds, poll RSS/Atom feeds and fetch their pages')
    .addOption(new Option('--interval <seconds>', 'seconds between looks at the paths').argParser(parseSeconds).default(2))
    .addOption(new Option('--feeds <file>', 'a file listing feed URLs, one a line (# starts a comment)'))
    .addOption(new Option('--feed-interval <seconds>', 'seconds between polls of each feed').argParser(parseSeconds).default(300))
    .action(async (paths: string[], options: CommonOptions & { stories?: StoryHorizon; interval: number; feeds?: string; feedInterval: number }) => {
      const feeds = options.feeds === undefined ? [] : await readFeedList(options.feeds);
      if (paths.length === 0 && feeds.length === 0) throw new NewsfoldError('E_USAGE', 'watch needs paths, or --feeds with at least one URL');
      const { DEFAULT_ENGINE_SETTINGS, watchInputs } = await import('../engine/index.ts');
      // Say what is watched, and which paths are not there (a typo watched nothing, silently, for ever).
      for (const path of paths) {
        if (path !== '-' && !(await stat(path).then(() => true, () => false))) io.stderr(`newsfold: ${path} does not exist (yet); watching for it\n`);
      }
      const watched = [paths.length > 0 ? `${plural(paths.length, 'path')} every ${options.interval} s` : '', feeds.length > 0 ? `${plural(feeds.length, 'feed')} every ${options.feedInterval} s` : ''];
      io.stderr(`newsfold: watching ${watched.filter((part) => part !== '').join(' and ')}; Ctrl-C stops\n`);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await watchInputs(options.db, paths, {
          settings: { ...DEFAULT_ENGINE_SETTINGS, storyHorizon: options.stories ?? DEFAULT_ENGINE_SETTINGS.storyHorizon },
          intervalMs: options.interval * 1000,
          feeds,
          feedIntervalMs: options.feedInterval * 1000,
          signal: stop.signal,
          onProblem: (problem) => io.stderr(`newsfold: ${describeProblem(problem)}\n`),
          onIngest: (event) => {
            if (event.report !== undefined) io.stdout(options.json === true ? `${jsonText({ parts: event.parts, stored: event.report.stored, relations: event.report.relations })}\n` : `${renderIngestReport(event.report)}\n`);
            else io.stdout(options.json === true ? `${jsonText({ parts: event.parts, jobs: event.jobs })}\n` : `Queued ${plural(event.jobs ?? 0, 'job')}.\n`);
          },
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) throw new InvalidArgumentError('expected seconds from 0.1 to 3600');
  return seconds;
}

async function readFeedList(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new NewsfoldError('E_UNREADABLE', `cannot read feed list ${path}: ${(error as Error).message}`);
  }
  const urls = text.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trim()).filter((line) => line !== '');
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url)) throw new NewsfoldError('E_USAGE', `${path}: ${url} is not an http(s) URL`);
  }
  return urls;
}
