// Preloaded into a worker (`node --import ./bench/count-statements.mjs BIN worker ...`): counts the statements (round
// trips) its pg clients send, by kind (newsfold's own, pg-boss's), and writes them at exit as JSON to
// $NEWSFOLD_STATEMENTS_DIR/statements-PID.json. Patches the pg that the build at $NEWSFOLD_STATEMENTS_ROOT loads.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = process.env.NEWSFOLD_STATEMENTS_ROOT;
const dir = process.env.NEWSFOLD_STATEMENTS_DIR;
if (root !== undefined && dir !== undefined) {
  const pg = createRequire(join(root, 'package.json'))('pg');
  const counts = {};
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
    const kind = `${text.includes('_boss') ? 'pg-boss: ' : ''}${text.replace(/\s+/g, ' ').trim().slice(0, 50)}`;
    counts[kind] = (counts[kind] ?? 0) + 1;
    return query.apply(this, args);
  };
  process.on('exit', () => writeFileSync(join(dir, `statements-${process.pid}.json`), JSON.stringify(counts)));
}
