/**
 * The serial of a cakupan sticker from its QR code (`<base>/v/<token>`): the token's bytes 10–13
 * (`@cakupan/print`'s token layout, version 1). Read, not verified — the service checks the serial
 * against its register when the record is sent; a phone offline cannot verify a signature's key.
 *
 * @example
 * serialOfStickerUrl('https://cakupan.example/v/AQAAAA…') //=> 1234
 * serialOfStickerUrl('https://example.com/') //=> null
 */
export function serialOfStickerUrl(text: string): number | null {
  const match = /\/v\/([A-Za-z0-9_-]{40,})$/.exec(text.trim());
  if (!match) return null;
  let bytes: string;
  try {
    bytes = atob(match[1]!.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (bytes.length < 24 + 64 || bytes.charCodeAt(0) !== 1) return null;
  const serial = ((bytes.charCodeAt(10) << 24) >>> 0) + (bytes.charCodeAt(11) << 16) + (bytes.charCodeAt(12) << 8) + bytes.charCodeAt(13);
  return serial > 0 ? serial : null;
}
