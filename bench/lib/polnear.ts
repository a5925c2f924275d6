// Reader for PolNeAR (Newell et al., LREC 2018): political news with every attribution annotated in brat
// standoff (`text/<name>.txt`, `attributions/<name>_<annotator>.ann`). It yields each article's text and its
// attributions as character spans into that text. The data is never copied into the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const POLNEAR_ROOT = fileURLToPath(new URL('../../../shared/data/attribution', import.meta.url));

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface GoldAttribution {
  source?: Span;
  cue?: Span;
  content?: Span;
}

export interface PolnearArticle {
  name: string;
  text: string;
  attributions: GoldAttribution[];
}

/** One annotation file per article (the first annotator's in name order when there are two). */
export function readPolnear(part: 'polnear-train' | 'polnear-dev'): PolnearArticle[] {
  const root = join(POLNEAR_ROOT, part);
  if (!existsSync(root)) return [];
  const annotations = readdirSync(join(root, 'attributions')).filter((file) => file.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const file of annotations) {
    const name = file.replace(/_[^_]+\.ann$/, '');
    if (!byArticle.has(name)) byArticle.set(name, file);
  }
  const articles: PolnearArticle[] = [];
  for (const [name, file] of byArticle) {
    const textPath = join(root, 'text', `${name}.txt`);
    if (!existsSync(textPath)) continue;
    const text = readFileSync(textPath, 'utf8');
    const spans = new Map<string, Span>();
    const events: Array<Record<string, string>> = [];
    for (const line of readFileSync(join(root, 'attributions', file), 'utf8').split('\n')) {
      const fields = line.split('\t');
      if (line.startsWith('T') && fields.length >= 2) {
        // "Content 292 543" or, for a discontinuous span, "Content 10 20;25 40": first start to last end.
        const [, ...offsets] = fields[1]!.split(' ');
        const numbers = offsets.join(' ').split(/[ ;]/).map(Number);
        const start = numbers[0]!;
        const end = numbers[numbers.length - 1]!;
        spans.set(fields[0]!, { start, end, text: text.slice(start, end) });
      } else if (line.startsWith('E') && fields.length >= 2) {
        const roles: Record<string, string> = {};
        for (const part of fields[1]!.split(' ')) {
          const [role, id] = part.split(':');
          if (role !== undefined && id !== undefined) roles[role.replace(/\d+$/, '')] = id;
        }
        events.push(roles);
      }
    }
    const attributions = events.map((roles) => {
      const attribution: GoldAttribution = {};
      const source = roles.Source === undefined ? undefined : spans.get(roles.Source);
      const cue = roles.Cue === undefined ? undefined : spans.get(roles.Cue);
      const content = roles.Content === undefined ? undefined : spans.get(roles.Content);
      if (source !== undefined) attribution.source = source;
      if (cue !== undefined) attribution.cue = cue;
      if (content !== undefined) attribution.content = content;
      return attribution;
    });
    articles.push({ name, text, attributions });
  }
  return articles;
}
