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

/** Archive and compression formats by their magic bytes, none of which can open a text file. */
const COMPRESSED_MAGIC: readonly { name: string; magic: readonly number[] }[] = [
  { name: 'gzip', magic: [0x1f, 0x8b] },
  { name: 'zip', magic: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68] },
];

/** The compression a file's first bytes declare ('gzip', 'zip', ...), or undefined for any other file. */
export function compressionOf(head: Uint8Array): string | undefined {
  for (const { name, magic } of COMPRESSED_MAGIC) {
    if (head.length < magic.length || !magic.every((byte, index) => head[index] === byte)) continue;
    // "BZh" then a block size digit then the block magic: text can start with "BZh", never with all of it.
    if (name === 'bzip2' && !(head.length >= 10 && head[3]! >= 0x31 && head[3]! <= 0x39 && head[4] === 0x31 && head[5] === 0x41 && head[6] === 0x59)) continue;
    return name;
  }
  return undefined;
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
