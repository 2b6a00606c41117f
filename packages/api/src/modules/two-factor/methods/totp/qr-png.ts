import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/** Light modules around the code, as the QR standard asks, so a scanner finds its edges. */
const QUIET_MODULES = 2;
/** Sharp on a screen of twice the density at the panel's 200 CSS pixels. */
const TARGET_PIXELS = 400;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A QR code as a black-and-white PNG data URL. qrcode builds the matrix; the PNG is written here,
 * one bit per pixel, rows unfiltered, squeezed by zlib: qrcode's own PNG renderer tries every
 * filter on every byte in JavaScript (20–40 ms of the event loop per set-up, a second under Jest),
 * where this takes about a millisecond.
 */
export function qrCodePngDataUrl(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * QUIET_MODULES;
  const scale = Math.ceil(TARGET_PIXELS / side);
  const width = side * scale;
  const rowBytes = 1 + Math.ceil(width / 8);
  // 1 bits are white; each row starts with its filter byte, 0 (none). The pixel rows of one module row are alike.
  const pixels = Buffer.alloc(rowBytes * width, 0xff);
  for (let row = -QUIET_MODULES; row < modules.size + QUIET_MODULES; row++) {
    const first = (row + QUIET_MODULES) * scale * rowBytes;
    pixels[first] = 0;
    for (let column = 0; row >= 0 && row < modules.size && column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      for (let x = (column + QUIET_MODULES) * scale, end = x + scale; x < end; x++) pixels[first + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
    for (let copy = 1; copy < scale; copy++) pixels.copy(pixels, first + copy * rowBytes, first, first + rowBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filtering method, no interlace
  const png = Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}
