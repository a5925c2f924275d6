// Winnowing (Schleimer, Wilkerson, Aiken 2003, "Winnowing: local algorithms for document fingerprinting"):
// keep a few shingle hashes per text, chosen so that any long enough shared run of words is sure to leave a
// shared fingerprint. Used to find reused passages, which whole-text MinHash is too coarse to see.
//
// Guarantee: every window of `window` consecutive shingle hashes contributes its minimum, and the choice
// depends only on the window's content (up to ties, which share the value). A run of window + k - 1 shared
// tokens holds `window` whole shingles of k tokens, i.e. one full window, so both texts carry its minimum.
// With DEFAULT_WINNOW_WINDOW = 4 and shingles of 5 words (DEFAULT_MINHASH.shingleSize), every shared run
// of 4 + 5 - 1 = 8 words is detected; runs shorter than 5 words never are (noise threshold). Expected
// density is 2 / (window + 1) = 40% of the shingles.

/** One kept shingle hash and the index of its shingle (= index of the shingle's first token). */
export interface Fingerprint {
  hash: number;
  position: number;
}

/** Shingles per window: with 5-word shingles, shared 8-word runs are always found (see the guarantee above). */
export const DEFAULT_WINNOW_WINDOW = 4;

/**
 * Robust winnowing: in each window of `window` consecutive hashes select the minimum; on a tie keep the
 * hash the previous window selected if it is still inside, else take the rightmost minimum. Each selection
 * is recorded once, when it is first made, so the result is ordered by position. A text with fewer hashes
 * than `window` is one window. Robust tie-breaking keeps low-entropy text (repeated words) from flooding the
 * output with one fingerprint per position.
 */
export function winnow(hashes: Uint32Array, window: number): Fingerprint[] {
  return Array.from(winnowedPositions(hashes, window), (position) => ({ hash: hashes[position]!, position }));
}

/** The positions of the hashes winnow() selects, in the same order, without building Fingerprint objects (the index's hot path). */
export function winnowedPositions(hashes: Uint32Array, window: number, into?: Uint32Array): Uint32Array {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const n = hashes.length;
  if (n === 0) return new Uint32Array(0);
  const w = Math.min(window, n);
  // `into`, when long enough, takes the positions (a caller's scratch; the result is then a view of it).
  const scratch = into !== undefined && into.length >= n - w + 1;
  const out = scratch ? into : new Uint32Array(n - w + 1);
  let count = 0;
  let selected = -1;
  // The selected hash, kept in a local: read from the array at every step it cost a load per shingle.
  let least = 0;
  for (let end = w - 1; end < n; end++) {
    const start = end - w + 1;
    if (selected < start) {
      // The previous minimum left the window: rescan right to left so ties go to the rightmost.
      selected = end;
      least = hashes[end]!;
      for (let i = end - 1; i >= start; i--) {
        const hash = hashes[i]!;
        if (hash < least) {
          selected = i;
          least = hash;
        }
      }
      out[count++] = selected;
    } else {
      const hash = hashes[end]!;
      if (hash < least) {
        // Strictly smaller only: a tie keeps the earlier selection (robust winnowing).
        selected = end;
        least = hash;
        out[count++] = end;
      }
    }
  }
  return scratch ? out.subarray(0, count) : out.slice(0, count);
}

/** The hashes winnow() selects, in the same order. */
export function winnowedHashes(hashes: Uint32Array, window: number): Uint32Array {
  const positions = winnowedPositions(hashes, window);
  const out = new Uint32Array(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = hashes[positions[i]!]!;
  return out;
}
