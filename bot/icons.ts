import { deflateSync } from 'node:zlib';

/**
 * The two icons a Teams app package needs, drawn here so the package has no binary files to
 * keep in step: a 192×192 colour icon and a 32×32 white outline on transparency.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons
 */

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels (row by row) as an 8-bit truecolour-with-alpha PNG. */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, filter 0, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Reads width and height from a PNG's header (for checks). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png);
  if (view.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('not a PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

/** Whether a point (in 0..1 units) is on the padlock, and whether it is in its keyhole. */
function padlock(x: number, y: number): 'lock' | 'hole' | 'none' {
  const inRoundRect = (x0: number, y0: number, x1: number, y1: number, r: number) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const body = inRoundRect(0.24, 0.44, 0.76, 0.82, 0.07);
  if (body) {
    const inHoleTop = (x - 0.5) ** 2 + (y - 0.59) ** 2 <= 0.055 ** 2;
    const inHoleSlot = x >= 0.475 && x <= 0.525 && y >= 0.59 && y <= 0.72;
    return inHoleTop || inHoleSlot ? 'hole' : 'lock';
  }
  const d = Math.hypot(x - 0.5, y - 0.44);
  const shackle = y <= 0.44 && d >= 0.12 && d <= 0.185;
  return shackle ? 'lock' : 'none';
}

/** Renders the padlock with 4×4 supersampling so small sizes stay smooth. */
function draw(
  size: number,
  colours: { background: Rgba; lock: Rgba; hole: Rgba },
  margin: number,
): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (px + (sx + 0.5) / samples) / size;
          const v = (py + (sy + 0.5) / samples) / size;
          // Shrink the drawing into the margin Teams keeps free around a glyph.
          const part = padlock((u - margin) / (1 - 2 * margin), (v - margin) / (1 - 2 * margin));
          const c =
            part === 'lock' ? colours.lock : part === 'hole' ? colours.hole : colours.background;
          // Premultiplied sums, so transparent samples do not darken the edges.
          acc[0]! += c[0] * c[3];
          acc[1]! += c[1] * c[3];
          acc[2]! += c[2] * c[3];
          acc[3]! += c[3];
        }
      }
      const alpha = acc[3]! / (samples * samples);
      const o = (py * size + px) * 4;
      pixels[o] = alpha ? Math.round(acc[0]! / acc[3]!) : 0;
      pixels[o + 1] = alpha ? Math.round(acc[1]! / acc[3]!) : 0;
      pixels[o + 2] = alpha ? Math.round(acc[2]! / acc[3]!) : 0;
      pixels[o + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

function hexToRgba(hex: string): Rgba {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, 255];
}

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** 192×192, full colour: a white padlock on the accent colour. */
export function colorIcon(accent: string): Buffer {
  const background = hexToRgba(accent);
  return encodePng(192, 192, draw(192, { background, lock: WHITE, hole: background }, 0.12));
}

/** 32×32, white on transparent, as Teams requires for the outline icon. */
export function outlineIcon(): Buffer {
  return encodePng(32, 32, draw(32, { background: CLEAR, lock: WHITE, hole: CLEAR }, 0.04));
}
