import { crc32, inflateSync } from 'node:zlib';

export interface BlackAndWhiteImage {
  width: number;
  height: number;
  dark(x: number, y: number): boolean;
}

/**
 * Reads a 1-bit greyscale, unfiltered, non-interlaced PNG data URL (the shape the QR codes are
 * drawn in), checking the signature and every chunk's CRC as a viewer would.
 */
export function decodeQrPng(dataUrl: string): BlackAndWhiteImage {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  const chunks = new Map<string, Buffer[]>();
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    if (crc32(typeAndData) !== png.readUInt32BE(at + 8 + length)) throw new Error('a chunk fails its CRC');
    const type = typeAndData.subarray(0, 4).toString('latin1');
    chunks.set(type, [...(chunks.get(type) ?? []), typeAndData.subarray(4)]);
    at += 12 + length;
  }
  const header = chunks.get('IHDR')![0]!;
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  if (![...header.subarray(8)].every((value, i) => value === [1, 0, 0, 0, 0][i])) throw new Error('not 1-bit greyscale');
  if (!chunks.has('IEND')) throw new Error('no IEND');
  const pixels = inflateSync(Buffer.concat(chunks.get('IDAT')!));
  const rowBytes = 1 + Math.ceil(width / 8);
  if (pixels.length !== rowBytes * height) throw new Error('wrong amount of pixel data');
  for (let y = 0; y < height; y++) if (pixels[y * rowBytes] !== 0) throw new Error('a row is filtered');
  return {
    width,
    height,
    dark: (x, y) => (pixels[y * rowBytes + 1 + (x >> 3)]! & (0x80 >> (x & 7))) === 0,
  };
}
