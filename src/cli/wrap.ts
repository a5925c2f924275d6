// Human output's width: the terminal's when standard output is one, else 80 columns (pipes, files, tests).

/** Width human output wraps at when standard output is not a terminal (or does not say how wide it is). */
const DEFAULT_COLUMNS = 80;
/** Narrowest wrap: below it an indented line would get a word or two a row. */
const MIN_COLUMNS = 40;

export function outputColumns(): number {
  const columns = process.stdout.isTTY === true ? process.stdout.columns : undefined;
  return columns === undefined || columns <= 0 ? DEFAULT_COLUMNS : Math.max(MIN_COLUMNS, columns);
}

/** Lines starting with a bullet continue under the bullet's text. */
const BULLET = /^(\s*)([*-] )/;

/**
 * Wraps one line of text output at spaces to `width`, continuing at its indentation (under the text of a
 * `* ` or `- ` bullet). A word longer than the width (a URL) keeps a row of its own.
 */
export function wrapLine(line: string, width = outputColumns()): string {
  if (line.length <= width) return line;
  const bullet = BULLET.exec(line);
  const leading = /^\s*/.exec(line)?.[0] ?? '';
  const hanging = ' '.repeat(bullet === null ? leading.length : (bullet[1] ?? '').length + (bullet[2] ?? '').length);
  const rows: string[] = [];
  let row = '';
  for (const word of line.slice(leading.length).split(' ')) {
    const prefix = rows.length === 0 ? leading : hanging;
    if (row !== '' && prefix.length + row.length + 1 + word.length > width) {
      rows.push(prefix + row);
      row = word;
    } else row = row === '' ? word : `${row} ${word}`;
  }
  if (row !== '') rows.push((rows.length === 0 ? leading : hanging) + row);
  return rows.join('\n');
}

/**
 * Control characters in text bound for a terminal, but for tab and newline: article text, titles and file
 * names are hostile, and an escape sequence in them would clear the screen, move the cursor or retitle the
 * window (C1 controls too: xterm reads U+009B as CSI). newsfold's own colours (`compare`'s red, green, bold
 * and reset) are let through.
 */
const TERMINAL_CONTROL = /\u001b\[(?:31|32|1|0)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** C1 controls: U+009B is a CSI and U+009D an OSC to xterm, as ESC [ and ESC ] are. JSON leaves them raw. */
const C1_CONTROL = /[\u0080-\u009f]/g;

/**
 * A value as JSON text with C1 controls escaped (`\u009b`): the same value for a JSON reader, and nothing
 * terminalSafe has to replace, so `--json` keeps the text as stored. JSON.stringify escapes only C0.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(C1_CONTROL, (found) => `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text with every control character shown as U+FFFD (one code unit for one, so offsets hold). */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROL, (found) => (found.length > 1 ? found : '\uFFFD'));
}
