import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';

/** Modules that only preparing needs: readers, extraction, the engine. Enqueueing must not pay their start-up. */
const PREPARING_ONLY = [/\/src\/ingest\/(index|html|feed|warc)\.ts$/, /\/src\/extract\//, /\/src\/engine\/(index|prepare|queue)\.ts$/, /\/node_modules\/linkedom\//];

test('enqueueing loads the file listing, the store and pg-boss, not the readers or the engine', () => {
  // A module hook in the child names every module it loads (on standard error).
  const hooks = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const script = `await import(${JSON.stringify(new URL('../../src/engine/enqueue.ts', import.meta.url).href)});`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const loaded = [...result.stderr.matchAll(/^LOADED (\S+)$/gm)].map((match) => match[1]!);
  assert.ok(loaded.some((url) => url.endsWith('/src/engine/enqueue.ts')), `the hook saw the module: ${loaded.length} loads`);
  assert.ok(loaded.some((url) => url.endsWith('/src/store/postgres.ts')));
  const extra = loaded.filter((url) => PREPARING_ONLY.some((pattern) => pattern.test(url)));
  assert.deepEqual(extra, []);
});
