// Runs the real `newsfold` binary as a user would, for the end-to-end tests.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'newsfold.js');
export const SEEDS = join(ROOT, '..', 'shared', 'seeds');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Text for standard input; none closes it at once. */
  input?: string;
  /** Working directory; the repository root by default. */
  cwd?: string;
  /** Variables added to (or, when empty, cleared from) the inherited environment. */
  env?: Record<string, string>;
}

/** `CI=1` keeps the progress bar off, as on a pipe. */
export function newsfold(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: '1', ...options.env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
    child.stdin?.end(options.input);
  });
}

/** A fresh folder and a database path inside it. */
export async function scratchDb(prefix = 'newsfold-cli-'): Promise<{ dir: string; db: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, db: join(dir, 'test.db') };
}
