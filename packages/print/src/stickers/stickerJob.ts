/**
 * A sticker job in two halves. {@link planStickerJob} runs before the first byte of the answer:
 * it checks everything that can fail (the layout fits the paper, the verification URL leaves room
 * in the QR code, every subject's colour can be decided, the dates fit a token), so that a job that
 * starts streaming only fails for reasons outside the request. {@link StickerRenderer} then draws
 * the planned job batch by batch, in a render worker (see `render/`).
 */
import { addDays, formatISO } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import { CakupanError, howToRegisterLine, type RegistrationHelp, stickerStatus } from '@cakupan/core';
import { sheetPage } from '../pdf/layout.js';
import { createStickerPdf, type StickerPdf, type StickerPdfOptions } from '../pdf/renderStickers.js';
import { createKeyRing, type KeyRing } from '../signing/keys.js';
import { labelBudget, prepareSticker, type StickerJob, villageAndDistrictNames } from './prepareSticker.js';
import { PAPER_SIZES, SIZE_PRESETS, type StickerOptions, type Subject } from './schemas.js';

/** The last date a token can carry (days since 2020-01-01 in 16 bits). */
const LAST_TOKEN_DATE = '2199-06-06';

/** What a job needs from the service. */
export interface StickerJobContext {
  keyRing: KeyRing;
  publicBaseUrl: string;
  /** Today's date (ISO) where the stickers are issued. */
  today: string;
  /** Who issues the stickers, as printed (the configuration's, never a request's). */
  issuer: string;
  defaultValidDays: number;
  /**
   * How to register, by dotted village code (the store's, for the villages of the job): red stickers
   * print it in their band, or BPJS Ketenagakerjaan's website where a village has none. Absent: red
   * stickers print no next step (the stand-alone print service knows no region's office).
   */
  registrationHelp?: ReadonlyMap<string, RegistrationHelp> | undefined;
}

/** A checked job, as plain data: it crosses to a render worker by structured clone. */
export interface StickerJobPlan {
  pdf: StickerPdfOptions;
  job: Omit<StickerJob, 'keyRing'>;
  signingKeyPem: string;
  verifyOnlyPems: readonly string[];
  maxLabel: number;
}

/** Trim size in mm of the requested size option. */
export function trimSize(size: StickerOptions['size']): { w: number; h: number } {
  const s = typeof size === 'string' ? SIZE_PRESETS[size] : size;
  return { w: s.widthMm, h: s.heightMm };
}

/**
 * Checks a job and turns it into a plan. Nothing is reserved or drawn.
 *
 * @throws {CakupanError} for anything in the request that would make the job fail later (issue
 *   paths point at the option or subject at fault)
 */
export function planStickerJob(subjects: readonly Subject[], options: StickerOptions, ctx: StickerJobContext): StickerJobPlan {
  const validUntil = formatISO(addDays(new UTCDate(`${ctx.today}T00:00:00Z`), options.validDays ?? ctx.defaultValidDays), { representation: 'date' });
  if (validUntil > LAST_TOKEN_DATE) {
    throw new CakupanError({ code: 'out_of_range', message: `stickers valid until ${validUntil} cannot be signed (tokens carry dates to ${LAST_TOKEN_DATE})`, path: ['options', 'validDays'] });
  }
  const pdf: StickerPdfOptions = {
    trimMm: trimSize(options.size),
    bleedMm: options.bleedMm,
    cropMarks: options.cropMarks,
    layout: options.layout,
    paperMm: PAPER_SIZES[options.paper],
    language: options.language,
    issuer: ctx.issuer,
  };
  if (pdf.layout === 'sheet') {
    try {
      sheetPage(pdf.trimMm, pdf.paperMm, pdf.bleedMm, pdf.cropMarks);
    } catch (err) {
      throw new CakupanError({ code: 'out_of_range', message: `${(err as Error).message} (${options.paper})`, path: ['options', 'size'] });
    }
  }
  const maxLabel = labelBudget(ctx.publicBaseUrl);
  const placeNames: Record<string, readonly [string | null, string | null]> = {};
  const howToRegister: Record<string, string> = {};
  subjects.forEach((s, i) => {
    placeNames[s.villageCode] ??= villageAndDistrictNames(s.villageCode);
    if (ctx.registrationHelp) howToRegister[s.villageCode] ??= howToRegisterLine(ctx.registrationHelp.get(s.villageCode), options.language);
    // nobody aged 18+ lives there: nobody to be registered, and green would say "registered" on the door
    if (s.kind === 'household' && s.eligible === 0) {
      throw new CakupanError({ code: 'out_of_range', message: 'a household where nobody is 18 or over gets no sticker (green would say “registered” where nobody is)', path: ['subjects', i, 'eligible'] });
    }
    try {
      stickerStatus(s.kind === 'employer' ? { kind: 'employer', npp: s.npp ?? undefined, status: s.status ?? undefined } : { kind: 'household', eligible: s.eligible, covered: s.covered });
    } catch (err) {
      if (err instanceof CakupanError) throw new CakupanError(err.issues.map((x) => ({ ...x, path: ['subjects', i, ...x.path] })));
      throw err;
    }
  });
  return {
    pdf,
    job: { publicBaseUrl: ctx.publicBaseUrl, issuedOn: ctx.today, validUntil, language: options.language, placeNames, ...(ctx.registrationHelp && { howToRegister }) },
    signingKeyPem: ctx.keyRing.signingKeyPem,
    verifyOnlyPems: ctx.keyRing.verifyOnlyPems,
    maxLabel,
  };
}

/**
 * Draws a planned job: batches of subjects in, PDF bytes out through `onData` (synchronously, as
 * pdfkit writes them). Used inside a render worker; one renderer per job.
 */
export class StickerRenderer {
  readonly #pdf: StickerPdf;
  readonly #job: StickerJob;
  readonly #maxLabel: number;
  readonly #ended: Promise<void>;

  constructor(plan: StickerJobPlan, onData: (chunk: Buffer) => void) {
    this.#job = { ...plan.job, keyRing: createKeyRing(plan.signingKeyPem, plan.verifyOnlyPems) };
    this.#maxLabel = plan.maxLabel;
    this.#pdf = createStickerPdf(plan.pdf);
    const stream = this.#pdf.stream;
    stream.on('data', onData);
    this.#ended = new Promise((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('error', reject);
    });
  }

  /** Draws `subjects`, numbered from `firstSerial`. */
  async draw(subjects: readonly Subject[], firstSerial: number): Promise<void> {
    for (let i = 0; i < subjects.length; i++) {
      await this.#pdf.add(prepareSticker(subjects[i]!, firstSerial + i, this.#job, this.#maxLabel));
    }
  }

  /** Finishes the PDF; resolves once its last byte went to `onData`. */
  end(): Promise<void> {
    this.#pdf.end();
    return this.#ended;
  }
}
