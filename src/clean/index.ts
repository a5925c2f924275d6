// The clean stage for plain text: boilerplate out, metadata (title, byline, dateline, outlet, date) read.

import type { Dateline, DroppedLine, InputFormat } from '../model.ts';
import { splitBlocks } from './blocks.ts';
import { removeBoilerplate } from './boilerplate.ts';
import { findDateline } from './dateline.ts';
import { readHints, type PageHints } from './hints.ts';
import { outletDisplayName } from './metadata.ts';
import { removePageFurniture } from './page-rules.ts';
import { DATELINE_SEARCH_PARAGRAPHS } from './patterns.ts';
import { takeTitle } from './title.ts';
import { textOf, type Drop, type Piece, type Step } from './trail.ts';

export { RULES, type RuleName } from './rules.ts';

export interface CleanInput {
  text: string;
  title?: string;
  format: InputFormat;
}

export interface CleanedText {
  /** Given title, else the first paragraph if it is not boilerplate and reads as a headline. */
  title?: string;
  /** Kept body paragraphs in order, whitespace collapsed inside each, dateline removed from the first. */
  paragraphs: string[];
  /** Every removed line or fragment with the named rule that removed it, in text order. */
  dropped: DroppedLine[];
  byline?: string;
  dateline?: Dateline;
  /**
   * Outlet named by the page itself: a logo line, else the copyright holder, else a byline's outlet, else
   * the dateline's agency. Wire agencies get their usual name ("AP", "The Associated Press" ->
   * "Associated Press"); other names stay as the page gave them.
   */
  sourceHint?: string;
  /** ISO date (YYYY-MM-DD) read from a byline, logo or "Published:" line; never invented. */
  publishedHint?: string;
}

/**
 * Clean scraped plain text, as a cascade:
 * 1. split into paragraphs as the text marks them;
 * 2. drop boilerplate blocks and lines by the line rules, and captions glued before body text;
 * 3. read what the dropped lines say about the page (outlet, author, date);
 * 4. drop lines naming the outlet and repeats of short lines;
 * 5. take the title (given, or the headline heading the text);
 * 6. cut the dateline from the start of the body;
 * 7. assemble the result.
 * The input format does not change the plain-text rules; it is taken for the HTML cleaner to come.
 */
export function cleanText(input: CleanInput): CleanedText {
  const blocks = splitBlocks(input.text);
  const boilerplate = removeBoilerplate(blocks);
  const hints = readHints(boilerplate.drops);
  const peekedAgency = agencyNear(boilerplate.kept);
  const page = removePageFurniture(boilerplate.kept, outletNames(hints, peekedAgency));
  const titled = takeTitle(page.kept, input.title);
  const dated = takeDateline(titled.kept);
  return assemble(hints, titled.title, dated, [boilerplate, page, titled, dated]);
}

interface DatelineStep extends Step {
  dateline?: Dateline;
}

/** Cut the dateline from the first body paragraph that opens with one. */
function takeDateline(pieces: readonly Piece[]): DatelineStep {
  const kept = [...pieces];
  for (let i = 0; i < Math.min(DATELINE_SEARCH_PARAGRAPHS, kept.length); i++) {
    const piece = kept[i]!;
    const found = findDateline(textOf(piece));
    if (!found) continue;
    kept[i] = { at: piece.at, lines: [found.rest] };
    return { kept, drops: [{ at: piece.at, text: found.dateline.text, rule: 'dateline' }], dateline: found.dateline };
  }
  return { kept, drops: [] };
}

/** The dateline agency, looked for before the title is known (the title takes at most one paragraph). */
function agencyNear(pieces: readonly Piece[]): string | undefined {
  for (const piece of pieces.slice(0, DATELINE_SEARCH_PARAGRAPHS + 1)) {
    const agency = findDateline(textOf(piece))?.dateline.agency;
    if (agency) return agency;
  }
  return undefined;
}

function outletNames(hints: PageHints, agency: string | undefined): string[] {
  const names = [hints.outlet, hints.copyrightHolder, hints.bylineOutlet, agency].filter((name) => name !== undefined);
  return [...names, ...names.map(outletDisplayName)];
}

function assemble(
  hints: PageHints,
  title: string | undefined,
  dated: DatelineStep,
  steps: readonly Step[],
): CleanedText {
  const drops: Drop[] = steps.flatMap((step) => step.drops).sort((a, b) => a.at - b.at);
  const result: CleanedText = {
    paragraphs: dated.kept.map(textOf),
    dropped: drops.map(({ text, rule }) => ({ text, rule })),
  };
  if (title !== undefined) result.title = title;
  if (hints.byline !== undefined) result.byline = hints.byline;
  if (dated.dateline) result.dateline = dated.dateline;
  const source = hints.outlet ?? hints.copyrightHolder ?? hints.bylineOutlet ?? dated.dateline?.agency;
  if (source !== undefined) result.sourceHint = outletDisplayName(source);
  if (hints.published !== undefined) result.publishedHint = hints.published;
  return result;
}
