/**
 * Draws the kiosk's app icons (public/icon-*.png) from the same shapes as public/favicon.svg:
 * a white microphone on the header's green. Rasterised here with an antialiased coverage
 * test and written as PNG with zlib, so no image tool is needed. `npm run make:icons`.
 */

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GREEN = [0x0b, 0x6e, 0x4f];
const WHITE = [0xff, 0xff, 0xff];

/** Is the point (in a 0–100 design square) inside the microphone glyph? */
function inGlyph(x: number, y: number): boolean {
  // The head: a capsule, every point within 11 of the segment from (50,22) to (50,52).
  if (Math.hypot(x - 50, y - Math.min(Math.max(y, 22), 52)) <= 11) return true;
  // The cradle: a U of stroke 5 around the head.
  const r = Math.hypot(x - 50, y - 50);
  if (y >= 50 && r >= 17.5 && r <= 22.5) return true;
  if (y < 50 && y >= 40 && Math.abs(Math.abs(x - 50) - 20) <= 2.5) return true;
  // Stem and base.
  if (Math.abs(x - 50) <= 2.5 && y >= 72 && y <= 80) return true;
  if (Math.abs(x - 50) <= 12 && y >= 78 && y <= 83) return true;
  return false;
}

/** Inside the rounded background square (radius 22), or the whole square for a maskable icon. */
function inBackground(x: number, y: number, maskable: boolean): boolean {
  if (maskable) return true;
  const r = 22;
  const cx = Math.min(Math.max(x, r), 100 - r);
  const cy = Math.min(Math.max(y, r), 100 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function drawIcon(size: number, maskable: boolean): Buffer {
  // A maskable icon keeps its glyph inside the central 80 % safe zone.
  const glyphScale = maskable ? 0.7 : 1;
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px += 1) {
      let background = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = ((px + (sx + 0.5) / samples) / size) * 100;
          const y = ((py + (sy + 0.5) / samples) / size) * 100;
          if (!inBackground(x, y, maskable)) continue;
          background += 1;
          if (inGlyph(50 + (x - 50) / glyphScale, 50 + (y - 50) / glyphScale)) glyph += 1;
        }
      }
      const total = samples * samples;
      const mix = background > 0 ? glyph / background : 0;
      const offset = 1 + px * 4;
      for (let c = 0; c < 3; c += 1) row[offset + c] = Math.round(GREEN[c]! * (1 - mix) + WHITE[c]! * mix);
      row[offset + 3] = Math.round((background / total) * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-maskable-512.png', 512, true],
    ['apple-touch-icon.png', 180, true],
    ['favicon-32.png', 32, false],
  ] as const) {
    writeFileSync(`public/${name}`, drawIcon(size, maskable));
    console.log(`public/${name}`);
  }
}
