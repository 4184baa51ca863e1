// Worker thread entry: prepares stickers (QR codes, signatures) for the main thread to draw.
import { parentPort, workerData } from 'node:worker_threads';
import { serveWorker, type WorkerJob } from './preparer.js';

if (parentPort) serveWorker(parentPort, workerData as WorkerJob);
