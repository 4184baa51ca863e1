/**
 * Ed25519 signing keys for sticker tokens, with key ids so keys can rotate: a token names the key
 * that signed it, and the service keeps the public keys of retired keys to verify old stickers.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The keys a service signs and verifies with. */
export interface KeyRing {
  /** Id of the signing key: 4 bytes, the start of SHA-256 of its raw public key. */
  readonly signingKeyId: Buffer;
  /** The signing key as PKCS#8 PEM, to hand to a worker thread of this process. Never log or send it. */
  readonly signingKeyPem: string;
  /** The verification-only public keys as PEM. */
  readonly verifyOnlyPems: readonly string[];
  sign(data: Uint8Array): Buffer;
  /** Verifies with the key of `keyId`; `undefined` when the key id is unknown. */
  verify(keyId: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean | undefined;
  /** Public keys by hex key id, as PEM (safe to publish for offline verifiers). */
  publicKeys(): { keyId: string; algorithm: 'Ed25519'; pem: string }[];
  /**
   * The public keys as a JWK Set (RFC 7517; Ed25519 as OKP, RFC 8037), `kid` = hex key id: the
   * signing key first, then the retired ones that still verify older stickers.
   */
  jwks(): { keys: Ed25519Jwk[] };
  /** A compact JWS (RFC 7515, `alg: EdDSA`, `kid`) of `payload` as JSON, signed with the signing key. */
  signJws(payload: unknown): string;
}

/** An Ed25519 public key as a JWK. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

/** The key id of an Ed25519 public key. */
export function keyIdOf(publicKey: KeyObject): Buffer {
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(raw).digest().subarray(0, 4);
}

/**
 * Builds a key ring from a private key (PEM) and any number of extra public keys (PEM) that still
 * verify older stickers.
 *
 * @throws {TypeError} when a key is not an Ed25519 key
 */
export function createKeyRing(privateKeyPem: string, verifyOnlyPems: readonly string[] = []): KeyRing {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('the signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const signingKeyId = keyIdOf(publicKey);
  const byId = new Map<string, KeyObject>([[signingKeyId.toString('hex'), publicKey]]);
  for (const pem of verifyOnlyPems) {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('verification keys must be Ed25519 public keys');
    byId.set(keyIdOf(key).toString('hex'), key);
  }
  return {
    signingKeyId,
    signingKeyPem: privateKeyPem,
    verifyOnlyPems: [...verifyOnlyPems],
    sign: (data) => sign(null, data, privateKey),
    verify: (keyId, data, signature) => {
      const key = byId.get(Buffer.from(keyId).toString('hex'));
      return key === undefined ? undefined : verify(null, data, key, signature);
    },
    publicKeys: () =>
      [...byId.entries()].map(([keyId, key]) => ({ keyId, algorithm: 'Ed25519' as const, pem: key.export({ format: 'pem', type: 'spki' }).toString() })),
    jwks: () => ({
      keys: [...byId.entries()].map(([kid, key]) => ({ kty: 'OKP' as const, crv: 'Ed25519' as const, x: key.export({ format: 'jwk' }).x!, kid, use: 'sig' as const, alg: 'EdDSA' as const })),
    }),
    signJws: (payload) => {
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${part({ alg: 'EdDSA', kid: signingKeyId.toString('hex') })}.${part(payload)}`;
      return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
    },
  };
}

/** A new Ed25519 private key as PEM. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * Loads the signing key: from `keyFile` when given; else `<dataDir>/signing-key.pem`, created on
 * first use (a development convenience: production configures keys explicitly). Public keys in
 * `<dataDir>/verify-keys/*.pem` are added for verification only (retired keys).
 *
 * @returns the key ring and whether a new key was created
 */
export function loadKeyRing(options: { dataDir: string; keyFile?: string | undefined; create: boolean }): { keyRing: KeyRing; created: boolean } {
  let pem: string;
  let created = false;
  if (options.keyFile) {
    pem = readFileSync(options.keyFile, 'utf8');
  } else {
    const file = join(options.dataDir, 'signing-key.pem');
    if (existsSync(file)) pem = readFileSync(file, 'utf8');
    else if (options.create) {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      pem = generateSigningKeyPem();
      writeFileSync(file, pem, { mode: 0o600 });
      created = true;
    } else {
      throw new Error(`no signing key: set SIGNING_KEY_FILE or put one at ${file}`);
    }
  }
  const verifyDir = join(options.dataDir, 'verify-keys');
  const extra = existsSync(verifyDir)
    ? readdirSync(verifyDir).filter((f) => f.endsWith('.pem')).map((f) => readFileSync(join(verifyDir, f), 'utf8'))
    : [];
  return { keyRing: createKeyRing(pem, extra), created };
}
