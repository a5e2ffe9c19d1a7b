/**
 * Sizes the host and the page agree on. A workflow is at most MAX_DOCUMENT_BYTES of UTF-8,
 * whether it comes from a file, standard input or the page; a bridge frame carries one
 * document as a JSON string, in which escaping can at worst double it (quotes and
 * backslashes), so the WebSocket accepts frames up to twice that and a little more.
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
export const MAX_BRIDGE_FRAME_BYTES = 2 * MAX_DOCUMENT_BYTES + 1024 * 1024;

/** The length of `text` in UTF-8, without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (
      unit >= 0xd800 &&
      unit < 0xdc00 &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      bytes += 4; // a surrogate pair: one code point of four bytes
      i++;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
  }
  return bytes;
}

/**
 * The length of `text` in UTF-8 when it is more than `maxBytes`, else null. Counted only where
 * it could matter: a text of n UTF-16 units is at most 3n bytes.
 */
export function utf8BytesOver(text: string, maxBytes: number): number | null {
  if (text.length * 3 <= maxBytes) return null;
  const bytes = utf8ByteLength(text);
  return bytes > maxBytes ? bytes : null;
}

export function describeMiB(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
