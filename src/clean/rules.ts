// The named rules that decide a line is boilerplate. A rule looks at one line (or one paragraph) alone;
// the rules that need the whole page (outlet names, repeated lines) live in `page-rules.ts`.

import { endsLikeSentence, wordCountUpTo } from './blocks.ts';
import { isPhotoCaption, isPhotoCredit } from './captions.ts';
import { readByline, readCopyright, readLogoLine, readTimestamp } from './metadata.ts';
import {
  CONTRIBUTOR_MAX_WORDS,
  DISTRIBUTION_NOTE_MAX_WORDS,
  NAV_MAX_WORDS,
  NEWSLETTER_MAX_WORDS,
  NOTICE_MAX_WORDS,
  PATTERNS,
  RELATED_MAX_WORDS,
  SCRAPE_NOTICE_MAX_WORDS,
} from './patterns.ts';

/** Every reason the clean stage removes text, with what it removes: the audit trail's vocabulary. */
export const RULES = {
  beacon: 'tracking-pixel alt text such as "image beacon"',
  separator: 'a line of rules or stars: "___", "* * *"',
  'browser-notice': '"You are using an older browser version ..." and JavaScript notices',
  'cookie-notice': 'cookie consent text',
  'scrape-notice': 'what a scraper caught instead of the article: web-archive crawl notes ("Starting in 1996, Alexa Internet has been donating their crawl data ..."), "Tweet with a location" notices, "Story Continued Below", video-player and missing-page notices, sign-in walls',
  'outlet-logo': 'a masthead line: "<Outlet> logo <Outlet> <date> <author>"',
  'photo-credit': 'a line that is only a photo credit: "REUTERS/Stringer", "© Provided by ..."',
  'photo-caption': 'a caption: text ending in a photo credit, alone or glued before body text',
  copyright: '"Copyright 2016 <holder>. All rights reserved." and its redistribution notice',
  byline: '"By <name>, <outlet>."',
  timestamp: '"Published: <date>" lines',
  'contributor-line': '"<Agency> writers X and Y contributed to this report.", "Reporting by ..."',
  'distribution-note': 'wire syndication notes: "For use by New York Times News Service clients", "Story Filed By Cox Newspapers", "c.1999 N.Y. Times News Service", "(STORY CAN END HERE ...)"',
  'related-link': 'a bracketed headline or "Related:", "Read more:", "See also:" lines',
  'share-bar': '"Share:", "Share this:" and rows of social buttons',
  navigation: '"Post navigation", "More In Home", "More From <Outlet>", tag lists',
  advertisement: '"Advertisement" and sponsored-content labels',
  newsletter: 'newsletter sign-up pitches',
  'outlet-name': 'a short line that only names the page\'s outlet',
  'repeated-line': 'a short line the page already showed',
  title: 'the headline, reported as `title` instead',
  dateline: 'the dateline opening the story, reported as `dateline` instead',
} as const;

export type RuleName = keyof typeof RULES;

interface LineRule {
  name: RuleName;
  matches: (line: string, words: number) => boolean;
}

/** Order matters where rules overlap: "© Provided by" is a credit before it is a copyright line. */
const LINE_RULES: readonly LineRule[] = [
  { name: 'beacon', matches: (line) => PATTERNS.beacon.test(line) },
  { name: 'separator', matches: (line) => PATTERNS.separator.test(line) },
  {
    name: 'browser-notice',
    matches: (line, words) => words <= NOTICE_MAX_WORDS && PATTERNS.browserNotice.test(line),
  },
  {
    name: 'scrape-notice',
    matches: (line, words) => words <= SCRAPE_NOTICE_MAX_WORDS && PATTERNS.scrapeNotice.test(line),
  },
  {
    name: 'cookie-notice',
    matches: (line, words) =>
      words <= NOTICE_MAX_WORDS && PATTERNS.cookieNotice.test(line) && PATTERNS.cookieAsk.test(line),
  },
  { name: 'outlet-logo', matches: (line) => readLogoLine(line) !== undefined },
  { name: 'photo-credit', matches: (line) => isPhotoCredit(line) },
  { name: 'copyright', matches: (line) => readCopyright(line) !== undefined },
  { name: 'byline', matches: (line) => readByline(line) !== undefined },
  { name: 'timestamp', matches: (line) => readTimestamp(line) !== undefined },
  { name: 'contributor-line', matches: isContributorLine },
  {
    name: 'distribution-note',
    matches: (line, words) => words <= DISTRIBUTION_NOTE_MAX_WORDS && PATTERNS.distributionNote.test(line),
  },
  { name: 'related-link', matches: isRelatedLink },
  { name: 'share-bar', matches: isShareBar },
  {
    name: 'navigation',
    matches: (line, words) => words <= NAV_MAX_WORDS && !endsLikeSentence(line) && PATTERNS.navigation.test(line),
  },
  { name: 'advertisement', matches: (line) => PATTERNS.advertisement.test(line) },
  { name: 'newsletter', matches: isNewsletter },
  { name: 'photo-caption', matches: (line) => isPhotoCaption(line) },
];

/**
 * The most words any line rule compares a line's count with: counting stops above it (a body paragraph is longer),
 * and every rule's comparison gives what the whole count gives.
 */
const LINE_RULE_MAX_WORDS = Math.max(NOTICE_MAX_WORDS, SCRAPE_NOTICE_MAX_WORDS, CONTRIBUTOR_MAX_WORDS, DISTRIBUTION_NOTE_MAX_WORDS, RELATED_MAX_WORDS, NAV_MAX_WORDS, NEWSLETTER_MAX_WORDS);

/** The first rule that removes this line, or undefined for a line to keep. */
export function classifyLine(line: string): RuleName | undefined {
  const words = wordCountUpTo(line, LINE_RULE_MAX_WORDS + 1);
  // An indexed loop, not find() with an arrow made per line (no closure per call: README, Development).
  for (let at = 0; at < LINE_RULES.length; at++) if (LINE_RULES[at]!.matches(line, words)) return LINE_RULES[at]!.name;
  return undefined;
}

function isContributorLine(line: string, words: number): boolean {
  if (words > CONTRIBUTOR_MAX_WORDS) return false;
  return PATTERNS.contributorEnd.test(line) || PATTERNS.contributorLead.test(line);
}

function isRelatedLink(line: string, words: number): boolean {
  if (PATTERNS.relatedBracketed.test(line)) return true;
  if (PATTERNS.relatedLabel.test(line)) return true;
  return words <= RELATED_MAX_WORDS && PATTERNS.relatedLead.test(line);
}

function isShareBar(line: string, words: number): boolean {
  if (words > NAV_MAX_WORDS) return false;
  if (PATTERNS.shareBar.test(line)) return true;
  // A row of buttons: "Facebook Twitter Email", "Share | Tweet | Email".
  const tokens = line.split(/[\s|•·/]+/).filter((token) => token !== '');
  return tokens.length >= 2 && tokens.every((token) => PATTERNS.socialWord.test(token.replace(/:$/, '')));
}

function isNewsletter(line: string, words: number): boolean {
  if (PATTERNS.newsletterLabel.test(line)) return true;
  return words <= NEWSLETTER_MAX_WORDS && PATTERNS.newsletter.test(line) && !PATTERNS.reportingVerb.test(line);
}
