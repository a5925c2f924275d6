// Where a process's SQLite time goes, statement by statement: a preload (node --import) that wraps better-sqlite3's
// run, get, all and exec with process.cpuUsage and, at exit, writes the CPU seconds and calls per statement text.
//   node --import ./bench/sql-statements.mjs bin/newsfold.js ingest CORPUS --db NEW.db --jobs 1
//   SQL_STATEMENTS_OUT  where the table goes (default /tmp/sql-statements.txt)
// CPU is the whole process's (user + system) while the statement runs: on one thread, that is SQLite's own work.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const Database = createRequire(`${process.cwd()}/package.json`)('better-sqlite3');
const stats = new Map();
const probe = new Database(':memory:');
const timed = (key, work) => {
  const started = process.cpuUsage();
  try {
    return work();
  } finally {
    const used = process.cpuUsage(started);
    const entry = stats.get(key) ?? { calls: 0, us: 0 };
    entry.calls++;
    entry.us += used.user + used.system;
    stats.set(key, entry);
  }
};
const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
for (const method of ['run', 'get', 'all']) {
  const original = statement[method];
  statement[method] = function (...args) {
    return timed(this.source.replace(/\s+/g, ' ').slice(0, 110), () => original.apply(this, args));
  };
}
const database = Object.getPrototypeOf(probe);
const exec = database.exec;
database.exec = function (sql) {
  return timed(`EXEC ${sql.replace(/\s+/g, ' ').slice(0, 60)}`, () => exec.call(this, sql));
};
probe.close();
process.on('exit', () => {
  const rows = [...stats].sort((x, y) => y[1].us - x[1].us);
  const total = rows.reduce((sum, [, entry]) => sum + entry.us, 0);
  const lines = rows.slice(0, 40).map(([key, entry]) => `${(entry.us / 1e6).toFixed(2).padStart(7)} s ${String(entry.calls).padStart(8)} ${key}`);
  writeFileSync(process.env.SQL_STATEMENTS_OUT ?? '/tmp/sql-statements.txt', `total ${(total / 1e6).toFixed(2)} s\n${lines.join('\n')}\n`);
});
