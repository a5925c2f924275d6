// Compiles src/ to dist/ (tsconfig.build.json) and assembly/sketch.ts (AssemblyScript) to dist/wasm/sketch.wasm, and stamps the build, so bin/newsfold.js runs JavaScript with no
// loader at start-up. Run by `npm run build` and, through the `prepare` script, by `npm ci` / `npm install`.
// Without TypeScript (an install that omits dev dependencies) it builds nothing: the bin then runs the sources
// through tsx, more slowly to start but the same program.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.log('newsfold build: TypeScript is not installed; the program will run from its sources through tsx');
  process.exit(0);
}
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit', cwd: root });
// The sketch's kernels (src/sketch/kernels.ts loads them, from src/ through tsx as from dist/).
execFileSync(
  process.execPath,
  [createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js'), 'assembly/sketch.ts', '-O3', '--runtime', 'stub', '--noAssert', '--outFile', 'dist/wasm/sketch.wasm'],
  { stdio: 'inherit', cwd: root },
);
// The page's stylesheet and script are read from beside the compiled module (src/web/routes.ts).
cpSync(`${root}src/web/static`, `${root}dist/src/web/static`, { recursive: true });
writeFileSync(`${root}dist/.built`, `${new Date().toISOString()}\n`);
