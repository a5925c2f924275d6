// Word-level differences inside one aligned passage, for showing a copy beside its source: which words of
// each side have a counterpart on the other (longest common subsequence over stems) and which do not.
import { tokenize } from '../text/tokens.ts';

export interface MarkedWord {
  start: number;
  end: number;
  /** True when the word has a counterpart in the other passage. */
  shared: boolean;
}

/** Passages longer than this (in words) are not diffed: the table would be too large; all words show shared. */
export const MAX_DIFF_WORDS = 3000;

/** The words of each text with a shared/not-shared mark; offsets are into the texts given. */
export function diffWords(a: string, b: string): { a: MarkedWord[]; b: MarkedWord[] } {
  const ta = tokenize(a);
  const tb = tokenize(b);
  const marksA: MarkedWord[] = ta.map((t) => ({ start: t.start, end: t.end, shared: true }));
  const marksB: MarkedWord[] = tb.map((t) => ({ start: t.start, end: t.end, shared: true }));
  const n = ta.length;
  const m = tb.length;
  if (n === 0 || m === 0 || n > MAX_DIFF_WORDS || m > MAX_DIFF_WORDS) return { a: marksA, b: marksB };
  // lcs[i][j] = LCS length of ta[i..] and tb[j..], row-major in one array.
  const width = m + 1;
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = ta[i]!.stem === tb[j]!.stem ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  for (const mark of marksA) mark.shared = false;
  for (const mark of marksB) mark.shared = false;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ta[i]!.stem === tb[j]!.stem) {
      marksA[i]!.shared = true;
      marksB[j]!.shared = true;
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return { a: marksA, b: marksB };
}
