// Same-story gold pairs by the languages of their two articles, and how many of them a clustering put
// together: the recall of cross-language linking (a Chinese and an English report of one event), which the
// BCubed figures mix with everything else.
export interface LanguagePairRecall {
  /** "en-zh", "en-ms", ...: the two languages in alphabetical order. */
  pair: string;
  gold: number;
  together: number;
}

export function languagePairRecall(
  system: ReadonlyMap<string, string>,
  gold: ReadonlyMap<string, string>,
  languageOf: ReadonlyMap<string, string>,
  skipLabel?: string,
): LanguagePairRecall[] {
  const members = new Map<string, string[]>();
  for (const [key, label] of gold) if (label !== skipLabel) members.set(label, [...(members.get(label) ?? []), key]);
  const counts = new Map<string, LanguagePairRecall>();
  for (const keys of members.values()) {
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = keys[i]!;
        const b = keys[j]!;
        const pair = [languageOf.get(a) ?? 'und', languageOf.get(b) ?? 'und'].sort().join('-');
        const entry = counts.get(pair) ?? { pair, gold: 0, together: 0 };
        entry.gold++;
        if (system.get(a) === system.get(b)) entry.together++;
        counts.set(pair, entry);
      }
    }
  }
  return [...counts.values()].sort((x, y) => y.gold - x.gold);
}

export function formatLanguagePairs(recalls: readonly LanguagePairRecall[]): string {
  return recalls.map((entry) => `${entry.pair} ${entry.together}/${entry.gold}`).join(', ');
}
