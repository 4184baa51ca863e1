import { REGION_LEVELS } from '@cakupan/core/lite';
import { describe, expect, it } from 'vitest';
import { currentLang, setLang, t } from '../i18n.js';
import { VIEWS } from '../route.js';
import { VIEW_REGISTRY, viewShown, viewsFor } from './registry.js';

describe('the view registry', () => {
  it('has every view of the route, and offers the map and the RT grid only where they make sense', () => {
    expect(Object.keys(VIEW_REGISTRY).sort()).toEqual([...VIEWS].sort());
    expect(viewsFor('city')).toEqual(['overview', 'map', 'worklist', 'field', 'quality', 'imports']);
    expect(viewsFor('village')).toEqual(['overview', 'map', 'grid', 'worklist', 'field', 'quality', 'imports']);
    expect(viewsFor('rw')).toEqual(['overview', 'grid', 'worklist', 'field', 'quality', 'imports']);
    expect(viewsFor('rt')).toEqual(['overview', 'worklist', 'quality', 'imports']);
    for (const level of REGION_LEVELS) expect(viewsFor(level)[0]).toBe('overview');
    // the stickering's progress is for who reads the sticker register
    expect(viewsFor('village', ['coverage:read', 'quality:read'])).not.toContain('field');
    expect(viewsFor('village', ['coverage:read', 'stickers:read'])).toContain('field');
    expect(viewShown('field', 'village', ['coverage:read'])).toBe('overview');
  });

  it('shows the overview when the route asks for a view the level lacks', () => {
    expect(viewShown('grid', 'city')).toBe('overview');
    expect(viewShown('grid', 'rw')).toBe('grid');
    expect(viewShown('imports', 'rt')).toBe('imports');
  });

  it('names each tab in both languages', () => {
    const before = currentLang();
    for (const lang of ['id', 'en'] as const) {
      setLang(lang);
      for (const v of VIEWS) expect(t(VIEW_REGISTRY[v].word)).toMatch(/\S/);
    }
    setLang(before);
    expect(new Set(VIEWS.map((v) => VIEW_REGISTRY[v].word)).size).toBe(VIEWS.length);
  });
});
