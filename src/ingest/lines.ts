// Line-by-line reading of a byte stream with bounded memory: JSON Lines files of any size are never held
// whole, and one overlong line is measured and skipped without being buffered.

export type LineItem =
  | { kind: 'line'; line: number; bytes: Buffer }
  /** A line longer than the limit: only its size is known, its bytes were dropped as they came. */
  | { kind: 'too-large'; line: number; size: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a stream of byte chunks into lines (LF or CRLF). A line over `maxLineBytes` is reported by size and
 * its bytes discarded as they arrive, so memory stays within one chunk plus one line of at most the limit.
 * `onBytes` is told how many bytes each chunk held, for a progress display.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxLineBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<LineItem> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversize = false;
  let line = 1;
  const finish = (): LineItem => {
    const item: LineItem = oversize
      ? { kind: 'too-large', line, size: pendingBytes }
      : { kind: 'line', line, bytes: stripCarriageReturn(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes)) };
    pending = [];
    pendingBytes = 0;
    oversize = false;
    line++;
    return item;
  };
  const take = (piece: Buffer): void => {
    pendingBytes += piece.length;
    if (oversize) return;
    if (pendingBytes > maxLineBytes) {
      oversize = true;
      pending = [];
      return;
    }
    if (piece.length > 0) pending.push(piece);
  };
  for await (const received of chunks) {
    const chunk = typeof received === 'string' ? Buffer.from(received) : received;
    onBytes?.(chunk.length);
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      // A copy, not a view: a view would pin the whole chunk for as long as the line lives.
      take(Buffer.from(chunk.subarray(start, end)));
      yield finish();
      start = end + 1;
    }
    if (start < chunk.length) take(Buffer.from(chunk.subarray(start)));
  }
  if (pendingBytes > 0) yield finish();
}

function stripCarriageReturn(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, bytes.length - 1) : bytes;
}
