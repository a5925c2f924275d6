// Commands about copies: `dupes` lists groups of copies and versions with their earliest member,
// `compare` shows two articles' aligned passages side by side, `delete` removes an article from the store
// and the copy index. Rendering for them lives here too.
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { CopyGroup } from '../match/groups.ts';
import { diffWords, type MarkedWord } from '../match/word-diff.ts';
import type { Article, Relation } from '../model.ts';
import type { DupesPage, DupesRequest } from '../engine/index.ts';
import { withCommon, withEngine, type CommonOptions, type Io, type RegisterCommands } from './common.ts';
import { withPaging, type PagingFlags } from './stories-flags.ts';
import { relationLine } from './render.ts';
import { jsonText } from './wrap.ts';

/** Characters of an id shown in human output, as elsewhere in the CLI. */
const SHORT_ID = 8;
/** Output width when stdout is not a terminal (or does not say). */
const DEFAULT_WIDTH = 120;
/** Narrowest layout that still gives each column room for a few words. */
const MIN_WIDTH = 40;
const GUTTER = ' | ';

// ANSI SGR codes: words without a counterpart are shown red in the source and green in the copy.
const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';
const ANSI = /\u001b\[[0-9;]*m/g;

const short = (id: string) => id.slice(0, SHORT_ID);

interface CompareFlags extends CommonOptions {
  color?: boolean;
  width?: number;
}

function parseWidth(value: string): number {
  const width = Number(value);
  if (!Number.isInteger(width) || width < MIN_WIDTH || width > 1000) throw new InvalidArgumentError(`expected a whole number of columns from ${MIN_WIDTH} to 1000`);
  return width;
}

/** The groups of one page; `offset` groups came before it, so groups are numbered as in one long list. */
export function renderDupes(groups: readonly CopyGroup[], offset = 0, nextCursor?: string): string {
  if (groups.length === 0) return offset === 0 ? 'No copies or versions in the store.' : 'No more groups.';
  const lines: string[] = [];
  groups.forEach((group, index) => {
    const earliest = group.members[0]!;
    lines.push(`Group ${offset + index + 1}: ${group.members.length} articles; earliest ${short(earliest.id)} "${earliest.title}" (${earliest.published ?? 'no publication date; first ingested'})`);
    for (const member of group.members) lines.push(`  ${short(member.id)}  ${member.published ?? '-'.padEnd(24)}  ${member.origin.path}${member.origin.line === undefined ? '' : `:${member.origin.line}`}  ${member.title}`);
    for (const relation of group.relations) lines.push(relationLine(relation));
  });
  if (nextCursor !== undefined) lines.push('', `More groups: newsfold dupes --cursor ${nextCursor}, or --all.`);
  return lines.join('\n');
}

/** The text with unshared words marked: colour when `color`, else [-word-] (source) or {+word+} (copy). */
function markText(text: string, marks: readonly MarkedWord[], side: 'source' | 'copy', color: boolean): string {
  let out = '';
  let last = 0;
  for (const mark of marks) {
    out += text.slice(last, mark.start);
    const word = text.slice(mark.start, mark.end);
    if (mark.shared) out += word;
    else if (color) out += `${side === 'source' ? RED : GREEN}${word}${RESET}`;
    else out += side === 'source' ? `[-${word}-]` : `{+${word}+}`;
    last = mark.end;
  }
  return out + text.slice(last);
}

const visibleLength = (s: string) => s.replace(ANSI, '').length;

/** Wraps at spaces to `width` visible characters (ANSI codes take no room). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && visibleLength(line) + 1 + visibleLength(word) > width) {
        lines.push(line);
        line = '';
      }
      line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '') lines.push(line);
  }
  return lines;
}

function sideBySide(left: string, right: string, width: number): string[] {
  const column = Math.floor((width - GUTTER.length) / 2);
  const l = wrap(left, column);
  const r = wrap(right, column);
  const rows: string[] = [];
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    const cell = l[i] ?? '';
    rows.push(`${cell}${' '.repeat(Math.max(0, column - visibleLength(cell)))}${GUTTER}${r[i] ?? ''}`.trimEnd());
  }
  return rows;
}

export function renderCompare(x: Article, y: Article, relation: Relation | undefined, options: { color: boolean; width: number }): string {
  if (relation === undefined) return `${short(x.id)} and ${short(y.id)} share no passage worth a relation.`;
  const [source, copy] = relation.a === x.id ? [x, y] : [y, x];
  const heading = (s: string) => (options.color ? `${BOLD}${s}${RESET}` : s);
  const lines = [
    heading(`${relation.kind}: ${short(source.id)} "${source.title}" -> ${short(copy.id)} "${copy.title}"`),
    `score ${relation.score.toFixed(2)}; coverage ${Math.round(relation.coverage.a * 100)}% of the source, ${Math.round(relation.coverage.b * 100)}% of the copy`,
    `direction: ${relation.direction.known ? '' : 'unknown; '}${relation.direction.reason}`,
  ];
  relation.passages.forEach((passage, index) => {
    const left = source.text.slice(passage.a.start, passage.a.end);
    const right = copy.text.slice(passage.b.start, passage.b.end);
    const marks = diffWords(left, right);
    lines.push(
      '',
      heading(`Passage ${index + 1}: similarity ${passage.similarity.toFixed(2)}; source chars ${passage.a.start}-${passage.a.end}, copy chars ${passage.b.start}-${passage.b.end}`),
      ...sideBySide(markText(left, marks.a, 'source', options.color), markText(right, marks.b, 'copy', options.color), options.width),
    );
  });
  if (!options.color) lines.push('', 'Words in [-brackets-] appear only in the source, words in {+braces+} only in the copy.');
  return lines.join('\n');
}

export const registerDupesCommands: RegisterCommands = (program: Command, io: Io) => {
  // Paged as `stories` is and as GET /dupes is (the same page sizes, order and cursors).
  withPaging(withCommon(program.command('dupes')), { one: 'group', many: 'groups' })
    .description('list groups of copies and versions, largest first, each with its earliest member, a page at a time')
    .option('--cursor <cursor>', 'continue after the page that printed this cursor')
    .action(async (options: CommonOptions & PagingFlags & { cursor?: string }) => {
      await withEngine(options, async (engine) => {
        const { dupesJson, MAX_PAGE_SIZE } = await import('../engine/index.ts');
        const request: DupesRequest = { limit: options.all === true ? MAX_PAGE_SIZE : options.limit, ...(options.cursor === undefined ? {} : { cursor: options.cursor }) };
        const groups: CopyGroup[] = [];
        let page: DupesPage;
        let offset: number | undefined;
        do {
          page = await engine.dupes(request);
          groups.push(...page.groups);
          offset ??= page.offset;
          request.cursor = page.nextCursor;
        } while (options.all === true && page.nextCursor !== undefined);
        if (options.json === true) io.stdout(`${jsonText({ ...dupesJson(groups), total: page.total, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) })}\n`);
        else io.stdout(`${renderDupes(groups, offset, page.nextCursor)}\n`);
      }, { readOnly: true });
    });

  withCommon(program.command('compare').argument('<id1>', 'article id, unique prefix, input id, path or URL').argument('<id2>', 'the other article'))
    .description('show the passages two articles share, side by side; colours only on a terminal')
    .addOption(new Option('--color', 'highlight differences with colours even when stdout is not a terminal'))
    .addOption(new Option('--width <columns>', 'output width').argParser(parseWidth))
    .action(async (first: string, second: string, options: CompareFlags) => {
      await withEngine(options, async (engine) => {
        const { x, y, relation } = await engine.compare(first, second);
        if (options.json === true) {
          const { compareJson } = await import('../engine/index.ts');
          io.stdout(`${jsonText(compareJson(x, y, relation))}\n`);
          return;
        }
        const terminal = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
        const width = options.width ?? (terminal ? Math.max(MIN_WIDTH, process.stdout.columns ?? DEFAULT_WIDTH) : DEFAULT_WIDTH);
        io.stdout(`${renderCompare(x, y, relation, { color: options.color === true || terminal, width })}\n`);
      }, { readOnly: true });
    });

  withCommon(program.command('delete').argument('<id>', 'article id, unique prefix, input id, path or URL'))
    .description('remove an article from the store and the copy index, with its relations')
    .action(async (reference: string, options: CommonOptions) => {
      const id = await withEngine(options, (engine) => engine.deleteArticle(reference), { readOnly: true });
      io.stdout(options.json === true ? `${jsonText({ deleted: id })}\n` : `Deleted ${id}.\n`);
    });
};
