// Character encodings of web pages: the declared charset wins (HTTP header, then BOM, then <meta>), then
// strict UTF-8, then statistical detection. A page is never decoded to mojibake silently: when the
// declared charset is unknown and the bytes are not UTF-8, or detection is unsure, the result is an error.
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Bytes searched for a <meta charset>: the HTML standard's prescan looks at the first 1024; pages often put it later. */
const META_PRESCAN_BYTES = 4096;
/** Share of non-ASCII characters that may be invalid UTF-8 in a page that is still UTF-8: a stray Latin-1 byte in a script. */
const MAX_BROKEN_UTF8_SHARE = 0.2;
/** chardet's confidence (0-100) below which a guess is not trusted: short or mixed pages give weak guesses. */
const MIN_DETECTION_CONFIDENCE = 30;

export type Decoded = { ok: true; text: string; encoding: string; source: 'bom' | 'header' | 'meta' | 'utf-8' | 'detected' } | { ok: false; reason: string };

/** Labels browsers treat as another encoding (WHATWG Encoding Standard): ISO-8859-1 and ASCII mean windows-1252. */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'latin1': 'windows-1252',
  'latin-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  'ascii': 'windows-1252',
  'x-sjis': 'shift_jis',
  'sjis': 'shift_jis',
  'utf8': 'utf-8',
};

export function normaliseCharset(label: string): string {
  const clean = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  return LABEL_ALIASES[clean] ?? clean;
}

/** The charset parameter of a Content-Type value, e.g. `text/html; charset=ISO-8859-2`. */
export function charsetFromContentType(contentType: string | undefined | null): string | undefined {
  if (contentType === undefined || contentType === null) return undefined;
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return match?.[1];
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** `<meta charset=x>` or `<meta http-equiv="Content-Type" content="...; charset=x">` near the top of the page. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_PRESCAN_BYTES)).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct?.[1];
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-8 with a few broken bytes (replaced, as browsers do) rather than a whole page in a wrong single-byte charset. */
function mostlyUtf8(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8').decode(bytes);
  let nonAscii = 0;
  let replaced = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) nonAscii++;
    if (code === 0xfffd) replaced++;
  }
  return nonAscii > 0 && replaced / nonAscii <= MAX_BROKEN_UTF8_SHARE ? text : undefined;
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

/** Decodes a page's bytes; `declared` is a charset from outside the page (an HTTP header in a WARC record). */
export function decodePage(bytes: Uint8Array, declared?: string): Decoded {
  const bom = bomEncoding(bytes);
  if (bom !== undefined) return { ok: true, text: decodeAs(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
  const unknown: string[] = [];
  for (const [label, source] of [
    [declared, 'header'],
    [metaCharset(bytes), 'meta'],
  ] as const) {
    if (label === undefined) continue;
    const encoding = normaliseCharset(label);
    if (encoding === 'utf-8') {
      // Pages often declare UTF-8 and are not; fall through to detection rather than print replacement characters.
      const text = strictUtf8(bytes);
      if (text !== undefined) return { ok: true, text, encoding, source };
      const nearly = mostlyUtf8(bytes);
      if (nearly !== undefined) return { ok: true, text: nearly, encoding, source };
      continue;
    }
    if (iconv.encodingExists(encoding)) return { ok: true, text: decodeAs(bytes, encoding), encoding, source };
    unknown.push(label);
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8', source: 'utf-8' };
  const nearly = mostlyUtf8(bytes);
  if (nearly !== undefined) return { ok: true, text: nearly, encoding: 'utf-8', source: 'utf-8' };
  if (unknown.length > 0) return { ok: false, reason: `declared charset ${JSON.stringify(unknown[0])} is not a known encoding and the bytes are not UTF-8` };
  const guesses = chardet.analyse(bytes);
  const best = guesses.find((guess) => iconv.encodingExists(normaliseCharset(guess.name)));
  if (best === undefined || best.confidence < MIN_DETECTION_CONFIDENCE) {
    return { ok: false, reason: 'no charset is declared, the bytes are not UTF-8, and detection is unsure' };
  }
  const encoding = normaliseCharset(best.name);
  return { ok: true, text: decodeAs(bytes, encoding), encoding, source: 'detected' };
}

export type RecordDecoded = { ok: true; text: string; encoding: string; replaced: number } | { ok: false; reason: string };

/** Bytes looked at to tell UTF-16 without a BOM: enough pairs for a clear pattern of zero bytes. */
const UTF16_SNIFF_BYTES = 1024;
/** Share of the high (or low) bytes of the sniffed pairs that must be zero for text to read as UTF-16: Latin text in UTF-16 has nearly all. */
const MIN_UTF16_ZERO_SHARE = 0.7;

/** UTF-16 by its BOM, or without one by the zero byte in most pairs (Latin-script text). */
export function detectUtf16(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; bomLength: number } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) evenZero++;
    if (bytes[2 * pair + 1] === 0) oddZero++;
  }
  if (oddZero >= MIN_UTF16_ZERO_SHARE * pairs && evenZero === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (evenZero >= MIN_UTF16_ZERO_SHARE * pairs && oddZero === 0) return { encoding: 'utf-16be', bomLength: 0 };
  return undefined;
}

/** Decodes bytes in a charset iconv-lite knows (windows-1252 with its 0x80-0x9F punctuation, UTF-16, ...). */
export function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

/**
 * Decodes one record (a JSON Lines line, a text file): strict UTF-8; UTF-8 with broken bytes replaced by
 * U+FFFD when the record's other non-ASCII bytes are valid UTF-8 (one bad byte in a UTF-8 record); else
 * windows-1252, the usual legacy charset of scraped Western text, which decodes every byte. A NUL byte is
 * binary data in a text record: that record is refused, never its neighbours.
 */
export function decodeRecord(bytes: Uint8Array): RecordDecoded {
  if (bytes.includes(0)) return { ok: false, reason: 'record contains a NUL byte (binary data, or UTF-16 in a UTF-8 file)' };
  const strict = strictUtf8(bytes);
  if (strict !== undefined) return { ok: true, text: strict.replace(/^\uFEFF/, ''), encoding: 'utf-8', replaced: 0 };
  const lenient = new TextDecoder('utf-8').decode(bytes);
  let validNonAscii = 0;
  let replaced = 0;
  for (let index = 0; index < lenient.length; index++) {
    const code = lenient.charCodeAt(index);
    if (code === 0xfffd) replaced++;
    else if (code > 0x7f) validNonAscii++;
  }
  if (validNonAscii > 0 && replaced <= validNonAscii) return { ok: true, text: lenient.replace(/^\uFEFF/, ''), encoding: 'utf-8', replaced };
  return { ok: true, text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', replaced: 0 };
}
