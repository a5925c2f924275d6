// How much faster the sketch's word pass could be as WebAssembly (issue 21: sketch + candidate search at 15,000
// articles per CPU-second). Two kernels, each run as a JavaScript loop and as a WebAssembly function assembled
// here (no toolchain: the few opcodes are written out below), on the same texts, by CPU time:
// - scan: count the runs of ASCII letters and digits (the word pass's scan through its class table, nothing else);
// - branch-free scan: the same count as a sum over units of "a word unit after a non-word unit", no branch a unit
//   (what a pass writing word boundaries unconditionally would cost);
// - scan + hash: the same runs hashed as the sketch's ASCII fast path hashes a word (MurmurHash3 over pairs of
//   code units lower-cased by bit 0x20, asciiWordHash, now in assembly/sketch.ts), one 32-bit hash a run written out.
// The kernels leave out the joining rules (apostrophes, hyphens, "3,500"), the slow path and the skeleton; both
// sides of a kernel follow the same simplified rules, and the hashes are checked equal. This prices a port, it is
// not one.
// Run: node --import tsx bench/wasm-word-pass.ts --corpus DIR [--articles 5000] [--rounds 8]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmix32, mixBlock, scrambleTail } from '../src/sketch/hash.ts';
import { DEFAULT_MINHASH } from '../src/sketch/minhash.ts';
import { firstTexts } from './lib/corpus-texts.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, articles: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '8' } } });
const corpus = values.corpus === undefined ? undefined : join(values.corpus, 'corpus.jsonl');
if (corpus === undefined || !existsSync(corpus)) {
  console.log('wasm-word-pass: needs --corpus (from bench/copy-corpus.ts). Skipping.');
  process.exit(0);
}


// ---- A minimal WebAssembly assembler: i32 locals and the opcodes the two kernels use. ----
const sleb = (value: number): number[] => {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const uleb = (value: number): number[] => {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v !== 0 ? byte | 0x80 : byte);
  } while (v !== 0);
  return out;
};
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const i32 = (value: number) => [0x41, ...sleb(value)];
const op = { add: 0x6a, sub: 0x6b, mul: 0x6c, or: 0x72, xor: 0x73, shl: 0x74, shrU: 0x76, rotl: 0x77, eq: 0x46, ne: 0x47, ltU: 0x49, geU: 0x4f, and: 0x71 } as const;
const load32 = [0x28, 0, 0];
const load16 = [0x2f, 0, 0];
const load8 = [0x2d, 0, 0];
const store32 = [0x36, 0, 0];
const block = [0x02, 0x40];
const loop = [0x03, 0x40];
const ifThen = [0x04, 0x40];
const end = 0x0b;
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

/** A module of one exported function `run` of `params` i32 parameters and `locals` more, returning an i32, and memory `mem`. */
function assemble(params: number, locals: number, body: number[], pages: number): Uint8Array {
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const name = (text: string) => [text.length, ...Buffer.from(text)];
  const code = [1, locals, 0x7f, ...body, end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, params, ...Array<number>(params).fill(0x7f), 1, 0x7f]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, pages]),
    ...section(7, [2, ...name('mem'), 2, 0, ...name('run'), 0, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

// Memory layout: the class table of all 65,536 code units at 0, the text's units (and a 0 after them) at TEXT,
// the hashes written at OUT.
const TEXT = 1 << 16;
const OUT = 1 << 19;
const PAGES = 16;
const WORD = 1;

// Parameters and locals (indices): text units, length, output, seed; i, start, h, k, j, end, count.
const [P, LEN, OUTP, SEED, I, START, H, K, J, END, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** The class of the unit at local `index` (pushes an i32). */
const classAt = (index: number[]) => [...get(P), ...index, ...i32(1), op.shl, op.add, ...load16, ...load8];
/** Skip units until one of class WORD; leaves START at it and I after the run; exits the outer block at the end. */
const findRun = [
  ...get(I), ...get(LEN), op.geU, ...brIf(1),
  ...classAt(get(I)), ...i32(WORD), op.ne, ...ifThen, ...get(I), ...i32(1), op.add, ...set(I), ...br(1), end,
  ...get(I), ...set(START),
  ...loop, ...get(I), ...i32(1), op.add, ...tee(I), ...set(I), ...classAt(get(I)), ...i32(WORD), op.eq, ...brIf(0), end,
];
const scanKernel = [...block, ...loop, ...findRun, ...get(COUNT), ...i32(1), op.add, ...set(COUNT), ...br(0), end, end, ...get(COUNT)];
// Locals for the branch-free scan: the class of the unit before (PREV) and of this one (COUNT's neighbours unused).
const PREV = START;
const CLASS_NOW = H;
const transitionKernel = [
  ...block, ...loop,
  ...get(I), ...get(LEN), op.geU, ...brIf(1),
  ...classAt(get(I)), ...tee(CLASS_NOW), ...i32(WORD), op.eq, ...get(PREV), ...i32(WORD), op.ne, op.and,
  ...get(COUNT), op.add, ...set(COUNT), ...get(CLASS_NOW), ...set(PREV),
  ...get(I), ...i32(1), op.add, ...set(I), ...br(0),
  end, end, ...get(COUNT),
];
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const hashKernel = [
  ...block, ...loop, ...findRun,
  ...get(I), ...set(END), ...get(SEED), ...set(H), ...get(START), ...set(J),
  // Blocks of two units, lower-cased by bit 0x20 (MurmurHash3's body).
  ...block, ...loop,
  ...get(J), ...i32(1), op.add, ...get(END), op.geU, ...brIf(1),
  ...get(P), ...get(J), ...i32(1), op.shl, op.add, ...load32, ...i32(0x200020), op.or, ...set(K),
  ...get(K), ...i32(C1), op.mul, ...i32(15), op.rotl, ...i32(C2), op.mul, ...get(H), op.xor, ...i32(13), op.rotl, ...i32(5), op.mul, ...i32(0xe6546b64), op.add, ...set(H),
  ...get(J), ...i32(2), op.add, ...set(J), ...br(0),
  end, end,
  // A last single unit (MurmurHash3's tail).
  ...get(J), ...get(END), op.ltU, ...ifThen,
  ...get(P), ...get(J), ...i32(1), op.shl, op.add, ...load16, ...i32(0x20), op.or, ...i32(C1), op.mul, ...i32(15), op.rotl, ...i32(C2), op.mul, ...get(H), op.xor, ...set(H),
  end,
  // Length in bytes, then fmix32.
  ...get(H), ...get(END), ...get(START), op.sub, ...i32(1), op.shl, op.xor, ...set(H),
  ...get(H), ...get(H), ...i32(16), op.shrU, op.xor, ...i32(0x85ebca6b), op.mul, ...tee(H), ...get(H), ...i32(13), op.shrU, op.xor,
  ...i32(0xc2b2ae35), op.mul, ...tee(H), ...get(H), ...i32(16), op.shrU, op.xor, ...set(H),
  ...get(OUTP), ...get(COUNT), ...i32(2), op.shl, op.add, ...get(H), ...store32,
  ...get(COUNT), ...i32(1), op.add, ...set(COUNT), ...br(0),
  end, end, ...get(COUNT),
];

// The compiler's lib has no WebAssembly declarations (no DOM lib); the little used here, typed by hand.
interface Kernel {
  mem: { buffer: ArrayBuffer };
  run: (...args: number[]) => number;
}
const wasm = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;
const modules = await Promise.all([scanKernel, hashKernel, transitionKernel].map(async (body) => (await wasm.instantiate(assemble(4, 7, body, PAGES))).instance.exports as Kernel));
const [scanModule, hashModule, transitionModule] = modules as [Kernel, Kernel, Kernel];
const tables = modules.map((module) => {
  const bytes = new Uint8Array(module.mem.buffer);
  bytes.fill(4, 0, 1 << 16);
  for (let c = 0; c < 128; c++) bytes[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? WORD : 0;
  return { bytes, text: Buffer.from(module.mem.buffer), out: new Uint32Array(module.mem.buffer, OUT, (PAGES << 16) / 4 - OUT / 4) };
});
const CLASS = tables[0]!.bytes.slice(0, 1 << 16);
const units = new Uint16Array(1 << 20);
const unitBytes = Buffer.from(units.buffer);
const hashes = new Uint32Array(1 << 19);
const seed = DEFAULT_MINHASH.seed;

function jsScan(text: string): number {
  const n = text.length;
  unitBytes.write(text, 0, 2 * n, 'utf16le');
  units[n] = 0;
  let count = 0;
  for (let i = 0; i < n; ) {
    if (CLASS[units[i]!] !== WORD) {
      i++;
      continue;
    }
    while (CLASS[units[++i]!] === WORD);
    count++;
  }
  return count;
}

function jsTransitions(text: string): number {
  const n = text.length;
  unitBytes.write(text, 0, 2 * n, 'utf16le');
  let count = 0;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const now = CLASS[units[i]!]!;
    count += now === WORD && previous !== WORD ? 1 : 0;
    previous = now;
  }
  return count;
}

function jsHash(text: string): number {
  const n = text.length;
  unitBytes.write(text, 0, 2 * n, 'utf16le');
  units[n] = 0;
  let count = 0;
  for (let i = 0; i < n; ) {
    if (CLASS[units[i]!] !== WORD) {
      i++;
      continue;
    }
    const start = i;
    while (CLASS[units[++i]!] === WORD);
    let h = seed | 0;
    let j = start;
    for (; j + 1 < i; j += 2) h = mixBlock(h, units[j]! | (units[j + 1]! << 16) | 0x200020);
    if (j < i) h ^= scrambleTail(units[j]! | 0x20);
    hashes[count++] = fmix32(h ^ ((i - start) * 2));
  }
  return count;
}

const wasmRun = (module: Kernel, side: (typeof tables)[0]) => (text: string) => {
  side.text.write(text, TEXT, 2 * text.length, 'utf16le');
  side.text.writeUInt16LE(0, TEXT + 2 * text.length);
  return module.run(TEXT, text.length, OUT, seed);
};
const wasmScan = wasmRun(scanModule, tables[0]!);
const wasmHash = wasmRun(hashModule, tables[1]!);
const wasmTransitions = wasmRun(transitionModule, tables[2]!);

const texts = firstTexts(corpus, Number(values.articles));
for (const text of texts.slice(0, 500)) {
  const count = jsHash(text);
  const counts = [wasmHash(text), jsScan(text), wasmScan(text), jsTransitions(text), wasmTransitions(text)];
  if (counts.some((other) => other !== count)) throw new Error('the kernels count runs differently');
  for (let i = 0; i < count; i++) if (tables[1]!.out[i] !== hashes[i]) throw new Error(`hash ${i} differs`);
}
const kernels = {
  'branch-free scan, JavaScript': jsTransitions,
  'branch-free scan, WebAssembly': wasmTransitions,
  'scan, JavaScript': jsScan,
  'scan, WebAssembly': wasmScan, 'scan + hash, JavaScript': jsHash, 'scan + hash, WebAssembly': wasmHash };
const best = new Map<string, number>();
let sink = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, kernel] of Object.entries(kernels)) {
    const before = process.cpuUsage();
    for (const text of texts) sink += kernel(text);
    const used = process.cpuUsage(before);
    best.set(name, Math.min(best.get(name) ?? Infinity, (used.user + used.system) / texts.length));
  }
}
const chars = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
console.log(`${texts.length} texts of ${chars.toFixed(0)} code units on average; same runs and hashes on the first 500; best of ${values.rounds} rounds, us an article by CPU time (sink ${sink % 7}):`);
for (const [name, us] of best) console.log(`  ${name.padEnd(30)} ${us.toFixed(2)}`);
const ratio = (kernel: string) => (best.get(`${kernel}, JavaScript`)! / best.get(`${kernel}, WebAssembly`)!).toFixed(2);
console.log(`  ratio JavaScript / WebAssembly: branch-free scan ${ratio('branch-free scan')}x, scan ${ratio('scan')}x, scan + hash ${ratio('scan + hash')}x`);
