// The dateline that opens a wire story: "PARIS (AP) —", "KESTREL BAY, Scotland (MP) —", "PARIS —".

import type { Dateline } from '../model.ts';
import { DATELINE_PLACE_MAX_CHARS, PATTERNS } from './patterns.ts';

export interface FoundDateline {
  dateline: Dateline;
  /** The paragraph with the dateline cut off. */
  rest: string;
}

/** The dateline at the very start of a paragraph, or undefined. */
export function findDateline(paragraph: string): FoundDateline | undefined {
  const match = PATTERNS.dateline.exec(paragraph);
  if (!match) return undefined;
  const place = match[1]!;
  if (place.length > DATELINE_PLACE_MAX_CHARS || !PATTERNS.twoCapitals.test(place)) return undefined;
  const rest = paragraph.slice(match[0].length).trim();
  if (rest === '') return undefined;
  const dateline: Dateline = { place, text: match[0].trim() };
  const agency = match[2]?.trim();
  if (agency) dateline.agency = agency;
  return { dateline, rest };
}
