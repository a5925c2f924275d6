// Step 4 of the cascade: rules that need the whole page, run once the outlet is known.

import { endsLikeSentence, wordCountUpTo } from './blocks.ts';
import { OUTLET_MAX_WORDS, REPEATED_LINE_MAX_WORDS } from './patterns.ts';
import type { RuleName } from './rules.ts';
import { textOf, type Drop, type Piece, type Step } from './trail.ts';

/**
 * Drop short lines that only name the outlet ("The Gull Haven Gazette" under the story), and later copies of
 * short lines the page already showed; the first copy stays, as it may be the headline. Like the line
 * rules, a paragraph is tested whole, then line by line.
 */
export function removePageFurniture(pieces: readonly Piece[], outlets: readonly string[]): Step {
  const furniture = new Furniture(outlets);
  const kept: Piece[] = [];
  const drops: Drop[] = [];
  const keep = (line: string, at: number): boolean => {
    const rule = furniture.classify(line);
    if (rule) drops.push({ at, text: line, rule });
    return rule === undefined;
  };
  for (const piece of pieces) {
    const whole = textOf(piece);
    const rule = furniture.classify(whole);
    if (rule) {
      drops.push({ at: piece.at, text: whole, rule });
      continue;
    }
    const lines = piece.lines.length > 1 ? piece.lines.filter((line) => keep(line, piece.at)) : piece.lines;
    if (lines.length > 0) kept.push({ at: piece.at, lines });
  }
  return { kept, drops };
}

/** Words above which a text is neither an outlet's name nor a line that a later repeated one could equal. */
const UNCOMPARED_WORDS = Math.max(OUTLET_MAX_WORDS, REPEATED_LINE_MAX_WORDS + 1);

/** Remembers what one page has shown so far; made afresh for every page. */
class Furniture {
  private readonly names: Set<string>;
  private readonly seen = new Set<string>();

  constructor(outlets: readonly string[]) {
    this.names = new Set(outlets.map(comparable));
  }

  classify(text: string): RuleName | undefined {
    // Counted only as far as the rules need: a body paragraph is not scanned to its end.
    const words = wordCountUpTo(text, UNCOMPARED_WORDS + 1);
    // Neither rule can take a longer text, and none can be taken for one: its key (comparable loses at most a last
    // "word" of stops) has more words than any text the repeated-line rule asks about. So no key is made of a body
    // paragraph (a lower-cased copy of it and a regex: 2% of preparing an article).
    if (words > UNCOMPARED_WORDS) return undefined;
    const key = comparable(text);
    const seenBefore = this.seen.has(key);
    this.seen.add(key);
    if (words <= OUTLET_MAX_WORDS && this.names.has(key)) return 'outlet-name';
    if (words <= REPEATED_LINE_MAX_WORDS && !endsLikeSentence(text) && seenBefore) return 'repeated-line';
    return undefined;
  }
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[.:]+$/, '').trim();
}
