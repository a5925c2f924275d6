// The ingesting commands' feedback: problems on stderr, and a progress bar on a terminal. Loaded only when
// `ingest` or `run` runs: it brings the engine and the progress bar.
import cliProgress from 'cli-progress';
import { describeProblem } from '../errors.ts';
import { countInputBytes, type Engine, type IngestOptions, type IngestReport } from '../engine/index.ts';
import type { Io } from './common.ts';
import { plural } from './plural.ts';

/** Ingests with problems on stderr as they come and, on a terminal, a progress bar over the input's bytes and records. */
export async function ingestWithFeedback(engine: Engine, paths: string[], io: Io, jobs: number | undefined, verbose = false, touchedStories = true): Promise<IngestReport> {
  let skipped = 0;
  const options: IngestOptions = {
    jobs: jobs ?? 1,
    touchedStories,
    stdin: io.stdin as IngestOptions['stdin'],
    onProblem: (problem) => io.stderr(`newsfold: ${describeProblem(problem)}\n`),
    onSkip: (path, reason) => {
      skipped++;
      if (verbose) io.stderr(`newsfold: skipped ${path}: ${reason}\n`);
    },
  };
  const tellSkipped = () => {
    if (skipped > 0 && !verbose) io.stderr(`newsfold: ${plural(skipped, 'file')} in the directories skipped (--verbose names them)\n`);
  };
  if (!io.stderrIsTty) {
    const report = await engine.ingest(paths, options);
    tellSkipped();
    return report;
  }
  const total = await countInputBytes(paths);
  const bar = new cliProgress.SingleBar(
    { format: 'ingesting [{bar}] {megabytes}/{totalMegabytes} | {read} records read, {stored} stored, {problems} problems', stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const megabytes = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(0)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
  let bytes = 0;
  let counts = { read: 0, stored: 0, problems: 0 };
  const update = () => bar.update(Math.min(bytes, Math.max(total, 1)), { ...counts, megabytes: megabytes(bytes), totalMegabytes: megabytes(total) });
  bar.start(Math.max(total, 1), 0, { ...counts, megabytes: megabytes(0), totalMegabytes: megabytes(total) });
  // Problems are printed after the bar is cleared, so they are not overdrawn by it.
  const problems: string[] = [];
  options.onProblem = (problem) => problems.push(`newsfold: ${describeProblem(problem)}\n`);
  options.onBytes = (read) => {
    bytes += read;
    update();
  };
  options.onProgress = (progress) => {
    counts = { read: progress.read, stored: progress.stored, problems: progress.problems };
    update();
  };
  try {
    return await engine.ingest(paths, options);
  } finally {
    update();
    bar.stop();
    for (const line of problems) io.stderr(line);
    tellSkipped();
  }
}
