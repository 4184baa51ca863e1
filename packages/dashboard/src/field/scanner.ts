/**
 * Reading a sticker's QR code with the phone's camera: the browser's own `BarcodeDetector` where it
 * has one that reads QR codes (Chrome on Android, Safari), else the `barcode-detector` ponyfill (ZXing
 * compiled to WebAssembly, loaded from this service — never a CDN — only when needed).
 */

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

let detector: Promise<Detector> | undefined;

/** The QR decoder: native where the browser has one, else the ponyfill (its `.wasm` beside this script). */
function qrDetector(): Promise<Detector> {
  detector ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
    if (native && (await native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) return new native({ formats: ['qr_code'] });
    const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
    const wasm = new URL('zxing_reader.wasm', document.baseURI).href;
    prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm : prefix + path) } });
    return new BarcodeDetector({ formats: ['qr_code'] }) as unknown as Detector;
  })();
  return detector;
}

/** A running scan: stop it to release the camera. */
export interface Scan {
  stop(): void;
}

/**
 * Shows the back camera in `video` and calls `onCode` with each QR code's text it reads (the same
 * code once until another is seen). Rejects when the camera cannot be opened (refused, none).
 */
export async function startScan(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scan> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } }, audio: false });
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play();
  const decode = await qrDetector();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  let running = true;
  let last = '';
  const tick = async () => {
    if (!running) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      try {
        const [code] = await decode.detect(canvas);
        if (code && code.rawValue !== last) {
          last = code.rawValue;
          onCode(code.rawValue);
        }
      } catch {
        // a frame the decoder could not read: the next one
      }
    }
    if (running) setTimeout(() => void tick(), 150);
  };
  void tick();
  return {
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
