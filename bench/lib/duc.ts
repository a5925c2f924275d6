// Reader for the DUC 2006 document sets (TREC SGML: one <DOC> per file, one folder per topic cluster).
// It yields what the engine ingests (IngestItem) plus the gold cluster of each document, so the ingest,
// story-clustering and digest harnesses all read the corpus the same way. The data is never copied here.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePublished, type IngestItem } from '../../src/ingest/index.ts';
import type { RawArticle } from '../../src/model.ts';

/** Where the shared corpus lives: `../shared/data/summarization/duc2006` from the repository root. */
export const DUC2006_ROOT = fileURLToPath(new URL('../../../shared/data/summarization/duc2006', import.meta.url));

/** The document sets sit in `docs/`, one folder per cluster (D0601A … D0650J). */
const DOCS_FOLDER = 'docs';
/** Cluster folders are named D + 4 digits + a letter; anything else in `docs/` is not a cluster. */
const CLUSTER_FOLDER = /^D\d{4}[A-Z]$/;

/** The agency is the DOCNO's letter prefix (APW19990707.0181 → APW). */
const AGENCIES: Readonly<Record<string, string>> = {
  APW: 'Associated Press',
  NYT: 'New York Times',
  XIE: 'Xinhua',
};

/** SGML entities with a character meaning; `&HT;` is the wire's paragraph-indent tab. */
const CHARACTER_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ht: '\t',
};
/** Wire typesetting codes (quad left/centre/right, upper/lower rail, control bytes): layout, not text. */
const TYPESETTING_ENTITY = /^(ql|qc|qr|ur|lr|cx[0-9a-f]{2})$/i;

export interface DucDocument {
  docno: string;
  /** The file the document was read from. */
  path: string;
  /** The topic cluster (folder) the document belongs to: the gold story. */
  goldCluster: string;
  raw: RawArticle;
}

export interface DucCluster {
  id: string;
  documents: DucDocument[];
}

/** Replaces entities with their characters, drops typesetting codes, leaves unknown entities as they are. */
export function decodeSgmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const character = CHARACTER_ENTITIES[name.toLowerCase()];
    if (character !== undefined) return character;
    return TYPESETTING_ENTITY.test(name) ? '' : entity;
  });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The content of the first `<tag>…</tag>` in `sgml`, or undefined. */
function element(sgml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i').exec(sgml);
  return match?.[1];
}

/** Highest month number: a middle field above it can only be a day. */
const MONTHS = 12;

/**
 * DATE_TIME comes as `1999-07-07 08:30:27`, `1998-06-12 22:16`, `08/12/1998 13:29:00` or `1999-02-17`,
 * without a zone; like the engine's JSON Lines reader, zoneless times are read as UTC. A few AP files write
 * year-day-month (`1998-30-06`); when the middle field cannot be a month and the last can, they are swapped.
 */
export function normaliseDucDate(value: string): string | undefined {
  const trimmed = value.trim();
  const american = /^(\d{2})\/(\d{2})\/(\d{4})(.*)$/.exec(trimmed);
  let iso = american === null ? trimmed : `${american[3]}-${american[1]}-${american[2]}${american[4]}`;
  const fields = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(iso);
  if (fields !== null && Number(fields[2]) > MONTHS && Number(fields[3]) <= MONTHS) iso = `${fields[1]}-${fields[3]}-${fields[2]}${fields[4]}`;
  return parsePublished(iso);
}

/**
 * Paragraphs of a TEXT element. With <P> elements, each is one paragraph. Without (103 AP/NYT files), the
 * wire marks a paragraph by indenting its first line (tab, `&HT;` or spaces) and leaves continuation lines
 * flush left, so an indented or blank line starts a new paragraph.
 */
function paragraphsOf(textElement: string): string[] {
  const marked = [...textElement.matchAll(/<P>([\s\S]*?)<\/P>/gi)].map((match) => match[1] ?? '');
  if (marked.length > 0) return marked.map((paragraph) => collapse(decodeSgmlEntities(paragraph))).filter((paragraph) => paragraph !== '');
  const paragraphs: string[] = [];
  let current: string[] = [];
  const close = () => {
    const paragraph = collapse(current.join(' '));
    if (paragraph !== '') paragraphs.push(paragraph);
    current = [];
  };
  // Strip any stray tags (<ANNOTATION> and the like) before looking at line shapes.
  for (const line of decodeSgmlEntities(textElement.replace(/<[^>]+>/g, '')).split(/\r?\n/)) {
    if (line.trim() === '' || /^\s/.test(line)) close();
    current.push(line);
  }
  close();
  return paragraphs;
}

/** Parses every <DOC> in one SGML file; throws naming the file when a document lacks DOCNO or text. */
export function parseDucFile(sgml: string, path: string, goldCluster: string): DucDocument[] {
  const documents: DucDocument[] = [];
  for (const match of sgml.matchAll(/<DOC>([\s\S]*?)<\/DOC>/gi)) {
    const doc = match[1] ?? '';
    const docno = collapse(element(doc, 'DOCNO') ?? '');
    if (docno === '') throw new Error(`${path}: <DOC> without <DOCNO>`);
    const textElement = element(doc, 'TEXT');
    const paragraphs = textElement === undefined ? [] : paragraphsOf(textElement);
    if (paragraphs.length === 0) throw new Error(`${path}: ${docno} has no text`);
    const raw: RawArticle = { origin: { path, format: 'text' }, externalId: docno, text: paragraphs.join('\n\n') };
    const title = collapse(decodeSgmlEntities(element(doc, 'HEADLINE') ?? ''));
    if (title !== '') raw.title = title;
    const published = normaliseDucDate(decodeSgmlEntities(element(doc, 'DATE_TIME') ?? ''));
    if (published !== undefined) raw.published = published;
    const source = AGENCIES[/^[A-Z]+/.exec(docno)?.[0] ?? ''];
    if (source !== undefined) raw.source = source;
    documents.push({ docno, path, goldCluster, raw });
  }
  if (documents.length === 0) throw new Error(`${path}: no <DOC> element`);
  return documents;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The `docs/` folder under `root` if it exists, else undefined: harnesses skip when the corpus is absent. */
export async function findDucDocs(root: string = DUC2006_ROOT): Promise<string | undefined> {
  const docs = join(root, DOCS_FOLDER);
  return (await isDirectory(docs)) ? docs : undefined;
}

function byName(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Every cluster under `root/docs`, in name order, files in name order. A document filed under several
 * clusters (DUC 2006 has 9 such) appears once in each, with the same docno.
 */
export async function readDucClusters(root: string = DUC2006_ROOT): Promise<DucCluster[]> {
  const docs = join(root, DOCS_FOLDER);
  const clusters: DucCluster[] = [];
  const folders = (await readdir(docs, { withFileTypes: true })).filter((entry) => entry.isDirectory() && CLUSTER_FOLDER.test(entry.name));
  for (const folder of folders.map((entry) => entry.name).sort(byName)) {
    const directory = join(docs, folder);
    const files = (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.startsWith('.'));
    const documents: DucDocument[] = [];
    for (const file of files.map((entry) => entry.name).sort(byName)) {
      const path = join(directory, file);
      // The files are ASCII; latin1 decodes any stray high byte without failing.
      documents.push(...parseDucFile(await readFile(path, 'latin1'), path, folder));
    }
    clusters.push({ id: folder, documents });
  }
  return clusters;
}

export function toIngestItem(document: DucDocument): IngestItem {
  return { kind: 'article', raw: document.raw };
}

/** The documents as the stream `Engine.ingestItems` reads, in the order given. */
export async function* ingestStream(documents: Iterable<DucDocument>): AsyncGenerator<IngestItem> {
  for (const document of documents) yield toIngestItem(document);
}

/** Gold clusters per docno: a set, because a few documents are filed under more than one cluster. */
export function goldClustersByDocno(clusters: readonly DucCluster[]): Map<string, Set<string>> {
  const gold = new Map<string, Set<string>>();
  for (const cluster of clusters) {
    for (const document of cluster.documents) {
      const set = gold.get(document.docno) ?? new Set<string>();
      set.add(cluster.id);
      gold.set(document.docno, set);
    }
  }
  return gold;
}
