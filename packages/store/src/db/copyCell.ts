/**
 * A field of the CSV the store sends to `COPY … FROM STDIN (FORMAT csv)`: unquoted empty for
 * `null`/`undefined` (PostgreSQL's NULL), else the text quoted where CSV needs it. Stored data,
 * not a file a person opens: no spreadsheet guard here (that is core's `csvCell`).
 */
import { quoteCsvField } from '@cakupan/core';

export function copyCell(value: unknown): string {
  return value === null || value === undefined ? '' : quoteCsvField(String(value));
}
