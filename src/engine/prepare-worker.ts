// A worker thread of the prepare pool (pool.ts): prepares each raw article it is sent and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import type { SketchSettings } from '../match/candidates.ts';
import type { RawArticle } from '../model.ts';
import { prepareForIngest, stagedWords } from './prepare.ts';

const sketchSettings = (workerData as { sketch: SketchSettings }).sketch;

parentPort?.on('message', (message: { sequence: number; raw: RawArticle; ingestedAt: number }) => {
  const prepared = prepareForIngest(message.raw, message.ingestedAt, sketchSettings);
  // The word profile crosses as two strings, which the applying thread clones whole, not a string per stem.
  if (prepared.ok) prepared.words = stagedWords(prepared.words) ?? prepared.words;
  parentPort?.postMessage({ sequence: message.sequence, prepared });
});
