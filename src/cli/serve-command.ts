// `newsfold serve`: the HTTP API over the store (src/server/). The token for writes comes from NEWSFOLD_TOKEN
// or --token-file; with neither, the server answers reads and refuses every write.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { NewsfoldError } from '../errors.ts';
import type { StoryHorizon } from '../stories/assign.ts';
import { DEFAULT_DB_PATH, withStoryHorizon, type Io, type RegisterCommands } from './common.ts';

interface ServeFlags {
  db: string;
  host: string;
  port: number;
  tokenFile?: string;
  corsOrigin?: string[];
  stories?: StoryHorizon;
}

/** Shorter tokens can be guessed; the server refuses to start with one. */
const MIN_TOKEN_LENGTH = 16;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535 (0 picks a free one)');
  return port;
}

/** The write token: --token-file wins over NEWSFOLD_TOKEN; surrounding whitespace (a trailing newline) is not part of it. */
export function writeToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  let token: string | undefined;
  if (tokenFile !== undefined) {
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
    } catch (error) {
      throw new NewsfoldError('E_UNREADABLE', `cannot read token file ${tokenFile}: ${(error as Error).message}`);
    }
  } else token = env.NEWSFOLD_TOKEN?.trim();
  if (token === undefined || token === '') return undefined;
  if (token.length < MIN_TOKEN_LENGTH) {
    // Name where the token came from: the user may not know which of the two the server read.
    const origin = tokenFile === undefined ? 'NEWSFOLD_TOKEN' : `the token in ${tokenFile}`;
    throw new NewsfoldError('E_USAGE', `${origin} has ${token.length} characters; a write token must have at least ${MIN_TOKEN_LENGTH}`, 'Use a longer random secret, such as the output of `openssl rand -hex 16`.');
  }
  return token;
}

/** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const registerServeCommands: RegisterCommands = (program: Command, io: Io) => {
  withStoryHorizon(program.command('serve'))
    .description('serve the HTTP API (OpenAPI document at /openapi.json); writes need NEWSFOLD_TOKEN or --token-file')
    .addOption(new Option('--db <path|url>', 'the store: a SQLite database file, or a postgres://user@host/database URL').default(DEFAULT_DB_PATH))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port to listen on (0 picks a free one)').argParser(parsePort).default(8080))
    .addOption(new Option('--token-file <path>', 'file holding the bearer token that POST /articles must carry'))
    .addOption(new Option('--cors-origin <origin...>', 'allow browsers on these origins to call the API (CORS is off without it)'))
    .action(async (options: ServeFlags) => {
      const token = writeToken(options.tokenFile, process.env);
      // Loaded here, not at start-up: the server brings fastify and its plugins, the engine the stores.
      const [{ DEFAULT_ENGINE_SETTINGS, Engine }, { buildServer, SERVER_STORE_BUSY_TIMEOUT_MS }] = await Promise.all([import('../engine/index.ts'), import('../server/app.ts')]);
      const engine = await Engine.open(options.db, { ...DEFAULT_ENGINE_SETTINGS, storyHorizon: options.stories ?? DEFAULT_ENGINE_SETTINGS.storyHorizon }, { busyTimeoutMs: SERVER_STORE_BUSY_TIMEOUT_MS });
      const server = await buildServer(engine, { ...(token === undefined ? {} : { token }), corsOrigins: options.corsOrigin ?? [] });
      try {
        const address = await listenOn(server.app, options.host, options.port);
        io.stderr(`newsfold: serving ${address} (API description at ${address}/openapi.json; writes ${token === undefined ? 'refused: no token configured' : 'need the bearer token'})\n`);
        // Stopped by a signal, or by the store's lost connection (then E_STORE, exit 2: a service manager restarts it).
        const stopped = await Promise.race([untilStopped(), engine.storeLost()]);
        if (stopped instanceof Error) throw stopped;
        io.stderr(`newsfold: ${stopped}, stopping\n`);
      } finally {
        await server.close();
        await engine.close().catch(() => undefined);
      }
    });
};

/** Why an address cannot be listened on, by the socket error's code: the user's to fix, not a bug in newsfold. */
const LISTEN_FAILURES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'is in use by another program (another newsfold serve?); pick another --port, or 0 for a free one',
  EACCES: 'needs privileges this user lacks (ports below 1024); pick a --port of 1024 or more',
  EADDRNOTAVAIL: 'is not an address of this machine; check --host',
  ENOTFOUND: 'names no host that resolves; check --host',
};

async function listenOn(app: { listen: (options: { host: string; port: number }) => Promise<string> }, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    const reason = LISTEN_FAILURES[String((error as { code?: unknown }).code)];
    if (reason === undefined) throw error;
    throw new NewsfoldError('E_USAGE', `cannot listen on ${host}:${port}: it ${reason}`);
  }
}
