import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Raster, crc32 } from './png.js';

/** Decodes the PNGs this encoder writes (RGB, filter None) back into chunks and pixels. */
function decode(png: Buffer) {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const chunks: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const pixel = (x: number, y: number) => {
    const i = y * (width * 3 + 1) + 1 + x * 3;
    return [raw[i], raw[i + 1], raw[i + 2]];
  };
  return { types: chunks.map((c) => c.type), width, height, bitDepth: ihdr[8], colourType: ihdr[9], pixel };
}

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('writes a valid RGB PNG whose pixels decode back', () => {
    const r = new Raster(4, 3);
    r.setPixel(1, 2, [10, 20, 30]);
    const png = decode(r.toPng());
    expect(png.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([4, 3, 8, 2]);
    expect(png.pixel(1, 2)).toEqual([10, 20, 30]);
    expect(png.pixel(0, 0)).toEqual([255, 255, 255]);
  });
});
