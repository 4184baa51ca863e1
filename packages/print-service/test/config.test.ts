import { loadKeyRing } from '@cakupan/print';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'cakupan-config-'));

describe('loadConfig', () => {
  it('runs on embedded defaults, creating and keeping a development API key', () => {
    const d = dir();
    const a = loadConfig({ DATA_DIR: d });
    expect(a).toMatchObject({ port: 3000, host: '127.0.0.1', publicBaseUrl: 'http://127.0.0.1:3000', env: 'development' });
    expect(a.devApiKey).toMatch(/^dev-/);
    expect(readFileSync(join(d, 'dev-api-key'), 'utf8').trim()).toBe(a.devApiKey);
    expect(loadConfig({ DATA_DIR: d }).apiKeys).toEqual([a.devApiKey]);
  });

  it('reads the environment', () => {
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', API_KEYS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb', PUBLIC_BASE_URL: 'https://cakupan.example.go.id/', DATA_DIR: dir() });
    expect(c).toMatchObject({ port: 8080, apiKeys: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'], publicBaseUrl: 'https://cakupan.example.go.id', devApiKey: undefined });
  });

  it('reads a label before a key, and labels an unnamed key by a fingerprint of it', () => {
    const c = loadConfig({ API_KEYS: 'disnaker:cccccccccccccccc,dddddddddddddddd', DATA_DIR: dir() });
    expect(c.apiKeys).toEqual(['cccccccccccccccc', 'dddddddddddddddd']);
    expect(c.apiKeyLabels.get('cccccccccccccccc')).toBe('disnaker');
    expect(c.apiKeyLabels.get('dddddddddddddddd')).toMatch(/^key-[0-9a-f]{8}$/);
    expect(c.apiKeyLabels.get('dddddddddddddddd')).not.toContain('dddd');
    expect(() => loadConfig({ API_KEYS: 'disnaker:short', DATA_DIR: dir() })).toThrow(/16 characters/);
  });

  it('lists every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'ftp://x', TIME_ZONE: 'Mars/Olympus' })).toThrow(/PORT.*PUBLIC_BASE_URL.*TIME_ZONE/);
    expect(() => loadConfig({ API_KEYS: 'short', DATA_DIR: dir() })).toThrow(/16 characters/);
  });

  it('refuses to start in production without explicit keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir() })).toThrow(/API_KEYS, SIGNING_KEY_FILE, PUBLIC_BASE_URL/);
  });
});

describe('loadKeyRing', () => {
  it('creates a development signing key once and keeps it', () => {
    const d = dir();
    const first = loadKeyRing({ dataDir: d, create: true });
    expect(first.created).toBe(true);
    expect(existsSync(join(d, 'signing-key.pem'))).toBe(true);
    const again = loadKeyRing({ dataDir: d, create: true });
    expect(again.created).toBe(false);
    expect(again.keyRing.signingKeyId).toEqual(first.keyRing.signingKeyId);
    expect(() => loadKeyRing({ dataDir: dir(), create: false })).toThrow(/no signing key/);
  });
});

