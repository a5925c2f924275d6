// What flows between the steps of the clean stage: kept paragraphs and the audit trail of drops.

import type { RuleName } from './rules.ts';

/**
 * A kept paragraph: its surviving lines and the index of the block it came from (to keep the audit
 * trail in text order). Lines stay apart until the page rules have seen them one by one.
 */
export interface Piece {
  at: number;
  lines: string[];
}

/** A removed line or fragment, the rule that removed it, and the block it came from. */
export interface Drop {
  at: number;
  text: string;
  rule: RuleName;
}

/** The result of a step: the paragraphs it kept and what it removed. */
export interface Step {
  kept: Piece[];
  drops: Drop[];
}

/** A paragraph's text: its lines joined by a space. */
export function textOf(piece: Piece): string {
  return piece.lines.join(' ');
}
