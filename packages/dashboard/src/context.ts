/** What every view is given: where the reader is, who they are, and how to move. */
import type { Client } from './client.js';
import type { Route } from './route.js';
import type { Me } from './types.js';

export interface ViewContext {
  route: Route;
  /** The region shown (the route's, else the key's home). */
  region: string;
  /** The date shown (the route's, else the date the data reach). */
  asOf: string;
  me: Me;
  /** The typed API client, with its kept answers. */
  api: Client;
  /** A link to the route changed by `change`. */
  link: (change: Partial<Route>) => string;
  /** Keeps a change in the URL without a new history entry or a new render (sorting, searching). */
  remember: (change: Partial<Route>) => void;
  /** Tells the reader (screen readers too) what happened. */
  announce: (message: string) => void;
  /** Reads everything again (after an import changed the data). */
  refresh: () => void;
}
