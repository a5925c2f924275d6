// The DUC 2006 ROUGE setup: the rougejk.in evaluation list (which peer is scored against which models),
// the official per-system averages, the human models and the topic statements. Read from ../shared only.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DUC2006_ROOT } from './duc.ts';

export const DUC_ROUGE_ROOT = join(DUC2006_ROOT, 'rouge');

export interface RougeEvaluation {
  id: string;
  /** Peer id -> file name under peers/. */
  peers: Map<string, string>;
  /** Model file names under models/ (the reference summaries of this evaluation). */
  models: string[];
}

/** Parses ROUGE's XML evaluation list (the subset DUC uses: EVAL, P and M elements). */
export function parseRougeConfig(xml: string): RougeEvaluation[] {
  const evaluations: RougeEvaluation[] = [];
  for (const block of xml.matchAll(/<EVAL ID="([^"]+)">([\s\S]*?)<\/EVAL>/g)) {
    const body = block[2]!;
    const peers = new Map<string, string>();
    for (const peer of body.matchAll(/<P ID="([^"]+)">([^<]+)<\/P>/g)) peers.set(peer[1]!, peer[2]!.trim());
    const models = [...body.matchAll(/<M ID="[^"]+">([^<]+)<\/M>/g)].map((model) => model[1]!.trim());
    evaluations.push({ id: block[1]!, peers, models });
  }
  return evaluations;
}

export async function readRougeEvaluations(): Promise<RougeEvaluation[]> {
  return parseRougeConfig(await readFile(join(DUC_ROUGE_ROOT, 'rougejk.in'), 'utf8'));
}

/** `<system> <score> (95%-conf.int. ...)` lines -> system id -> score. */
export async function readOfficialAverages(file: string): Promise<Map<string, number>> {
  const text = await readFile(join(DUC_ROUGE_ROOT, file), 'utf8');
  const scores = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+([0-9.]+)/.exec(line);
    if (match !== null) scores.set(match[1]!, Number(match[2]));
  }
  return scores;
}

/** The human reference summaries of one topic (D0601 -> its 4 model files' texts). */
export async function readModels(topic: string, evaluations: readonly RougeEvaluation[]): Promise<string[]> {
  const files = new Set<string>();
  for (const evaluation of evaluations) {
    if (!evaluation.id.startsWith(`${topic}.`)) continue;
    for (const model of evaluation.models) files.add(model);
  }
  return Promise.all([...files].sort().map((file) => readFile(join(DUC_ROUGE_ROOT, 'models', file), 'utf8')));
}

export interface DucTopic {
  /** D0601 (the cluster folder without its assessor letter). */
  id: string;
  title: string;
  narrative: string;
}

export async function readTopics(): Promise<DucTopic[]> {
  const text = await readFile(join(DUC2006_ROOT, 'topics.sgml'), 'utf8');
  const topics: DucTopic[] = [];
  for (const block of text.matchAll(/<topic>([\s\S]*?)<\/topic>/gi)) {
    const body = block[1]!;
    const field = (tag: string) => (new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i').exec(body)?.[1] ?? '').replace(/\s+/g, ' ').trim();
    topics.push({ id: field('num').replace(/[A-Z]$/, ''), title: field('title'), narrative: field('narr') });
  }
  return topics;
}
