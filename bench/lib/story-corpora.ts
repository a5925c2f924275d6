// Readers for the story-clustering evaluation sets under ../shared/data (never copied here): each yields
// raw articles with their gold story. Each returns undefined when its data is absent, so harnesses skip.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawArticle } from '../../src/model.ts';
import { DUC2006_ROOT, findDucDocs, readDucClusters } from './duc.ts';

const DATA_ROOT = fileURLToPath(new URL('../../../shared/data', import.meta.url));
export const MMDS_DEV = join(DATA_ROOT, 'clustering', 'mmds2025-dev', 'dev.json');
export const WIKIREF = join(DATA_ROOT, 'clustering', 'wikiref220');
export const MULTI_NEWS = join(DATA_ROOT, 'summarization', 'multi-news-val250', 'clusters.jsonl');
export { DUC2006_ROOT };

export interface GoldArticle {
  /** Unique within a corpus (used as external id). */
  key: string;
  gold: string;
  raw: RawArticle;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

interface MmdsFile {
  articles: { ID: number | string; title: string; sentences: { content: string }[] }[];
  clusters: (number | string)[];
}

/**
 * MMDS2025 dev's largest gold class (53 of 209 articles) is a catch-all, not an event: its articles are on
 * unrelated subjects (a robbery, oil exports, a nuclear plant, ambassadors) and carry 52 different event
 * annotations. Scored as one story it caps any event clustering's BCubed recall near 0.75, so the harness
 * also reports the score with its articles as singletons.
 */
export const MMDS_CATCH_ALL_LABEL = 'event-166';

/** The gold with MMDS2025 dev's catch-all class split into singletons (other labels unchanged). */
export function catchAllAsSingletons(gold: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...gold].map(([key, label]) => [key, label === MMDS_CATCH_ALL_LABEL ? `single:${key}` : label]));
}

/** MMDS2025 dev: title and body (the sentences joined); the event annotations are never read. */
export async function readMmdsDev(path = MMDS_DEV): Promise<GoldArticle[] | undefined> {
  const text = await readIfPresent(path);
  if (text === undefined) return undefined;
  const data = JSON.parse(text) as MmdsFile;
  return data.articles.map((article, index) => ({
    key: `mmds-${article.ID}`,
    gold: `event-${String(data.clusters[index])}`,
    raw: { origin: { path, format: 'text' }, externalId: `mmds-${article.ID}`, title: article.title, text: article.sentences.map((sentence) => sentence.content).join(' ') },
  }));
}

/** The gold label of a WikiRef220 file: the name before ".<n>.txt" or " (<n>).txt". */
function wikirefLabel(name: string): string {
  return name.replace(/(?:\.\d+| \(\d+\))\.txt$/, '');
}

/** WikiRef220: Windows-1252 text files, the first line a title. */
export async function readWikiref(folder = WIKIREF): Promise<GoldArticle[] | undefined> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.txt')).sort();
  } catch {
    return undefined;
  }
  const decoder = new TextDecoder('windows-1252');
  const articles: GoldArticle[] = [];
  for (const name of names) {
    const path = join(folder, name);
    articles.push({ key: `wikiref-${name}`, gold: wikirefLabel(name), raw: { origin: { path, format: 'text' }, externalId: `wikiref-${name}`, text: decoder.decode(await readFile(path)) } });
  }
  return articles;
}

/** Multi-News validation clusters: each cluster one gold story; the documents have no title and no date. */
export async function readMultiNews(path = MULTI_NEWS): Promise<GoldArticle[] | undefined> {
  const text = await readIfPresent(path);
  if (text === undefined) return undefined;
  const articles: GoldArticle[] = [];
  for (const [lineIndex, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const cluster = JSON.parse(line) as { idx: number; documents: string[] };
    cluster.documents.forEach((document, position) => {
      if (document.trim() === '') return;
      const key = `mn-${cluster.idx}-${position}`;
      articles.push({ key, gold: `mn-${cluster.idx}`, raw: { origin: { path, line: lineIndex + 1, format: 'text' }, externalId: key, text: document.replace(/ \n /g, '\n') } });
    });
  }
  return articles;
}

/** DUC 2006: the 50 topic clusters, dated. A document filed under two clusters keeps its first. */
export async function readDuc(root = DUC2006_ROOT): Promise<GoldArticle[] | undefined> {
  if ((await findDucDocs(root)) === undefined) return undefined;
  const seen = new Set<string>();
  const articles: GoldArticle[] = [];
  for (const cluster of await readDucClusters(root)) {
    for (const document of cluster.documents) {
      if (seen.has(document.docno)) continue;
      seen.add(document.docno);
      articles.push({ key: document.docno, gold: cluster.id, raw: document.raw });
    }
  }
  return articles;
}
