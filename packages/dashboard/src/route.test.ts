import { describe, expect, it } from 'vitest';
import { formatRoute, linkTo, parseRoute } from './route.js';

describe('the route in the URL', () => {
  it('reads region, date, view, target, sort and search, and writes them back', () => {
    const hash = '#region=32.71.01.1001&asOf=2017-12-31&view=grid&target=40&sort=ratio%3Adesc&q=batu';
    const route = parseRoute(hash);
    expect(route).toEqual({ region: '32.71.01.1001', asOf: '2017-12-31', view: 'grid', target: 40, sort: 'ratio:desc', q: 'batu' });
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('leaves out what is malformed rather than guessing', () => {
    expect(parseRoute('#region=32.7&asOf=31-12-2017&view=admin&target=140')).toEqual({ region: null, asOf: null, view: 'overview', target: null, sort: null, q: '' });
    expect(parseRoute('#region=3271011001').region).toBe('32.71.01.1001');
    expect(parseRoute('#region=3201').region).toBe('32.01');
    expect(parseRoute('#region=3271011001003005').region).toBe('32.71.01.1001.003.005');
    expect(parseRoute('#region=32710110').region).toBeNull();
    expect(parseRoute('')).toEqual({ region: null, asOf: null, view: 'overview', target: null, sort: null, q: '' });
  });

  it('writes no default into the URL', () => {
    expect(formatRoute({ region: '32.71', view: 'overview', target: null, q: '' })).toBe('#region=32.71');
  });

  it('resets the sort and search on a move to another region, and keeps the worklist, quality or imports tab', () => {
    const here = parseRoute('#region=32.71&view=worklist&sort=name&q=maju');
    expect(parseRoute(linkTo(here, { region: '32.71.01' }))).toMatchObject({ region: '32.71.01', view: 'worklist', sort: null, q: '' });
    const onMap = parseRoute('#region=32.71&view=map&sort=name');
    expect(parseRoute(linkTo(onMap, { region: '32.71.01' }))).toMatchObject({ view: 'overview', sort: null });
    expect(parseRoute(linkTo(onMap, { asOf: '2017-06-30' }))).toMatchObject({ region: '32.71', view: 'map', sort: 'name', asOf: '2017-06-30' });
  });
});
