// What every command shares: exit codes, the --db/--json/--words flags, the I/O seam tests replace, and
// opening the engine around a piece of work. Each command family lives in its own file and registers here.
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { DigestOptions, Engine, IngestReport } from '../engine/index.ts';
import { isReadOnlyStore, NewsfoldError, READ_ONLY_STORE_HINT } from '../errors.ts';
import { STORY_HORIZONS, type StoryHorizon } from '../stories/assign.ts';

export const EXIT_OK = 0;
export const EXIT_INPUT_PROBLEMS = 1;
export const EXIT_ERROR = 2;
/** An unexpected failure inside newsfold (a bug): distinct from bad input (1) and usage or store errors (2). */
export const EXIT_CRASH = 3;

/** The embedded store's default file, in the working directory. */
export const DEFAULT_DB_PATH = 'newsfold.db';

export interface CommonOptions {
  db: string;
  jobs?: number;
  json?: boolean;
}

export interface DigestFlags extends CommonOptions {
  words?: number;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  stderrIsTty: boolean;
}

export function parseWords(value: string): number {
  const words = Number(value);
  if (!Number.isInteger(words) || words < 10 || words > 5000) throw new InvalidArgumentError('expected a whole number of words from 10 to 5000');
  return words;
}

export function digestOptions(flags: DigestFlags): DigestOptions {
  return flags.words === undefined ? {} : { words: flags.words };
}

export function withCommon(command: Command): Command {
  return command
    .addOption(new Option('--db <path|url>', 'the store: a SQLite database file, or a postgres://user@host/database URL').default(DEFAULT_DB_PATH))
    .option('--json', 'print JSON instead of text');
}

export function withWords(command: Command): Command {
  return command.option('--words <n>', 'digest length in words', parseWords);
}

/** Worker threads by default: one per core the process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return jobs;
}

/** --jobs N, for the commands that ingest. */
export function withJobs(command: Command): Command {
  return command.option('--jobs <n>', 'worker threads preparing articles (results are the same for every N)', parseJobs, defaultJobs());
}

/** --stories event|topic, for the commands that assign articles to stories. */
export function withStoryHorizon(command: Command): Command {
  return command.addOption(
    new Option('--stories <horizon>', 'what a story is: event (a news event, stories within a week of each article) or topic (a subject across years, for archives)')
      .choices(STORY_HORIZONS)
      .default('event'),
  );
}

/**
 * Opens the engine around `work`. Read commands pass `readOnly`: a missing database is an error naming the
 * path, never a new empty file, and nothing is migrated.
 */
export async function withEngine<T>(options: CommonOptions & { stories?: StoryHorizon }, work: (engine: Engine) => Promise<T>, access: { readOnly?: boolean; upgradeOnly?: boolean } = {}): Promise<T> {
  // Loaded here, not at start-up: the engine brings the stores and the pipeline, which --help never needs.
  const { DEFAULT_ENGINE_SETTINGS, Engine } = await import('../engine/index.ts');
  const engine = await Engine.open(options.db, { ...DEFAULT_ENGINE_SETTINGS, storyHorizon: options.stories ?? DEFAULT_ENGINE_SETTINGS.storyHorizon }, { mustExist: access.readOnly === true, upgradeOnly: access.upgradeOnly === true });
  try {
    return await work(engine);
  } catch (error) {
    // A file this user may not write opens for reading; the first write fails. Named, with what to do.
    if (isReadOnlyStore(error)) throw new NewsfoldError('E_STORE', `cannot write the database ${options.db}: it is read-only for this user (${(error as Error).message})`, READ_ONLY_STORE_HINT);
    throw error;
  } finally {
    await engine.close();
  }
}

/** Lets a command raise the process exit status (the highest one wins). */
export type SetExit = (code: number) => void;

/** A command family adds its commands to the program. */
export type RegisterCommands = (program: Command, io: Io, setExit: SetExit) => void;

/**
 * `ingest` and `run` exit as `extract` and `summarize` do: 1 when some inputs were problems (the rest was
 * ingested), 2 when every input was one and no article could be read at all.
 */
export function setIngestExit(report: Pick<IngestReport, 'stored' | 'alreadyStored' | 'problems'>, io: Io, setExit: (code: number) => void): void {
  if (report.problems.length === 0) return;
  if (report.stored + report.alreadyStored > 0) return setExit(EXIT_INPUT_PROBLEMS);
  io.stderr('newsfold: no article could be read\n');
  setExit(EXIT_ERROR);
}
