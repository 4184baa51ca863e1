/**
 * What a scanned sticker says (`GET /v/:token`, public) and what offline verifiers fetch: the
 * signing keys and the signed list of revoked serials. No personal data in any of them.
 */
import { z } from 'zod';

/** The JSON answer of a verification. */
export const verificationSchema = z.object({
  valid: z.boolean().describe('Signature checks, key known and not expired'),
  reason: z.enum(['malformed', 'unknown_key', 'bad_signature', 'expired', 'revoked']).optional().describe('Why it is not valid'),
  revokedOn: z.string().optional().describe('When it was revoked (ISO date), for a revoked sticker'),
  revokedReason: z.string().optional().describe('Why it was revoked: a listed reason’s code (closed, moved, damaged, lost, misprint, data_corrected; the page says it in words), or the reason cakupan wrote itself (a replacement, a changed status or coverage)'),
  status: z.enum(['registered', 'unregistered']).optional().describe('What the sticker said when it was issued (also for an expired one)'),
  colour: z.enum(['green', 'red']).optional().describe('The colour that holds today: absent unless the sticker is valid'),
  statusReason: z.string().optional().describe('Machine-readable reason of the colour (core stickerStatus)'),
  subject: z
    .object({
      kind: z.enum(['employer', 'household']),
      name: z.string().describe('Employer name or household label'),
      villageCode: z.string().optional(),
      villageName: z.string().optional(),
      districtName: z.string().optional(),
      rw: z.number().int().optional(),
      rt: z.number().int().optional(),
    })
    .optional(),
  issuedOn: z.string().optional(),
  validUntil: z.string().optional(),
  serial: z.string().optional(),
  keyId: z.string().optional(),
  registerChecked: z
    .boolean()
    .optional()
    .describe('For a genuine token: whether the register of issued stickers was asked about revocation (false while it cannot be reached: the answer is from the signature alone)'),
  facts: z
    .literal('request')
    .optional()
    .describe('Present when the sticker was printed from the data its printer sent (an administrator’s stand-alone print), not from the monitoring store'),
  howToRegister: z
    .object({ office: z.string().optional(), address: z.string().optional(), hours: z.string().optional(), phone: z.string().optional(), whatsapp: z.string().optional(), website: z.string() })
    .optional()
    .describe('For a valid red sticker: how to register there (the region’s office, set by the city; else BPJS Ketenagakerjaan’s website)'),
});
export type Verification = z.infer<typeof verificationSchema>;

/** `GET /v/:token`'s path and query. */
export const verifyParams = z.object({ token: z.string().max(1024) });
export const verifyQuery = z.object({ lang: z.enum(['id', 'en']).optional() });

/** `GET /v1/keys`'s answer: the public keys as PEM. */
export const signingKeysSchema = z.object({ keys: z.array(z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), pem: z.string() })) });

/** `GET /.well-known/jwks.json`'s answer. */
export const jwksSchema = z.object({ keys: z.array(z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), use: z.literal('sig'), alg: z.literal('EdDSA') })) });

/** `GET /v1/revocations`'s answer. */
export const revocationListSchema = z.object({
  revocations: z.object({ iss: z.string(), ctr: z.number().int(), serials: z.array(z.number().int()), issued: z.string(), nextUpdate: z.string() }),
  jws: z.string(),
});
