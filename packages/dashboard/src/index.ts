/**
 * Where the built dashboard is, for the service that serves it: `DASHBOARD_DIR` holds
 * `index.html`, `app.js`, `styles.css` and `data/` (the village boundaries with their licence).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built dashboard's folder (`dist/www` of this package). */
export const DASHBOARD_DIR = join(dirname(fileURLToPath(import.meta.url)), 'www');
