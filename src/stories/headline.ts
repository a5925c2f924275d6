// Which titles can head a story: the report of the event, not a question, an explainer, an opinion piece,
// a list or a live page ("Will anyone drill into the Skarvald lake?", "Everything we know so far").

/** Titles of pieces that are not the report of the event. */
const NOT_A_REPORT_TITLE =
  /\?|:\s*(?:what|why|how|where|who|when)\b|\bwhat (?:\S+ ){0,4}means\b|\b(?:three|five|\d+|key|big|some) questions\b|\bhow to\b|\bstop by stop\b|^(?:what|why|how|who|will|would|could|should|can|is|are|does|do|did|explainer|analysis|opinion|comment|editorial|column|review|q&a|live|watch|video|photos|in pictures|everything|here's|here is|\d+ (?:things|ways|questions|facts))\b|\b(?:explained|what we know|what you need to know|everything we know|things to know|so far|timeline|live updates|opinion)\b/i;

/** Whether a title reads as a report of the event (an empty title says nothing against it). */
export function isReportTitle(title: string): boolean {
  return title.trim() === '' || !NOT_A_REPORT_TITLE.test(title.trim());
}

/**
 * Wire services' desk slugs before a title: "UPDATE 1-", "REFILE-UPDATE 2-", "CORRECTED-", "RPT-", "WRAPUP 3-".
 * They say which edition of the wire story an article is, not what happened, and headed the story list as
 * "UPDATE 1-Crane collapses at Eastport harbour" (found by the session 33 walk). Upper case, joined by a hyphen.
 */
const WIRE_SLUGS = /^(?:(?:UPDATE|WRAPUP)(?: \d{1,2})?|REFILE|CORRECTED|RPT|REPEAT)(?:[ -](?:(?:UPDATE|WRAPUP)(?: \d{1,2})?|REFILE|CORRECTED|RPT))*-(?=\S)/;

/** A title as a story's headline: without a wire desk slug (the article keeps its title as given). */
export function storyHeadline(title: string): string {
  const stripped = title.replace(WIRE_SLUGS, '');
  return stripped.trim() === '' ? title : stripped;
}
