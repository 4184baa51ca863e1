/**
 * The region hierarchy's levels: province (provinsi), city or regency (kota/kabupaten), district
 * (kecamatan), village (kelurahan/desa), RW and RT.
 */

/** The levels of the region hierarchy, from the largest to the smallest. */
export const REGION_LEVELS = ['province', 'city', 'district', 'village', 'rw', 'rt'] as const;
/** A level of the region hierarchy. */
export type RegionLevel = (typeof REGION_LEVELS)[number];
