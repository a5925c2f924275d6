// A real server on an ephemeral port over a real SQLite store, for the HTTP tests: no mocks, no inject.
import { join } from 'node:path';
import { Engine } from '../../src/engine/index.ts';
import { buildServer, type ServerSettings, type Server } from '../../src/server/app.ts';
import { ROOT, scratchDb } from '../run-cli.ts';

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
  const engine = Engine.openSqlite(db);
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
