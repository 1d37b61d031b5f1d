import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { liveEncodeArgs, maskDataUri, maskFilterGraph, maskSegmentArgs, withPrivacyMask } from './mask-args.js';
import { maskPng } from './mask-image.js';
import { crc32, encodeGreyAlphaPng } from './png.js';

const png = Buffer.from('89504e47', 'hex');
const uri = maskDataUri(png);

describe('privacy-mask ffmpeg arguments', () => {
  it('builds the filtergraph: scale the mask to the video, threshold its alpha, overlay it on every frame', () => {
    expect(maskFilterGraph(0, 1)).toBe(
      "[1:v]format=rgba[mask0];[mask0][0:v:0]scale2ref=flags=bilinear[mask1][video];[mask1]lut=a='if(gt(val,0),255,0)'[mask2];[video][mask2]overlay=eof_action=repeat:format=auto,format=yuv420p[masked]",
    );
    expect(() => maskFilterGraph(1, 1)).toThrow(/different/);
    expect(() => maskFilterGraph(-1, 1)).toThrow();
  });

  it('re-encodes a segment from stdin to stdout with the mask as a data: input (nothing on disk)', () => {
    const args = maskSegmentArgs(png);
    expect(args.slice(0, 10)).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-f', 'png_pipe']);
    expect(args[args.indexOf(uri) - 1]).toBe('-i');
    expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 4)).toEqual(['-map', '[masked]', '-c:v', 'libx264']);
    expect(args).toContain('-an');
    expect(args.slice(-5)).toEqual(['-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1']);
  });

  const cameraLive = ['-hide_banner', '-rtsp_transport', 'tcp', '-timeout', '10000000', '-i', 'rtsp://10.0.0.5/stream', '-map', '0:v:0', '-c:v', 'copy', '-an', '-f', 'mp4', 'pipe:1'];
  const demoLive = ['-re', '-f', 'lavfi', '-i', 'testsrc2', '-map', '0:v:0', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-an', 'pipe:1'];
  it.each<[string, string[], string[]]>([
    ['a copied camera stream is encoded instead', cameraLive, [
      '-hide_banner', '-rtsp_transport', 'tcp', '-timeout', '10000000', '-i', 'rtsp://10.0.0.5/stream', '-f', 'png_pipe', '-i', uri,
      '-filter_complex', maskFilterGraph(0, 1), '-map', '[masked]', ...liveEncodeArgs, '-an', '-f', 'mp4', 'pipe:1',
    ]],
    ['an encoded (demo) stream keeps its encoder', demoLive, [
      '-re', '-f', 'lavfi', '-i', 'testsrc2', '-f', 'png_pipe', '-i', uri, '-filter_complex', maskFilterGraph(0, 1), '-map', '[masked]',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-an', 'pipe:1',
    ]],
  ])('live: %s', (_, args, expected) => {
    expect(withPrivacyMask(args, png)).toEqual(expected);
  });

  it.each<[string, string[], RegExp]>([
    ['two inputs', ['-i', 'a', '-i', 'b', '-map', '0:v:0', '-c:v', 'copy'], /exactly one input/],
    ['no video map', ['-i', 'a', '-c:v', 'copy'], /-map 0:v:0/],
    ['no codec', ['-i', 'a', '-map', '0:v:0'], /-c:v/],
  ])('live: refuses arguments it does not understand (%s)', (_, args, error) => {
    expect(() => withPrivacyMask(args, png)).toThrow(error);
  });
});

describe('mask picture (PNG, grey + alpha)', () => {
  function decode(file: Buffer): { width: number; height: number; pixels: Buffer } {
    expect(file.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    let at = 8;
    let width = 0;
    let height = 0;
    const idat: Buffer[] = [];
    while (at < file.length) {
      const length = file.readUInt32BE(at);
      const type = file.subarray(at + 4, at + 8).toString('ascii');
      const data = file.subarray(at + 8, at + 8 + length);
      expect(file.readUInt32BE(at + 8 + length)).toBe(crc32(file.subarray(at + 4, at + 8 + length)));
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        expect([...data.subarray(8)]).toEqual([8, 4, 0, 0, 0]);
      }
      if (type === 'IDAT') idat.push(data);
      at += 12 + length;
    }
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const pixels = Buffer.alloc(width * height * 2);
    for (let row = 0; row < height; row++) {
      expect(raw[row * (width * 2 + 1)]).toBe(0);
      raw.copy(pixels, row * width * 2, row * (width * 2 + 1) + 1, (row + 1) * (width * 2 + 1));
    }
    return { width, height, pixels };
  }

  it('round-trips pixels and has correct chunk CRCs', () => {
    const pixels = Uint8Array.from([0, 255, 10, 0, 20, 128, 30, 255, 40, 0, 50, 255]);
    const { width, height, pixels: back } = decode(encodeGreyAlphaPng(3, 2, pixels));
    expect([width, height]).toEqual([3, 2]);
    expect([...back]).toEqual([...pixels]);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('refuses a wrong size', () => {
    expect(() => encodeGreyAlphaPng(2, 2, new Uint8Array(7))).toThrow(/expected 8 bytes/);
    expect(() => encodeGreyAlphaPng(0, 2, new Uint8Array(0))).toThrow(/positive/);
  });

  it('is opaque black exactly where the polygon covers, transparent elsewhere', () => {
    const { pixels } = decode(maskPng([[{ x: 0.25, y: 0.25 }, { x: 0.75, y: 0.25 }, { x: 0.75, y: 0.75 }, { x: 0.25, y: 0.75 }]], 8, 8));
    const alpha = (x: number, y: number) => pixels[(y * 8 + x) * 2 + 1];
    expect(alpha(2, 2)).toBe(255);
    expect(alpha(5, 5)).toBe(255);
    expect(alpha(1, 1)).toBe(0);
    expect(alpha(6, 6)).toBe(0);
    for (let i = 0; i < 64; i++) expect(pixels[i * 2]).toBe(0);
  });
});
