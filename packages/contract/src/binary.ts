/**
 * Answers that are not JSON: a PDF, a CSV file. The route's `produces` names the media type; the
 * schema documents a string of bytes. The service sends them as a Buffer, a stream or a string,
 * which Fastify passes on unserialised, so the type says so.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';

/** Bytes as the service sends them. */
type Bytes = string | Buffer | Readable;

/** `application/pdf`. */
export const pdfAnswer = z.string().meta({ format: 'binary', description: 'application/pdf' }) as unknown as z.ZodType<Bytes>;

/** `text/csv; charset=utf-8`: a header line, then one line per row; cells a spreadsheet opens as text. */
export const csvAnswer = z.string().describe('text/csv; charset=utf-8') as unknown as z.ZodType<Bytes>;

/** The media type of an Excel workbook (`.xlsx`). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An Excel workbook (`.xlsx`). */
export const xlsxAnswer = z.string().meta({ format: 'binary', description: XLSX_MEDIA_TYPE }) as unknown as z.ZodType<Bytes>;
