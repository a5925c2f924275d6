// A real server on an ephemeral port over a real SQLite store, for the HTTP tests: no mocks, no inject.
import { Ajv, type ValidateFunction } from 'ajv';
import { join } from 'node:path';
import { Engine } from '../../src/engine/index.ts';
import { buildServer, SERVER_STORE_BUSY_TIMEOUT_MS, type ServerSettings, type Server } from '../../src/server/app.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT, scratchDb } from '../run-cli.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface Running {
  base: string;
  engine: Engine;
  server: Server;
  db: string;
  stop(): Promise<void>;
}

/** Opens a fresh store (with the bundled examples when `examples`), builds the server and listens on port 0. */
export async function startServer(options: { examples?: boolean; settings?: Partial<ServerSettings> } = {}): Promise<Running> {
  const { db } = await scratchDb('newsfold-server-');
  const engine = Engine.openSqlite(db, undefined, { busyTimeoutMs: SERVER_STORE_BUSY_TIMEOUT_MS });
  if (options.examples !== false) await engine.ingest([join(ROOT, 'examples')]);
  const server = await buildServer(engine, { token: TEST_TOKEN, ...options.settings });
  const base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    engine,
    server,
    db,
    stop: async () => {
      await server.close();
      await engine.close();
    },
  };
}

export async function getJson(url: string): Promise<{ status: number; type: string; body: any; headers: Headers }> {
  const response = await fetch(url, { redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

/** Checks responses against the OpenAPI document the server itself serves (not against the code's schemas). */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private constructor(readonly document: any) {}

  static async load(base: string): Promise<OpenApiValidator> {
    return new OpenApiValidator((await getJson(`${base}/openapi.json`)).body);
  }

  /** Asserts the body fits the documented response of `route` (an OpenAPI path such as /stories/{id}). */
  check(method: string, route: string, status: number, contentType: string, body: unknown): void {
    const key = `${method} ${route} ${status}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const responses = this.document.paths?.[route]?.[method.toLowerCase()]?.responses;
      if (responses === undefined) throw new Error(`${method} ${route} is not in the OpenAPI document`);
      const response = responses[String(status)];
      if (response === undefined) throw new Error(`${method} ${route} does not document status ${status}`);
      const media = Object.keys(response.content ?? {})[0];
      if (media === undefined) throw new Error(`${method} ${route} ${status} documents no body`);
      if (!contentType.startsWith(media) && !(status >= 400 && contentType.startsWith('application/problem+json'))) {
        throw new Error(`${key}: content type ${contentType}, documented ${media}`);
      }
      validate = this.ajv.compile(response.content[media].schema);
      this.compiled.set(key, validate);
    }
    if (!validate(body)) throw new Error(`${key}: ${this.ajv.errorsText(validate.errors)}`);
  }
}

/**
 * Runs the real `newsfold serve --db DB --port 0` as a child process; resolves once it prints the address it
 * serves. `exited` resolves with its exit code (rejecting the start if it exits first).
 */
export async function spawnServe(db: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; address: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { env: { ...process.env, NEWSFOLD_TOKEN: '', ...env } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const found = /serving (http:\/\/\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, address, exited };
}
