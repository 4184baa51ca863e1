/**
 * Multipart uploads of CSV exports, for every route that takes them: each expected file is
 * streamed to a temporary folder (never held in memory), each field kept once. Unexpected or
 * repeated files and repeated fields are 400, a file over the limit 413, a malformed body 400.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CsvFormatError } from '@cakupan/core/node';
import type { FastifyRequest } from 'fastify';
import { controlCharacterError, controlCharacterIssue } from './controlCharacters.js';
import { HttpError, multipartError } from './errors.js';

/** An upload on disk: `done()` removes its files. */
export interface Upload {
  /** Path of each file received, by field name. */
  files: Record<string, { path: string; fileName: string }>;
  fields: Record<string, string>;
  /** The temporary folder. */
  dir: string;
  done(): void;
  /**
   * A CSV that cannot be read (core's CsvFormatError) as a 400 naming the upload's file, never the
   * server's temporary path; any other error as it is.
   */
  csvError(err: unknown): unknown;
}

export interface ReadUploadOptions {
  /** The file fields the route takes. */
  fileFields: readonly string[];
  /** Of them, those it needs. */
  required: readonly string[];
  /** What the route takes, for the message about an unexpected file. */
  hint: string;
  /** Largest file, bytes. */
  uploadLimit: number;
}

/** Reads a multipart body. On any error the files are removed and an HttpError thrown. */
export async function readUpload(request: FastifyRequest, options: ReadUploadOptions): Promise<Upload> {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-upload-'));
  const done = () => rmSync(dir, { recursive: true, force: true });
  const files: Upload['files'] = {};
  const fields: Record<string, string> = {};
  const named = (name: string) => name.slice(0, 40);
  try {
    try {
      for await (const part of request.parts({ limits: { fileSize: options.uploadLimit, files: options.fileFields.length, fields: 10 } })) {
        if (part.type === 'file') {
          if (!options.fileFields.includes(part.fieldname) || files[part.fieldname]) {
            part.file.resume();
            throw new HttpError(400, `unexpected file field ${JSON.stringify(named(part.fieldname))}; ${options.hint}`, [
              { code: 'unrecognized', path: [named(part.fieldname)], message: 'unexpected file' },
            ]);
          }
          const path = join(dir, `${part.fieldname}.csv`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) throw new HttpError(413, `file ${part.fieldname} is larger than the upload limit of ${options.uploadLimit} bytes`);
          const badName = controlCharacterIssue(part.filename, [part.fieldname, 'filename'], 'url');
          if (badName) throw controlCharacterError('file name', badName);
          files[part.fieldname] = { path, fileName: part.filename || `${part.fieldname}.csv` };
        } else {
          if (part.fieldname in fields) {
            throw new HttpError(400, `form field ${JSON.stringify(named(part.fieldname))} is given twice`, [{ code: 'duplicate', path: [named(part.fieldname)], message: 'given twice' }]);
          }
          const value = String(part.value);
          const issue = controlCharacterIssue(value, [named(part.fieldname)], 'text');
          if (issue) throw controlCharacterError('form field', issue);
          fields[part.fieldname] = value;
        }
      }
    } catch (err) {
      throw multipartError(err);
    }
    for (const name of options.required) {
      if (!files[name]) throw new HttpError(400, `missing file ${name}`, [{ code: 'required', path: [name], message: 'required CSV file' }]);
    }
  } catch (err) {
    done();
    throw err;
  }
  const hide = (text: string) => text.replaceAll(`${dir}/`, '');
  const csvError = (err: unknown) =>
    err instanceof CsvFormatError ? new HttpError(400, hide(err.message), err.issues.map((i) => ({ ...i, message: hide(i.message) }))) : err;
  return { files, fields, dir, done, csvError };
}
