// Decide what a file is before reading it as text: binary files and empty files are refused by name.

/** Bytes sniffed for NUL and control characters: enough to catch images, archives and databases. */
const SNIFF_BYTES = 8192;
/** Share of control characters (other than tab, CR, LF, FF) above which a file is binary, not text. */
const MAX_CONTROL_CHAR_SHARE = 0.02;

export type ContentKind = 'empty' | 'binary' | 'text';

export function sniffContent(bytes: Uint8Array): ContentKind {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  let nonSpace = 0;
  for (const byte of head) {
    if (byte === 0) return 'binary';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
    if (byte > 0x20) nonSpace++;
  }
  if (nonSpace === 0 && bytes.length <= SNIFF_BYTES) return 'empty';
  if (head.length > 0 && control / head.length > MAX_CONTROL_CHAR_SHARE) return 'binary';
  return 'text';
}

/** Decodes UTF-8 strictly; returns undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
