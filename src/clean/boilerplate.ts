// Step 2 of the cascade: drop boilerplate blocks and lines, and captions glued before body text.

import { splitGluedCaption } from './captions.ts';
import { classifyLine } from './rules.ts';
import type { Drop, Piece, Step } from './trail.ts';

/**
 * A block is tested whole first (a caption wrapped over several lines ends in its credit only as a
 * whole); if it survives, its lines are tested one by one ("Share:" and "More In Home" stand in one block).
 */
export function removeBoilerplate(blocks: readonly string[][]): Step {
  const kept: Piece[] = [];
  const drops: Drop[] = [];
  // Loops, not callbacks: no closure per call (README, Development).
  for (let at = 0; at < blocks.length; at++) {
    const lines = blocks[at]!;
    const whole = lines.join(' ');
    const rule = classifyLine(whole);
    if (rule) {
      drops.push({ at, text: whole, rule });
      continue;
    }
    const survivors = lines.length > 1 ? keepLines(lines, at, drops) : lines;
    if (survivors.length === 0) continue;
    kept.push({ at, lines: withoutGluedCaption(survivors, at, drops) });
  }
  return { kept, drops };
}

function keepLines(lines: readonly string[], at: number, drops: Drop[]): string[] {
  const kept: string[] = [];
  for (const line of lines) {
    const rule = classifyLine(line);
    if (rule) drops.push({ at, text: line, rule });
    else kept.push(line);
  }
  return kept;
}

/** A caption glued before body text is cut; the paragraph left is then one line. */
function withoutGluedCaption(lines: string[], at: number, drops: Drop[]): string[] {
  const glued = splitGluedCaption(lines.join(' '));
  if (!glued) return lines;
  drops.push({ at, text: glued.caption, rule: 'photo-caption' });
  return [glued.rest];
}
