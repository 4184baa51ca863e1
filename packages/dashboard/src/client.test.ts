import { describe, expect, it } from 'vitest';
import type { Query } from './api.js';
import { cacheKey, createClient } from './client.js';

/** A stub of the API that counts the requests and answers with the path and query it got. */
function stubApi(fail: (path: string) => boolean = () => false) {
  const asked: string[] = [];
  const fetchJson = async <T>(path: string, query?: Query, key?: string): Promise<T> => {
    asked.push(cacheKey(path, query) + (key ? ` key=${key}` : ''));
    if (fail(path)) throw new Error(`${path} failed`);
    return { path, query } as T;
  };
  return { asked, fetchJson };
}

describe('the page’s API client', () => {
  it('asks once for the same answer, whatever the order of the query', async () => {
    const { asked, fetchJson } = stubApi();
    const api = createClient(fetchJson);
    const [a, b] = await Promise.all([api.overview({ region: '32.71', asOf: '2017-12-31' }), api.overview({ asOf: '2017-12-31', region: '32.71' } as never)]);
    expect(a).toBe(b);
    await api.overview({ region: '32.71', asOf: '2017-11-30' });
    expect(asked).toEqual(['/v1/overview?asOf=2017-12-31&region=32.71', '/v1/overview?asOf=2017-11-30&region=32.71']);
  });

  it('sends each route its own path and query', async () => {
    const { asked, fetchJson } = stubApi();
    const api = createClient(fetchJson);
    await api.series({ region: '32.71', from: '2016-01-01', to: '2017-12-31' });
    await api.coverage({ asOf: '2017-12-31', level: 'rt', parent: '32.71.01.1001' });
    await api.employers({ region: '32.71', status: 'unregistered', limit: 500 });
    await api.imports();
    await api.quality({ region: '32.71', asOf: '2017-12-31' });
    await api.region('32.71.01');
    expect(asked).toEqual([
      '/v1/coverage/series?from=2016-01-01&region=32.71&to=2017-12-31',
      '/v1/coverage?asOf=2017-12-31&level=rt&parent=32.71.01.1001',
      '/v1/employers?limit=500&region=32.71&status=unregistered',
      '/v1/imports?',
      '/v1/quality?asOf=2017-12-31&region=32.71',
      '/v1/regions/32.71.01?',
    ]);
  });

  it('forgets every answer when told the data changed', async () => {
    const { asked, fetchJson } = stubApi();
    const api = createClient(fetchJson);
    await api.imports();
    api.invalidate();
    await api.imports();
    expect(asked).toHaveLength(2);
  });

  it('never keeps a failure: the next call asks again', async () => {
    let down = true;
    const { asked, fetchJson } = stubApi(() => down);
    const api = createClient(fetchJson);
    await expect(api.quality({ region: '32.71', asOf: '2017-12-31' })).rejects.toThrow(/failed/);
    down = false;
    await expect(api.quality({ region: '32.71', asOf: '2017-12-31' })).resolves.toMatchObject({ path: '/v1/quality' });
    expect(asked).toHaveLength(2);
  });

  it('keeps at most `size` answers, dropping the least recently used', async () => {
    const { asked, fetchJson } = stubApi();
    const api = createClient(fetchJson, 2);
    await api.region('32');
    await api.region('32.71');
    await api.region('32'); // used again: 32.71 is now the oldest
    await api.region('32.71.01'); // drops 32.71
    await api.region('32');
    await api.region('32.71');
    expect(asked).toEqual(['/v1/regions/32?', '/v1/regions/32.71?', '/v1/regions/32.71.01?', '/v1/regions/32.71?']);
  });

  it('never keeps the answer for a key being tried at sign-in', async () => {
    const { asked, fetchJson } = stubApi();
    const api = createClient(fetchJson);
    await api.me('trial');
    await api.me('trial');
    expect(asked).toEqual(['/v1/me? key=trial', '/v1/me? key=trial']);
  });

  it('refuses a cache size that is not a positive integer', () => {
    expect(() => createClient(stubApi().fetchJson, 0)).toThrow(RangeError);
  });
});
