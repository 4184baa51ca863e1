import { describe, expect, it } from 'vitest';
import { isStorageFull, isStoreUnavailable, StoreUnavailableError } from './unavailable.js';

const error = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

describe('isStoreUnavailable', () => {
  it('is true of what a database restarting, unreachable or too slow says', () => {
    for (const e of [
      new StoreUnavailableError('restarting', 1),
      error({ code: '57P01' }, 'terminating connection due to administrator command'),
      error({ code: '57P03' }, 'the database system is starting up'),
      error({ code: '08006' }),
      error({ code: '57014' }, 'canceling statement due to statement timeout'),
      error({ code: 'ECONNREFUSED', syscall: 'connect' }),
      error({ code: 'ENOENT', syscall: 'connect', address: '/tmp/pg/.s.PGSQL.5432' }),
      error({}, 'Connection terminated unexpectedly'),
      error({}, 'Query read timeout'),
    ]) {
      expect(isStoreUnavailable(e), e.message).toBe(true);
    }
  });

  it('is false of the caller’s mistakes and of other files that are missing', () => {
    for (const e of [error({ code: '23505' }, 'duplicate key'), error({ code: '42P01' }), error({ code: 'ENOENT', syscall: 'open' }), new Error('no import 3'), null, undefined]) {
      expect(isStoreUnavailable(e)).toBe(false);
    }
  });
});

describe('isStorageFull', () => {
  it('is true of a full disk, a quota and a read-only folder, and false of the rest', () => {
    expect([error({ code: '53100' }), error({ code: 'ENOSPC' }), error({ code: 'EDQUOT' }), error({ code: 'EROFS' }), error({}, 'could not extend file "base/5/1": No space left on device')].every(isStorageFull)).toBe(true);
    expect([error({ code: 'ENOENT' }), error({ code: '57P01' }), null].some(isStorageFull)).toBe(false);
  });
});
