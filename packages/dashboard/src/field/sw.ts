/**
 * The field app's service worker (Workbox): the app's own files — page, script, styles, the QR
 * decoder's WebAssembly — are cached when it installs and served from the cache when the phone is
 * offline (from the network first when it is online, so that a new version arrives). The API is
 * never cached here: the delivery list (personal data) is kept by the app in IndexedDB, deleted at
 * sign-out.
 */
/// <reference lib="webworker" />
import { warmStrategyCache } from 'workbox-recipes';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope;

const SHELL = ['./', 'app.js', 'field.css', 'manifest.webmanifest', 'icon.svg', 'zxing_reader.wasm'];
const scope = new URL(self.registration.scope);
const shell = new NetworkFirst({ cacheName: 'cakupan-lapangan-shell', networkTimeoutSeconds: 4 });

registerRoute(({ url, request }) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname) && request.method === 'GET', shell);
warmStrategyCache({ urls: SHELL.map((path) => new URL(path, scope).href), strategy: shell });

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
