// Compiles src/ to dist/ (tsconfig.build.json) and the sketch's kernels, assembly/sketch.ts (AssemblyScript), to
// dist/wasm/sketch.wasm, and stamps the build, so bin/newsfold.js runs JavaScript with no loader at start-up.
// Run by `npm run build` and, through the `prepare` script, by `npm ci` / `npm install`. Without TypeScript (an
// install that omits dev dependencies) it builds no JavaScript: the bin then runs the sources through tsx, more
// slowly to start but the same program. The kernels have no such fallback (src/sketch/kernels.ts loads
// dist/wasm/sketch.wasm from the sources too): an install from a checkout must include the dev dependencies.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resolve = (module) => {
  try {
    return createRequire(import.meta.url).resolve(module);
  } catch {
    return undefined;
  }
};
const tsc = resolve('typescript/bin/tsc');
const asc = resolve('assemblyscript/bin/asc.js');
if (tsc === undefined && asc === undefined) {
  console.log('newsfold build: TypeScript and AssemblyScript are not installed (dev dependencies): nothing built; the sketch needs dist/wasm/sketch.wasm');
  process.exit(0);
}
rmSync(`${root}dist`, { recursive: true, force: true });
if (asc === undefined) console.log('newsfold build: AssemblyScript is not installed: dist/wasm/sketch.wasm not built, the sketch will not run');
// -O3 and the stub runtime: the module allocates nothing (its reserve() lays out its one memory).
else execFileSync(process.execPath, [asc, 'assembly/sketch.ts', '-O3', '--runtime', 'stub', '--noAssert', '--outFile', 'dist/wasm/sketch.wasm'], { stdio: 'inherit', cwd: root });
if (tsc === undefined) {
  console.log('newsfold build: TypeScript is not installed; the program will run from its sources through tsx');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit', cwd: root });
// The page's stylesheet and script are read from beside the compiled module (src/web/routes.ts).
cpSync(`${root}src/web/static`, `${root}dist/src/web/static`, { recursive: true });
writeFileSync(`${root}dist/.built`, `${new Date().toISOString()}\n`);
