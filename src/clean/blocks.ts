// The shape of plain text: how it splits into paragraphs, and what a line looks like.

import { PATTERNS } from './patterns.ts';
import { collapseWhitespaceRuns, isWhitespaceUnit } from '../text/normalize.ts';

/** Zero-width characters that scrapers leave between words; they would defeat anchored patterns. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Collapse every run of whitespace (no-break spaces included) to one space and trim, zero-width characters dropped. */
export function collapseWhitespace(text: string): string {
  return singleSpaced(text) ? text.trim() : collapseWhitespaceRuns(text.replace(INVISIBLE, ''));
}

/**
 * Whether `text` holds no zero-width character and no whitespace but single spaces, so that collapsing is only
 * the trim: one scan by character code for the two regex scans it spares on nearly every line.
 */
function singleSpaced(text: string): boolean {
  let afterSpace = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    if (code < 0x80 ? code >= 9 && code <= 13 : isInvisible(code) || isWhitespaceUnit(code)) return false;
  }
  return true;
}

/** A code unit INVISIBLE matches. */
function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/** Words of `text`: its runs of non-whitespace, as `text.trim().split(/\s+/)` counts them, without building the array (the cleaner asks this of every line many times). */
export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let at = 0; at < text.length; at++) {
    const space = isWhitespaceUnit(text.charCodeAt(at));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** wordCount(text), or `limit` when it is more: counting stops there (a rule that only asks of short lines). */
export function wordCountUpTo(text: string, limit: number): number {
  let words = 0;
  let inWord = false;
  for (let at = 0; at < text.length; at++) {
    const space = isWhitespaceUnit(text.charCodeAt(at));
    if (!space && !inWord && ++words > limit) return limit;
    inWord = !space;
  }
  return words;
}

/** wordCount(text) > limit, counting no further than limit + 1 words (most lines asked are long paragraphs). */
export function moreWordsThan(text: string, limit: number): boolean {
  return wordCountUpTo(text, limit + 1) > limit;
}

/** Ends with . ! or ?, perhaps followed by closing quotes or brackets. */
export function endsLikeSentence(text: string): boolean {
  return PATTERNS.sentenceEnd.test(text);
}

/**
 * Split text into blocks of lines, each line whitespace-collapsed.
 * With blank lines between text, a block is what lies between them; without any (content farms put
 * one paragraph per line), every non-empty line is a block of its own.
 */
export function splitBlocks(text: string): string[][] {
  const lines = text.split(/\r\n?|\n|\u2028|\u2029/).map(collapseWhitespace);
  if (!hasInnerBlankLine(lines)) return lines.filter((line) => line !== '').map((line) => [line]);
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line !== '') {
      current.push(line);
    } else if (current.length > 0) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Blank lines only at the start or end say nothing about how paragraphs are marked. */
function hasInnerBlankLine(lines: string[]): boolean {
  const first = lines.findIndex((line) => line !== '');
  const last = lines.findLastIndex((line) => line !== '');
  for (let i = first + 1; i < last; i++) if (lines[i] === '') return true;
  return false;
}
