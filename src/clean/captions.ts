// Photo captions and credits: alone on a line, closing a caption paragraph, or glued before body text.

import { endsLikeSentence, moreWordsThan, wordCountUpTo } from './blocks.ts';
import {
  CAPTION_MAX_WORDS,
  CREDIT_MAX_WORDS,
  GLUED_CAPTION_MAX_CHARS,
  GLUED_REST_MIN_WORDS,
  PATTERNS,
} from './patterns.ts';

/** A caption cut from the front of a paragraph, and the body text that followed it. */
export interface GluedCaption {
  caption: string;
  rest: string;
}

/** "REUTERS/Stringer", "(AP Photo/Jane Roe)", "© Provided by ...", "Getty Images". */
export function isPhotoCredit(line: string): boolean {
  if (moreWordsThan(line, CREDIT_MAX_WORDS)) return false;
  // Credits carry no full stop; "Photos by the agency showed the damage." is a sentence.
  if (endsLikeSentence(line) && !line.endsWith(')')) return false;
  return PATTERNS.creditLine.test(line);
}

/** Text ending in a photo credit: "Crews inspect the quay. ( K. Voss, Harbour Trust via AP)". */
export function isPhotoCaption(paragraph: string): boolean {
  if (moreWordsThan(paragraph, CAPTION_MAX_WORDS)) return false;
  return PATTERNS.creditParenAtEnd.test(paragraph) || PATTERNS.creditBareAtEnd.test(paragraph);
}

/**
 * A caption glued to the start of a body paragraph, as MSN prints it:
 * "<caption> <credit> © Provided by <holder> <caption> <credit> <body>". Undefined when none is found.
 */
export function splitGluedCaption(paragraph: string): GluedCaption | undefined {
  return splitAtRepeatedCaption(paragraph) ?? splitAtLastCredit(paragraph);
}

/** The caption before "© Provided by" comes again after it; the body starts where the repeat ends. */
function splitAtRepeatedCaption(paragraph: string): GluedCaption | undefined {
  const marker = PATTERNS.providedBy.exec(paragraph);
  if (!marker || marker.index === 0 || marker.index > GLUED_CAPTION_MAX_CHARS) return undefined;
  const caption = paragraph.slice(0, marker.index).trim();
  const repeat = paragraph.indexOf(caption, marker.index);
  if (repeat < 0) return undefined;
  return checked(paragraph, repeat + caption.length);
}

/** Cut after the last credit in the paragraph's head, if body text follows it. */
function splitAtLastCredit(paragraph: string): GluedCaption | undefined {
  const head = paragraph.slice(0, GLUED_CAPTION_MAX_CHARS);
  const credits = [...head.matchAll(new RegExp(PATTERNS.creditInside.source, 'gu'))];
  for (const credit of credits.reverse()) {
    const split = checked(paragraph, credit.index + credit[0].length);
    if (split) return split;
  }
  return undefined;
}

/** Accept a cut only if what follows starts like a paragraph and is long enough to be one. */
function checked(paragraph: string, cut: number): GluedCaption | undefined {
  const rest = paragraph.slice(cut).trim();
  if (wordCountUpTo(rest, GLUED_REST_MIN_WORDS) < GLUED_REST_MIN_WORDS || !PATTERNS.bodyStart.test(rest)) return undefined;
  return { caption: paragraph.slice(0, cut).trim(), rest };
}
