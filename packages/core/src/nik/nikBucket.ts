/**
 * Which of a fixed number of buckets a NIK falls in: how a sharded store places a person's
 * residence and every account of theirs together (docs/STORE.md).
 */

/**
 * Buckets NIKs are spread over. A sharded store places whole buckets on its shard servers, so
 * this is also the most shards it can use; moving a bucket to another server never re-hashes a NIK.
 */
export const NIK_BUCKETS = 64;

/**
 * The bucket of a NIK as stored (any text; `null` or `undefined` as the empty text): 32-bit FNV-1a
 * of its UTF-16 code units, modulo {@link NIK_BUCKETS}. Every record with the same NIK text falls
 * in the same bucket; consecutive NIKs spread evenly.
 *
 * @example
 * nikBucket('3271014501900003') //=> a number 0–63, the same on every run and machine
 * nikBucket(null) === nikBucket('') //=> true
 */
export function nikBucket(nik: string | null | undefined): number {
  let h = 0x811c9dc5;
  const text = nik ?? '';
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % NIK_BUCKETS;
}
