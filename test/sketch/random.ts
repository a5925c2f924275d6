// Seeded randomness for property-style tests: the same cases on every run and machine.

export { prng } from '../../bench/lib/seeded.ts';

/** A vocabulary of `size` made-up lower-case words of 2 to 9 letters. */
export function vocabulary(rand: () => number, size: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = new Set<string>();
  while (words.size < size) {
    const len = 2 + Math.floor(rand() * 8);
    let w = '';
    for (let i = 0; i < len; i++) w += letters[Math.floor(rand() * 26)];
    words.add(w);
  }
  return [...words];
}

export function randomWords(rand: () => number, vocab: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocab[Math.floor(rand() * vocab.length)]!);
  return out;
}
