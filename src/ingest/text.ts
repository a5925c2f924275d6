// Plain-text reader: one file is one article. The title is found by `clean` (first non-empty line that
// is not boilerplate), because scraped text often opens with a browser notice rather than the headline.
import type { RawArticle } from '../model.ts';
import { STDIN_PATH } from './files.ts';
import type { IngestItem } from './index.ts';

export function readPlainText(path: string, text: string): IngestItem[] {
  if (text.trim() === '') {
    return [{ kind: 'problem', problem: { code: 'E_EMPTY', message: path === STDIN_PATH ? 'the input is empty' : 'file is empty', path } }];
  }
  const raw: RawArticle = { origin: { path, format: 'text' }, text };
  return [{ kind: 'article', raw }];
}
