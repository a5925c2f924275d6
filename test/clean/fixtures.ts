// Synthetic article text for the clean tests. Everything here is invented: the town of Gull Haven, its
// harbour, the wire agency Meridian Press (MP) and every person named.

export const HEADLINE = 'Harbour crane topples onto moored ferry in Gull Haven';

export const LEAD =
  'GULL HAVEN (MP) — A dockside crane toppled onto a moored passenger ferry on Monday, crushing part of ' +
  'the upper deck but injuring nobody, harbour officials said.';

export const BODY = [
  'The ferry Saltmarsh Queen had landed its last passengers about twenty minutes before the jib gave way ' +
    'in gusts that reached 90 kilometres an hour.',
  '"We were very lucky with the timing," harbour master Ines Carrow said, adding that the crane had ' +
    'passed an inspection in the spring.',
  'Engineers from the port authority will examine the crane base this week, and ferry crossings to the ' +
    'islands are suspended until further notice.',
];

/** The lead without its dateline, as the cleaner should leave it. */
export const LEAD_BODY = LEAD.replace('GULL HAVEN (MP) — ', '');

/** Paragraphs separated by blank lines, the way most scraped pages come. */
export function page(...paragraphs: string[]): string {
  return paragraphs.join('\n\n') + '\n';
}
