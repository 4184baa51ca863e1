import { describe, expect, it } from 'vitest';
import { serialOfStickerUrl } from './stickerUrl.js';

/** A token of `@cakupan/print`'s layout (version 1) with `serial`, its signature zeros (not checked here). */
function tokenWith(serial: number, version = 1): string {
  const bytes = new Uint8Array(24 + 5 + 64);
  bytes[0] = version;
  new DataView(bytes.buffer).setUint32(10, serial);
  bytes[23] = 5;
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('serialOfStickerUrl', () => {
  it('reads the serial of a sticker’s verification URL', () => {
    expect(serialOfStickerUrl(`https://cakupan.example/v/${tokenWith(1234)}`)).toBe(1234);
    expect(serialOfStickerUrl(`http://127.0.0.1:3000/v/${tokenWith(0xfffffff0)}\n`)).toBe(0xfffffff0);
  });
  it('answers null for anything else', () => {
    expect(serialOfStickerUrl('https://example.com/')).toBeNull();
    expect(serialOfStickerUrl(`https://cakupan.example/v/${tokenWith(5, 2)}`)).toBeNull();
    expect(serialOfStickerUrl(`https://cakupan.example/v/${tokenWith(0)}`)).toBeNull();
    expect(serialOfStickerUrl('https://cakupan.example/v/short')).toBeNull();
  });
});
