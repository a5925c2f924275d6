// A count with its noun for human output: "1 job", "7 jobs", "1 story", "3 stories".
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A story's distinct sources for human output. Articles without a source name none, so a count of 0 would say
 * the story has no source at all: it says the source is unknown instead (found by the fresh walk, session 29).
 */
export function sourcesPhrase(knownSources: number, articles: number): string {
  if (knownSources === 0) return articles === 1 ? 'source unknown' : 'sources unknown';
  return plural(knownSources, 'source');
}
