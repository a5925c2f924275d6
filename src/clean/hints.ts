// Step 3 of the cascade: what the dropped metadata lines said about the page.

import { readByline, readCopyright, readLogoLine, readTimestamp } from './metadata.ts';
import type { Drop } from './trail.ts';

/** Page metadata read from removed lines; the first line of each kind wins. */
export interface PageHints {
  /** From a "<Outlet> logo <Outlet>" line. */
  outlet?: string;
  copyrightHolder?: string;
  /** The outlet a byline names ("By X, Associated Press", "Blue Coast Monitor | Staff report"). */
  bylineOutlet?: string;
  byline?: string;
  /** ISO date from a byline, logo or "Published:" line. */
  published?: string;
}

export function readHints(drops: readonly Drop[]): PageHints {
  const hints: PageHints = {};
  for (const drop of drops) {
    const found = hintsOf(drop);
    for (const key of ['outlet', 'copyrightHolder', 'bylineOutlet', 'byline', 'published'] as const) {
      const value = found[key];
      if (value !== undefined && hints[key] === undefined) hints[key] = value;
    }
  }
  return hints;
}

function hintsOf(drop: Drop): PageHints {
  switch (drop.rule) {
    case 'outlet-logo': {
      const logo = readLogoLine(drop.text);
      return { outlet: logo?.outlet, byline: logo?.byline, published: logo?.published };
    }
    case 'byline': {
      const byline = readByline(drop.text);
      return { byline: byline?.name, bylineOutlet: byline?.outlet, published: byline?.published };
    }
    case 'copyright':
      return { copyrightHolder: readCopyright(drop.text)?.holder };
    case 'timestamp':
      return { published: readTimestamp(drop.text)?.published };
    default:
      return {};
  }
}
