// Every tunable and every pattern of the clean stage, in one place (the Readability.js habit).
//
// The limits were set by reading scraped wire stories republished by MSN, AP member sites and content
// farms (the seed pages under /work/shared/seeds). They work as a set: a rule is anchored to a whole line
// or to its start or end, and a word limit keeps it from eating a body paragraph that merely starts or
// ends alike. Widen one only together with a test that a real body sentence still survives.

// ---------------------------------------------------------------------------------------------------
// Limits

/** Navigation labels and share bars are a few words; a longer line is prose that only starts alike. */
export const NAV_MAX_WORDS = 8;
/** A browser or cookie notice is a sentence or two; a longer paragraph is an article about cookies. */
export const NOTICE_MAX_WORDS = 60;
/** A web archive's crawl description runs to about 100 words in one paragraph; an article line that merely starts alike is longer. */
export const SCRAPE_NOTICE_MAX_WORDS = 150;
/** "Sign up for our newsletter ..." pitches are one short sentence. */
export const NEWSLETTER_MAX_WORDS = 25;
/** A bare credit line ("REUTERS/Stringer", "© Provided by Example Media LLC d/b/a ...") is a few names. */
export const CREDIT_MAX_WORDS = 14;
/** Photo captions seen run to ~60 words; a longer paragraph ending in a credit is kept as body. */
export const CAPTION_MAX_WORDS = 120;
/** A caption glued before body text (MSN prints it twice around a © line) fits in this many characters. */
export const GLUED_CAPTION_MAX_CHARS = 800;
/** What remains after cutting a glued caption must still read as a paragraph, not a stray credit. */
export const GLUED_REST_MIN_WORDS = 6;
/** "By" plus a few names with initials, an affiliation and maybe a date. */
export const BYLINE_MAX_WORDS = 16;
/** "Copyright 2016 X. All rights reserved. This material may not be published, ..." is ~25 words. */
export const COPYRIGHT_MAX_WORDS = 40;
/** "Associated Press writers A, B and C contributed to this report." with a long list of names. */
export const CONTRIBUTOR_MAX_WORDS = 40;
/** Syndication notes are one short line; longer text naming a news service is body. */
export const DISTRIBUTION_NOTE_MAX_WORDS = 14;
/** "Related: <headline>" carries one headline. */
export const RELATED_MAX_WORDS = 30;
/** "Published: 1/20/2016 3:45 PM EST" lines are short. */
export const TIMESTAMP_MAX_WORDS = 10;
/** Outlet names: "The Gull Haven Gazette", "Agence France-Presse", "Example Media LLC d/b/a The Gull Haven Gazette". */
export const OUTLET_MAX_WORDS = 8;
/** A short line seen twice (outlet name, section label) is page furniture; prose lines are longer. */
export const REPEATED_LINE_MAX_WORDS = 6;
/** Headlines are short; a longer first line is the lead paragraph. */
export const TITLE_MAX_WORDS = 25;
/** A first line ending like a sentence with more words than this is the lead, not a headline. */
export const TITLE_SENTENCE_MAX_WORDS = 10;
/** One word above a story is a section label ("World"), not a headline. */
export const TITLE_MIN_WORDS = 2;
/** Hard-wrapped lines are near-equal in width; a headline above body text is narrower than this share. */
export const TITLE_WRAP_RATIO = 0.8;
/** Body paragraphs searched for the dateline: an uncaught caption may stand before the lead. */
export const DATELINE_SEARCH_PARAGRAPHS = 2;
/** A dateline place is a city and maybe a region ("KESTREL BAY, Scotland"); longer is a shouted sentence. */
export const DATELINE_PLACE_MAX_CHARS = 40;

// ---------------------------------------------------------------------------------------------------
// Patterns. Lines are matched after whitespace is collapsed and trimmed.

/** A month name or abbreviation, not captured. */
const MONTH_NAME =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?' +
  '|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** A month name, captured for the date readers. */
const MONTH = `(${MONTH_NAME})`;

/** A capitalised word of a name or outlet: "Maren", "O.", "O'Neil", "Jean-Yves", "LLC", "d/b/a" is not. */
const CAP_WORD = "[\\p{Lu}][\\p{L}\\p{M}'’.&-]*";
/** Lower-case words allowed inside names and outlet names. */
const NAME_PARTICLE = '(?:and|&|de|da|del|della|der|di|du|la|le|van|von|bin|al|el|of|the|for|d/b/a)';

/** A line that starts with one of the alternatives (regular-expression sources). */
function lineStart(alternatives: readonly string[], flags = 'i'): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})`, flags);
}

/** A line that is, whole, one of the alternatives (regular-expression sources). */
function wholeLine(alternatives: readonly string[], flags = 'i'): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})$`, flags);
}

export const PATTERNS = {
  // Whole-line notices
  browserNotice: lineStart([
    'you are using an? (?:older|outdated|old|unsupported) (?:browser|version)',
    'your browser (?:is out of date|is outdated|does not support|is not supported)',
    'please (?:upgrade|update) your browser',
    '(?:please )?enable javascript',
    'javascript is (?:disabled|required|not enabled)',
    'you (?:need|have) to enable javascript',
  ]),
  // What a scraper caught instead of the article: web-archive crawl descriptions and a social site's own notices.
  scrapeNotice: lineStart([
    'starting in \\d{4}, alexa internet has been donating their crawl data',
    'flowing in every day, these data are added to the wayback machine',
    'these crawls are part of an effort to archive pages',
    'crawls of supported "no more 404" sites',
    'the seed for wide\\d+ was',
    'this is a set of web collections curated by .{1,80} using the archive-it service',
    'tweet with a location$',
    'add a location to your tweets$',
    'you can add location information to your tweets',
    'when you tweet with a location, twitter stores that location',
    'you always have the option to delete your tweet location history',
    'story continued below$',
    // The Internet Archive's notes on a crawl, caught where a page from its Wayback Machine was wanted.
    'the seed for this crawl was',
    'this crawl was run at a level \\d',
    'the warc files associated with this crawl',
    '-* ?slash pages from every domain on the web',
    '-* ?a ranking of all urls that have more than one incoming inter-domain link',
    '-* ?up to a maximum of \\d+ most highly ranked urls per domain',
    '-* ?top ranked pages \\(up to a max of \\d+\\) from every linked-to domain',
    'crawl of outlinks from \\S+ started',
    '(?:these files are|this data is) currently not publicly accessible',
    // A video player, a missing page or a sign-in wall where the article should be.
    'this feature is not available right now\\. please try again later',
    'the interactive transcript could not be loaded',
    'rating is available when the video has been rented',
    'sorry, the page you requested could not be found',
    'if you are trying to reach a page from a bookmark',
    'sign in using your? (?:\\S+ )?(?:account|profile)',
    'welcome back\\. please sign in',
    'by submitting your registration information, you agree to',
    'we have sent a confirmation email to',
    'your custom domain mapping may take',
    'join us on facebook like us and',
    'just fill in your contact details in the form below',
  ]),
  cookieNotice: lineStart([
    'we use cookies',
    'we and our partners use cookies',
    'this (?:web)?site uses cookies',
    'by (?:continuing to (?:use|browse)|using) (?:this|our) (?:site|website)',
    '(?:accept|reject|manage) (?:all )?cookies',
    'cookie (?:policy|settings|preferences|consent)',
  ]),
  /** A cookie notice asks for something; without one of these words the line is about cookies. */
  cookieAsk:
    /\b(?:consent|privacy|accept|agree|settings|preferences|policy|learn more|experience|personali[sz]e|analytics)\b/i,

  // Share bars, navigation, ads, newsletters
  shareBar: wholeLine([
    'share(?: this)?(?: (?:article|story|page|post|on \\w+))?\\s*:?',
    'like this\\s*:?',
    'loading\\.{3}',
    'tweet(?: this)?',
    'email this',
    'print this(?: (?:article|page))?',
  ]),
  /** Words of a social-button row such as "Facebook Twitter Email". */
  socialWord: wholeLine([
    'facebook', 'twitter', 'x', 'email', 'e-mail', 'mail', 'print', 'whatsapp', 'linkedin', 'pinterest',
    'reddit', 'messenger', 'telegram', 'tumblr', 'flipboard', 'share', 'tweet', 'comments?', 'copy', 'link',
    'save', 'sms',
  ]),
  navigation: wholeLine(
    [
      'post navigation',
      'skip to (?:main )?content',
      '(?:previous|next) (?:article|post|story)',
      'back to top',
      'more (?:in|from|on|about|stories from) .+',
      'trending(?: now)?',
      'most (?:read|popular|viewed|shared)',
      'top stories',
      'you (?:may|might) also like',
      'recommended(?: for you)?',
      'read next',
      '(?:tags|filed under|categories|topics|sections?)\\s*:.*',
      "(?:[\\p{L}\\p{N} &'-]{1,30} ?[»›] ?){1,6}[\\p{L}\\p{N} &'-]{1,40}", // breadcrumbs: Home » World
      'home',
      'menu',
    ],
    'iu',
  ),
  advertisement: wholeLine([
    'advertisement',
    'advertising',
    'ad',
    'sponsored(?: content)?',
    'paid content',
    'promoted(?: content)?',
    'story continues below(?: advertisement)?',
    'continue reading (?:the )?(?:main )?story(?: below)?',
  ]),
  newsletter: /^(?:sign up|subscribe|get|join)\b.*\b(?:newsletters?|inbox|e-?mail alerts|breaking news alerts)\b/i,
  newsletterLabel: /^newsletters?$/i,
  /** Reported speech: "Subscribe to the newsletter, the mayor urged" is a sentence of the story. */
  reportingVerb: /\b(?:said|says|told|tells|urged|added|according)\b/i,

  // Page furniture
  beacon: /^(?:image\s*beacon\s*)+$/i,
  separator: /^[-_*=~#•·.–—\s]{3,}$/,
  relatedBracketed: /^\[[^[\]]{3,300}\]$/,
  relatedLead:
    /^(?:related|related coverage|related stories|read more|read also|also read|see also|more on this)\s*:\s*\S/i,
  relatedLabel: /^related(?: stories| articles| coverage| content)?$/i,

  // Credits and captions
  /** A line that is only a photo credit. */
  creditLine: new RegExp(
    '^\\(?\\s*(?:' +
      [
        '(?:AP|AFP|EPA(?:-EFE)?|REUTERS|Reuters)(?: Photo)?\\s*/.{1,80}',
        '©\\s*Provided by .{1,100}',
        '(?:\\S{1,20}\\s?/\\s?)?Getty Images(?: for .{1,40})?',
        '(?:photo|photograph|picture|image|credit|photo credit)s?(?: by|\\s*:).{1,80}',
        'image (?:copyright|caption)\\b.{0,100}',
      ].join('|') +
      ')\\)?$',
    'i',
  ),
  /** A parenthesised credit closing a caption: "(AP Photo/Jane Roe)", "( K. Voss, Harbour Trust via AP)". */
  creditParenAtEnd: new RegExp(
    '\\(\\s*[^()]{0,120}?(?:' +
      [
        '\\bAP Photo\\b',
        '\\bvia (?:AP|Reuters|AFP|EPA|Getty Images)\\b',
        '\\bPhoto(?:graph)?(?: by)?\\s*[:/]',
        '\\bGetty Images\\b',
        '\\b(?:REUTERS|Reuters|AFP|EPA)/',
      ].join('|') +
      ')[^()]{0,80}\\)$',
  ),
  /** A bare credit closing a caption: "2015. REUTERS/Stringer", "AFP/Getty Images", "© Provided by X". */
  creditBareAtEnd: new RegExp(
    '(?:' +
      [
        "\\b(?:REUTERS|Reuters|AFP|EPA(?:-EFE)?)/\\s?[\\p{Lu}][\\p{L}'’.-]*(?: [\\p{Lu}][\\p{L}'’.-]*){0,2}",
        '\\bGetty Images',
        '©\\s*Provided by .{1,80}',
      ].join('|') +
      ')$',
    'u',
  ),
  /** A credit inside a paragraph, ending a caption glued to the body that follows it. No `g` flag here
   * (a shared global regex carries `lastIndex` state); callers scan with a fresh copy. */
  creditInside: new RegExp(
    '\\([^()]{0,120}?(?:AP Photo|via AP|via Reuters|Getty Images|REUTERS/|AFP/|EPA/)[^()]{0,80}\\)' +
      "|\\b(?:REUTERS|AFP|EPA)/[\\p{Lu}][\\p{L}'’-]*(?:/File Photo)?" +
      '|\\b(?:AFP/)?Getty Images\\b',
    'u',
  ),
  /** MSN's "© Provided by <holder>" between a caption and its repeat. */
  providedBy: /©\s*Provided by\b/,

  // Bylines, logos, copyright, contributors, timestamps
  bylineLead: /^(?:by|written by|story by|words by)\s+(.+)$/i,
  /** "Blue Coast Monitor | Staff report", "Staff writer", "Staff report, Harbour Gazette". */
  staffCredit: new RegExp(
    '^(?:(.{2,80}?)\\s*[|•,–—-]\\s*)?' +
      '(?:staff(?: report| reports| writer| reporter)?|wire (?:reports|services)|news (?:desk|staff)|editorial staff)' +
      '(?:\\s*[|•,–—-]\\s*(.{2,80}))?\\.?$',
    'i',
  ),
  personName: new RegExp(`^${CAP_WORD}(?:\\s+(?:${CAP_WORD}|${NAME_PARTICLE}))*$`, 'u'),
  outletName: new RegExp(`^(?:the\\s+)?${CAP_WORD}(?:\\s+(?:${CAP_WORD}|${NAME_PARTICLE}))*$`, 'u'),
  /** "The Gull Haven Gazette logo The Gull Haven Gazette 3/7/2024 Ivo Brandt" */
  logoLine: /^(.{2,80}?)\s+logo(?:\s+(.*))?$/i,
  copyrightLead: /^(?:copyright\b|©|\(c\)\s)\s*(?:©\s*)?(?:(\d{4})(?:\s*[-–]\s*\d{4})?)?[,.\s]*(.*)$/i,
  allRightsReserved: /\ball rights reserved\b/i,
  /** Where a copyright holder's name ends. */
  holderEnd: /\.\s|\s*\ball rights reserved\b|\.$/i,
  redistribution: /^this material may not be published, broadcast, rewritten,? or redistributed\.?$/i,
  contributorEnd: /\bcontributed (?:to this (?:report|story|article)|reporting)(?: from [^.]{1,80})?\.?\)?$/i,
  // Wire syndication notes, as the New York Times and Cox services print them (seen across DUC 2006).
  distributionNote:
    /^\(?(?:for use by (?:clients of )?(?:the )?(?:N\.?Y\.?\s?Times|New York Times|NYTimes)\b.*|story filed by\b.*|distributed by\b.*\b(?:news|times|features|service|syndicate)\b.*|c\.\s?\d{4}\s+(?:N\.Y\. Times|Cox|[A-Z][\w.]*(?: [A-Z][\w.]*)*) News Service\.?|story can end here\b.*|optional (?:material|trim|2nd take)\b.*|end (?:advance|optional)\b.*)\)?\.?$/i,
  contributorLead: /^\(?(?:reporting|additional reporting|writing|editing) by\b/i,
  timestamp: /^(published|posted|updated|last updated|first published)(?: on)?\s*:?\s*(.+)$/i,

  // Dates, only ever read from metadata lines
  usDate: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
  isoDate: /\b(\d{4})-(\d{2})-(\d{2})\b/,
  monthDayYear: new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i'),
  dayMonthYear: new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i'),

  // Dateline: upper-case place, optional ", Region", optional ", Jan. 20" (Reuters), optional "(Agency)",
  // then a dash: a hyphen needs spaces around it ("U.S.-led" is no dateline), a long dash may touch the text.
  dateline: new RegExp(
    "^([\\p{Lu}][\\p{Lu}.'’-]*(?:\\s+[\\p{Lu}][\\p{Lu}.'’-]*)*" +
      "(?:,\\s+[\\p{Lu}][\\p{L}.'’-]*(?:\\s+[\\p{Lu}][\\p{L}.'’-]*)*)?)" +
      `(?:,\\s+${MONTH_NAME}\\s+\\d{1,2}(?:,\\s+\\d{4})?)?` +
      '\\s*(?:\\(([^()]{1,30})\\)\\s*)?(?:[—–]\\s*|(?:--|-)\\s+)',
    'u',
  ),
  /** A dateline place names something: at least two capital letters ("I — said" is no dateline). */
  twoCapitals: /\p{Lu}.*\p{Lu}/u,

  // Text shape
  sentenceEnd: /[.!?]["'”’)\]]*$/,
  fragmentEnd: /[,;:]$/,
  /** A capital, or a letter of a script without case (Chinese, Arabic, Hebrew, Devanagari...): no lower-case line. */
  headlineStart: /^[\p{Lu}\p{Lo}\p{N}"'“‘]/u,
  bodyStart: /^[\p{Lu}\p{N}"'“‘(]/u,
} as const;

/** Month names and abbreviations by their first three letters. */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1]),
);

/** Wire agencies by the short or long name a page uses (upper-cased), mapped to the name newsfold reports. */
export const KNOWN_AGENCIES: ReadonlyMap<string, string> = new Map(Object.entries({
  AP: 'Associated Press',
  'ASSOCIATED PRESS': 'Associated Press',
  'THE ASSOCIATED PRESS': 'Associated Press',
  REUTERS: 'Reuters',
  'THOMSON REUTERS': 'Reuters',
  AFP: 'Agence France-Presse',
  'AGENCE FRANCE-PRESSE': 'Agence France-Presse',
  'AGENCE FRANCE PRESSE': 'Agence France-Presse',
  UPI: 'United Press International',
  DPA: 'Deutsche Presse-Agentur',
  EFE: 'EFE',
  ANSA: 'ANSA',
  XINHUA: 'Xinhua',
  KYODO: 'Kyodo News',
  TASS: 'TASS',
  PTI: 'Press Trust of India',
  YONHAP: 'Yonhap',
  CNN: 'CNN',
  BLOOMBERG: 'Bloomberg',
}));
