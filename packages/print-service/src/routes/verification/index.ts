/**
 * `GET /v/:token`: what a phone shows when it scans a sticker. Public, no key.
 */
import { villageAndDistrictNames, type KeyRing, type StickerClaims, verifyStickerToken } from '@cakupan/print';
import type { FastifyBaseLogger, FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { jwksSchema, revocationListSchema, signingKeysSchema, type Verification, verificationSchema, verifyParams, verifyQuery } from '@cakupan/contract';
import { z } from 'zod';
import { BPJS_WEBSITE, DEFAULT_TIME_ZONE, formatLongDate as formatDate, formatRtRw, regionWord, revocationReasonText, todayIn, whatsappLink } from '@cakupan/core';
import { formatSerial, type Language } from '@cakupan/print';
import type { RegisterWord, Store } from '@cakupan/store';
import { type RevocationLookup, revocationLookup } from './revocationLookup.js';
import { registrationHelpLookup } from './registrationHelpLookup.js';
import type { RegionalSettings } from '../../regions/regionalSettings.js';

export interface VerifyRoutesOptions {
  keyRing: KeyRing;
  today: () => string;
  /** Who issues a sticker and whom to tell about it, from the settings of its region (see `regions/regionalSettings.ts`). */
  settings: Pick<RegionalSettings, 'of'>;
  /** The deployment's own issuer and contact (ISSUER, ISSUER_CONTACT), for a token that names no region; absent: general words. */
  fallback?: { issuer?: string | undefined; contact?: string | undefined };
  /** Rate-limit hooks: verification's own, and the general one for `/v1/keys`. */
  verifyLimit?: onRequestHookHandler;
  keysLimit?: onRequestHookHandler;
  /** The issued-sticker register: a revoked sticker's page says so (absent: signature and expiry only). */
  register?: Pick<Store['stickers'], 'revocationsOf' | 'revoked'> | undefined;
  /** How to register, per region: a red sticker's page shows its village's (absent: BPJS Ketenagakerjaan's website). */
  registrationHelp?: Pick<Store['registrationHelp'], 'of'> | undefined;
  /** Named as the issuer of the revocation list. */
  publicBaseUrl?: string;
  /** The calendar day of a revocation is the day in this zone (default Asia/Jakarta). */
  timeZone?: string;
}

/** How long an offline verifier may keep a revocation list before fetching it again. */
const REVOCATIONS_FRESH_HOURS = 24;



/**
 * What a checked token means today: with `revoked`, the register's revocation of its serial (a
 * revoked sticker is never valid, whatever it says).
 */
export function verification(v: ReturnType<typeof verifyStickerToken>, today: string, revoked?: { on: string; reason: string }, registerChecked?: boolean, factsFromRequest = false): Verification {
  if (!v.ok) return { valid: false, reason: v.problem };
  const c: StickerClaims = v.claims;
  const expired = today > c.validUntil;
  const valid = !expired && !revoked;
  return {
    valid,
    ...(revoked ? { reason: 'revoked' as const, revokedOn: revoked.on, revokedReason: revoked.reason } : expired && { reason: 'expired' as const }),
    status: c.registered ? 'registered' : 'unregistered',
    ...(valid && { colour: c.registered ? ('green' as const) : ('red' as const) }),
    statusReason: c.reason,
    subject: {
      kind: c.kind,
      name: c.label,
      ...(c.villageCode && placeNames(c.villageCode)),
      ...(c.rw !== undefined && { rw: c.rw }),
      ...(c.rt !== undefined && { rt: c.rt }),
    },
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    serial: formatSerial(c.serial),
    keyId: v.keyId,
    ...(registerChecked !== undefined && { registerChecked }),
    ...(factsFromRequest && { facts: 'request' as const }),
  };
}

/** How long the page waits for the register before it answers from the signature alone. */
export const REGISTER_WAIT_MS = 2_000;

/**
 * The register's revocation of a serial (`undefined`: none), or `unavailable` when the register
 * does not answer within {@link REGISTER_WAIT_MS} or fails (its database restarting,
 * unreachable): the public page then answers from the signature and says the register could not
 * be checked — never a 500 or a hang.
 */
async function askRegister(lookup: RevocationLookup, serial: number, log: FastifyBaseLogger): Promise<{ word: RegisterWord | undefined } | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, REGISTER_WAIT_MS, 'late')));
  try {
    const word = await Promise.race([lookup(serial), late]);
    if (word === 'late') {
      log.warn('the sticker register did not answer in time: verified from the signature alone');
      return 'unavailable';
    }
    return { word };
  } catch (err) {
    log.warn({ error: (err as Error).message }, 'the sticker register cannot be asked: verified from the signature alone');
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/** The village code with the village's and district's names where cakupan knows them. */
function placeNames(villageCode: string): { villageCode: string; villageName?: string; districtName?: string } {
  const [villageName, districtName] = villageAndDistrictNames(villageCode);
  return { villageCode, ...(villageName && { villageName }), ...(districtName && { districtName }) };
}

const WORDS = {
  id: {
    title: 'Verifikasi stiker BPJS Ketenagakerjaan',
    registered: 'TERDAFTAR',
    unregistered: 'BELUM TERDAFTAR',
    expiredHeadline: 'KEDALUWARSA',
    invalidHeadline: 'TIDAK SAH',
    revokedHeadline: 'DICABUT',
    revoked: (on: string, reason: string) => `Stiker ini dicabut sejak ${on}: ${reason}. Status yang tertera padanya tidak berlaku lagi.`,
    revokedNext: (contact: string) => `Mintalah keterangan atau stiker baru kepada ${contact}.`,
    genuine: (issuer: string) => `Stiker asli, diterbitkan oleh ${issuer} dan ditandatangani secara digital.`,
    expired: (until: string, status: string) => `Stiker ini hanya berlaku sampai ${until}. Saat diterbitkan statusnya ${status}; status itu tidak dapat dipastikan lagi.`,
    invalid: 'Kode stiker ini tidak dapat diverifikasi: bisa jadi stiker palsu, rusak, atau salah pindai.',
    expiredNext: (contact: string) => `Mintalah stiker baru kepada ${contact}.`,
    invalidNext: (contact: string) => `Pindai sekali lagi. Bila hasilnya tetap sama, laporkan stiker ini (dengan alamat tempatnya) kepada ${contact}.`,
    compare: 'Pastikan nama dan alamat berikut sama dengan tempat stiker ini ditempel:',
    employer: 'Pemberi kerja',
    household: 'Rumah tangga',
    someIssuer: 'pemerintah daerah',
    someContact: 'pemerintah daerah setempat',
    issuedOn: 'Terbit',
    validUntil: 'Berlaku s.d.',
    serial: 'No. seri',
    verifiedBy: (issuer: string) => `Layanan verifikasi ${issuer}`,
    registerUnchecked: 'Daftar stiker sedang tidak dapat diperiksa: tanda tangan stiker ini asli, tetapi belum dapat dipastikan bahwa stiker ini tidak dicabut. Pindai lagi nanti.',
    factsFromRequest: 'Stiker ini dicetak dari data yang dikirim pencetaknya, bukan dari basis data pemantauan: statusnya belum dicocokkan dengan data BPJS Ketenagakerjaan yang disimpan.',
    howTitle: 'Cara mendaftar',
    howIntro: 'Pekerja di tempat ini belum semuanya terdaftar. Daftarkan diri atau pekerja Anda:',
    office: 'Kantor',
    address: 'Alamat',
    hours: 'Jam layanan',
    phone: 'Telepon',
    whatsapp: 'WhatsApp',
    website: 'Daftar daring',
    other: 'English',
  },
  en: {
    title: 'BPJS Ketenagakerjaan sticker verification',
    registered: 'REGISTERED',
    unregistered: 'NOT REGISTERED',
    expiredHeadline: 'EXPIRED',
    invalidHeadline: 'NOT VALID',
    revokedHeadline: 'REVOKED',
    revoked: (on: string, reason: string) => `This sticker was revoked on ${on}: ${reason}. What it says no longer holds.`,
    revokedNext: (contact: string) => `Ask ${contact} for details or a new sticker.`,
    genuine: (issuer: string) => `Genuine sticker, issued by ${issuer} and digitally signed.`,
    expired: (until: string, status: string) => `This sticker was valid until ${until}. When issued it said ${status}; that can no longer be relied on.`,
    invalid: 'This sticker’s code cannot be verified: it may be forged, damaged or misread.',
    expiredNext: (contact: string) => `Ask ${contact} for a new sticker.`,
    invalidNext: (contact: string) => `Scan it once more. If the result is the same, report this sticker (with the address of the place) to ${contact}.`,
    compare: 'Check that the following name and address match the place this sticker is on:',
    employer: 'Employer',
    household: 'Household',
    someIssuer: 'the local government',
    someContact: 'the local government',
    issuedOn: 'Issued',
    validUntil: 'Valid until',
    serial: 'Serial no.',
    verifiedBy: (issuer: string) => `Verification service of ${issuer}`,
    registerUnchecked: 'The sticker register cannot be checked right now: this sticker’s signature is genuine, but whether it has been revoked cannot be confirmed. Scan again later.',
    factsFromRequest: 'This sticker was printed from data its printer sent, not from the monitoring store: its status has not been matched with the BPJS Ketenagakerjaan data the store holds.',
    howTitle: 'How to register',
    howIntro: 'Not everyone working here is registered yet. Register yourself or your workers:',
    office: 'Office',
    address: 'Address',
    hours: 'Opening hours',
    phone: 'Phone',
    whatsapp: 'WhatsApp',
    website: 'Register online',
    other: 'Bahasa Indonesia',
  },
} as const;

/** Who issued the sticker and whom to tell (absent: general words). */
export interface PageContext {
  issuer?: string | undefined;
  contact?: string | undefined;
}

/**
 * The small, mobile-friendly page a browser gets. No personal data: only what the sticker shows.
 * Green or red only for a valid sticker; an expired one is amber with what it said when issued,
 * an invalid one grey with whom to tell.
 */
export function verificationPage(v: Verification, language: Language, token: string, ctx: PageContext): string {
  const w = WORDS[language];
  const issuer = ctx.issuer ?? w.someIssuer;
  const contact = ctx.contact ?? w.someContact;
  const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const expired = v.reason === 'expired';
  const revoked = v.reason === 'revoked';
  const colour = v.colour === 'green' ? '#1e7e34' : v.colour === 'red' ? '#b3261e' : revoked ? '#1f1f1f' : expired ? '#8a5300' : '#4a4a4a';
  const otherLang = language === 'id' ? 'en' : 'id';
  const rows: [string, string][] = [];
  if (v.subject) {
    rows.push([v.subject.kind === 'employer' ? w.employer : w.household, v.subject.name]);
    const unit = formatRtRw(v.subject.rt, v.subject.rw);
    if (unit) rows.push(['RT/RW', unit]);
    if (v.subject.villageCode) rows.push([regionWord(v.subject.villageCode, language), [v.subject.villageName, v.subject.districtName].filter(Boolean).join(', ') || v.subject.villageCode]);
  }
  if (v.issuedOn) rows.push([w.issuedOn, formatDate(v.issuedOn, language)]);
  if (v.validUntil) rows.push([w.validUntil, formatDate(v.validUntil, language)]);
  if (v.serial) rows.push([w.serial, v.serial]);
  // a valid red sticker: the next step, the region's office (links the reader follows; nothing loaded from them)
  const how = v.colour === 'red' ? v.howToRegister : undefined;
  const howRows: string[] = [];
  if (how) {
    const item = (k: string, html: string) => howRows.push(`<dt>${esc(k)}</dt><dd>${html}</dd>`);
    if (how.office) item(w.office, esc(how.office));
    if (how.address) item(w.address, esc(how.address));
    if (how.hours) item(w.hours, esc(how.hours));
    if (how.phone) item(w.phone, `<a href="tel:${esc(how.phone.replace(/[^+\d]/g, ''))}">${esc(how.phone)}</a>`);
    if (how.whatsapp) item(w.whatsapp, `<a href="${esc(whatsappLink(how.whatsapp))}" rel="noopener noreferrer">${esc(how.whatsapp)}</a>`);
    item(w.website, `<a href="${esc(how.website)}" rel="noopener noreferrer">${esc(how.website.replace(/^https:\/\//, ''))}</a>`);
  }
  const said = v.status === 'registered' ? w.registered : w.unregistered;
  const headline = v.valid ? said : revoked ? w.revokedHeadline : expired ? w.expiredHeadline : w.invalidHeadline;
  const note = v.valid
    ? w.genuine(issuer)
    : revoked
      ? w.revoked(formatDate(v.revokedOn!, language), revocationReasonText(v.revokedReason!, language))
      : expired
        ? w.expired(formatDate(v.validUntil!, language), said)
        : w.invalid;
  const next = v.valid ? [v.registerChecked === false ? w.registerUnchecked : '', v.facts === 'request' ? w.factsFromRequest : ''].filter(Boolean).join(' ') : revoked ? w.revokedNext(contact) : expired ? w.expiredNext(contact) : w.invalidNext(contact);
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f4f4;color:#111}
main{max-width:32rem;margin:0 auto;padding:1rem}
.status{background:${colour};color:#fff;border-radius:.75rem;padding:1.25rem;text-align:center}
.status h1{margin:0;font-size:1.9rem;letter-spacing:.02em}
.note{margin:.75rem 0 0;font-size:1rem}
.next{background:#fff;border-left:.35rem solid ${colour};border-radius:.5rem;padding:.75rem;margin-top:1rem;font-weight:600}
dl{background:#fff;border-radius:.75rem;padding:1rem;margin-top:.5rem;display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}
dt{color:#444}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
p.small{font-size:.9rem;color:#444}
a{color:#1a5fb4}
.how{background:#fff;border:.2rem solid ${colour};border-radius:.75rem;padding:1rem;margin-top:1rem}.how h2{margin:0 0 .25rem;font-size:1.25rem}.how p{margin:0}.how dl{padding:0;margin-top:.5rem}
</style></head>
<body><main>
<div class="status"><h1>${esc(headline)}</h1><p class="note">${esc(note)}</p></div>
${next ? `<p class="next">${esc(next)}</p>` : ''}
${howRows.length ? `<section class="how" aria-labelledby="how"><h2 id="how">${esc(w.howTitle)}</h2><p>${esc(w.howIntro)}</p><dl>${howRows.join('')}</dl></section>` : ''}
${rows.length ? `<p class="small">${esc(w.compare)}</p><dl>${rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`).join('')}</dl>` : ''}
<p class="small">${esc(w.verifiedBy(issuer))} · <a href="/v/${esc(encodeURIComponent(token))}?lang=${otherLang}" hreflang="${otherLang}">${esc(w.other)}</a></p>
</main></body></html>`;
}

/** JSON when the client asks for it before (or without) HTML. */
function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const json = accept.indexOf('application/json');
  const html = accept.indexOf('text/html');
  return json >= 0 && (html < 0 || json < html);
}

export const verifyRoutes: FastifyPluginAsync<VerifyRoutesOptions> = async (app, opts) => {
  // scans that come together are asked of the register together
  const lookup = opts.register && revocationLookup(opts.register);
  const helpOf = opts.registrationHelp && registrationHelpLookup(opts.registrationHelp, REGISTER_WAIT_MS);
  /** A red sticker's next step: its village's office, else BPJS Ketenagakerjaan's website (also when the store cannot answer in time). */
  const howToRegister = async (villageCode: string | undefined): Promise<NonNullable<Verification['howToRegister']>> => {
    const help = villageCode && helpOf ? await helpOf(villageCode) : undefined;
    return help ? { ...help, website: help.website ?? BPJS_WEBSITE } : { website: BPJS_WEBSITE };
  };
  /** The issuer and contact of the sticker's region (the defaults follow the region, so a slow store never holds the page up). */
  const pageContext = async (villageCode: string | undefined): Promise<PageContext> => {
    if (!villageCode) return { issuer: opts.fallback?.issuer, contact: opts.fallback?.contact };
    const s = await opts.settings.of(villageCode);
    return { issuer: s.issuer, contact: s.contact };
  };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v/:token',
    {
      ...(opts.verifyLimit && { onRequest: opts.verifyLimit }),
      schema: {
        summary: 'Verify a scanned sticker',
        description:
          'Public. Checks the token’s Ed25519 signature, key id and expiry. `Accept: application/json` gets JSON; a browser gets a small page ' +
          'in Indonesian (`?lang=en` for English), green or red. An invalid, unknown-key or malformed token answers `valid: false`.',
        tags: ['verification'],
        params: verifyParams,
        querystring: verifyQuery,
        produces: ['text/html', 'application/json'],
        response: { 200: verificationSchema.or(z.string().describe('text/html: the page a phone shows')) },
      },
    },
    async (request, reply) => {
      // the register's word on the token's serial (looked up only for a token that verifies)
      const checked = verifyStickerToken(request.params.token, opts.keyRing);
      const asked = checked.ok && lookup ? await askRegister(lookup, checked.claims.serial, request.log) : undefined;
      const word = asked === 'unavailable' ? undefined : asked?.word;
      const revocation = word?.revocation;
      const revoked = revocation ? { on: todayIn(opts.timeZone ?? DEFAULT_TIME_ZONE, new Date(Date.parse(revocation.revokedAt))), reason: revocation.reason } : undefined;
      const verified = verification(checked, opts.today(), revoked, asked === undefined ? undefined : asked !== 'unavailable', word?.facts === 'request');
      const v = verified.colour === 'red' ? { ...verified, howToRegister: await howToRegister(verified.subject?.villageCode) } : verified;
      reply.header('cache-control', 'no-store').header('vary', 'accept');
      if (prefersJson(request.headers.accept)) return reply.type('application/json').send(v);
      return reply
        .type('text/html; charset=utf-8')
        .serializer((s) => s as string)
        .send(verificationPage(v, request.query.lang ?? 'id', request.params.token, await pageContext(v.subject?.villageCode)));
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/keys',
    {
      config: { permission: 'public' },
      ...(opts.keysLimit && { onRequest: opts.keysLimit }),
      schema: {
        summary: 'Public keys for offline verification',
        description: 'Ed25519 public keys (SPKI PEM) by key id: a phone app can verify tokens offline with them.',
        tags: ['verification'],
        response: { 200: signingKeysSchema },
      },
    },
    async () => ({ keys: opts.keyRing.publicKeys() }),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/.well-known/jwks.json',
    {
      ...(opts.keysLimit && { onRequest: opts.keysLimit }),
      schema: {
        summary: 'Public keys as a JWK Set',
        description:
          'The Ed25519 keys that sign stickers (and the revocation list) as JWK (RFC 7517/8037), `kid` = the key id a token carries: the ' +
          'signing key first, then retired keys that still verify older stickers.',
        tags: ['verification'],
        response: { 200: jwksSchema },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').send(opts.keyRing.jwks()),
  );

  const register = opts.register;
  // the whole list is read and signed once for every request that asks while a reading is under
  // way: a burst of verifiers costs the register one reading, never one each
  type SignedList = { revocations: { iss: string; ctr: number; serials: number[]; issued: string; nextUpdate: string }; jws: string };
  let reading: Promise<SignedList> | undefined;
  const signedList = (): Promise<SignedList> =>
    (reading ??= register!
      .revoked()
      .then(({ serials, count }) => {
        const now = new Date();
        const revocations = {
          iss: opts.publicBaseUrl ?? '',
          ctr: count,
          serials,
          issued: now.toISOString(),
          nextUpdate: new Date(now.getTime() + REVOCATIONS_FRESH_HOURS * 3600_000).toISOString(),
        };
        return { revocations, jws: opts.keyRing.signJws(revocations) };
      })
      .finally(() => (reading = undefined)));
  if (register) {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/revocations',
      {
        config: { permission: 'public' },
        ...(opts.keysLimit && { onRequest: opts.keysLimit }),
        schema: {
          summary: 'The signed list of revoked stickers, for offline verifiers',
          description:
            'In the manner of SMART Health Cards’ revocation lists: `revocations` lists the revoked serials with a counter that only grows, ' +
            'when it was issued and when to fetch it again; `jws` is the same object as a compact JWS (`alg: EdDSA`, `kid` from ' +
            '`/.well-known/jwks.json`) — verify it, then use its payload. Serials only: no names, no personal data.',
          tags: ['verification'],
          response: { 200: revocationListSchema },
        },
      },
      async (_request, reply) => reply.header('cache-control', 'no-cache').send(await signedList()),
    );
  }
};
