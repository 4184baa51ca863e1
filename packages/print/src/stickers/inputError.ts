/**
 * A request body the library cannot turn into stickers: its HTTP status (400 for what does not
 * parse, 413 for more stickers than allowed) and, for field problems, core's issues. A server
 * answers it as it is (print-service's error handler reads `statusCode` and `issues`).
 */
import type { Issue } from '@cakupan/core';

export class StickerInputError extends Error {
  override readonly name = 'StickerInputError';
  constructor(
    readonly statusCode: 400 | 413,
    message: string,
    readonly issues?: readonly Issue[],
  ) {
    super(message);
  }
}
