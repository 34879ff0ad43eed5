/** Reads a PNG's size and RGBA pixels (8-bit RGB or RGBA, not interlaced): enough for our art. */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  /** Alpha of the pixel at (x, y), 0–255 (255 for an RGB image). */
  alpha(x: number, y: number): number;
}

export function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

export function readPng(path: string): Png {
  const b = readFileSync(path);
  const { width, height } = pngSize(path);
  const colorType = b[25]!;
  if (b[24] !== 8 || (colorType !== 6 && colorType !== 2) || b[28] !== 0)
    throw new Error(`${path}: only 8-bit RGB(A) PNGs, not interlaced`);
  const channels = colorType === 6 ? 4 : 3;
  const chunks: Buffer[] = [];
  for (let at = 8; at < b.length;) {
    const len = b.readUInt32BE(at);
    if (b.toString('latin1', at + 4, at + 8) === 'IDAT')
      chunks.push(b.subarray(at + 8, at + 8 + len));
    at += len + 12;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= channels ? px[y * stride + i - channels]! : 0;
      const up = y > 0 ? px[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? px[(y - 1) * stride + i - channels]! : 0;
      const p = a + up - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - up), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      const add = [0, a, up, (a + up) >> 1, paeth][filter];
      if (add === undefined) throw new Error(`${path}: unknown filter ${filter}`);
      px[y * stride + i] = (x + add) & 0xff;
    }
  }
  return {
    width,
    height,
    alpha: (x, y) => (channels === 4 ? px[y * stride + x * 4 + 3]! : 255),
  };
}
