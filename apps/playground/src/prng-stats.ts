// The PRNG page's computations, pure (no DOM): the first outputs, the byte histogram, the bit-position
// counts, and the whole report the page's worker sends back. The battery's stream is drawn exactly as
// `rnglab quality` draws it (apps/bench/src/commands/quality.ts): by default the outputs' own bits
// (`outputBitsStream`), with `register` the 32-bit words as my_rng's RNG register delivers them.

import { outputBitsStream } from "@rng/lab";
import { findPrng, parseSeed, runBattery, streamFor, type PrngFactory, type TestResult } from "@rng/prngs";

/** How many outputs the page lists. */
export const FIRST_OUTPUTS = 16;
/** Bytes drawn as the bitmap: 8 KiB = 65536 bits = 256 × 256 pixels. */
export const BITMAP_BYTES = 8192;
/** The stream lengths the CLI accepts (`rnglab quality --bytes`). */
export const MIN_BYTES = 128;
export const MAX_BYTES = 64 * 2 ** 20;

/** What the page asks the worker for (the page's settings). */
export interface PrngRequest {
  readonly gen: string;
  readonly seed: string;
  readonly bytes: number;
  readonly register: boolean;
}

/** The worker's answer to a valid request. */
export interface PrngReport {
  /** The generator's canonical name (the request may use an alias). */
  readonly gen: string;
  /** The seed, in decimal. */
  readonly seed: string;
  readonly bytes: number;
  readonly register: boolean;
  /** Bits per output that the default view tests (`info.outputBits`). */
  readonly outputBits: number;
  /** The first outputs, whole (wordBits wide), in decimal. */
  readonly outputs: string[];
  /** The first `BITMAP_BYTES` bytes (fewer if the stream is shorter) of the tested stream. */
  readonly bitmapBytes: Uint8Array;
  /** How often each byte value 0..255 occurs in the tested stream (sums to `bytes`). */
  readonly byteCounts: number[];
  /** How many of the generator's 32-bit words (as the register delivers them) have bit k set, k = 0..31. */
  readonly bitOnes: number[];
  /** How many 32-bit words `bitOnes` counted. */
  readonly words: number;
  /** The quality battery over the tested stream. */
  readonly battery: TestResult[];
  /** Host milliseconds the computation took. */
  readonly ms: number;
}

/** Which setting an error is about, so the page can mark that control. */
export type PrngErrorField = "gen" | "seed" | "bytes";

export interface PrngError {
  readonly error: string;
  readonly field?: PrngErrorField;
}

export type PrngReply = PrngReport | PrngError;

export function isPrngError(reply: PrngReply): reply is PrngError {
  return "error" in reply;
}

/** The first `count` whole outputs of `factory` seeded with `seed`, in decimal. */
export function firstOutputs(factory: PrngFactory, seed: bigint, count: number = FIRST_OUTPUTS): string[] {
  const prng = factory.create(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(prng.nextOutput().toString());
  return out;
}

/** How often each byte value 0..255 occurs in `stream` (256 counts summing to stream.length). */
export function byteCounts(stream: Uint8Array): number[] {
  const counts = new Uint32Array(256);
  for (let i = 0; i < stream.length; i++) counts[stream[i]]++;
  return Array.from(counts);
}

/**
 * Reads `stream` as little-endian 32-bit words (the device's byte order; a trailing partial word is
 * dropped) and counts, for each bit position k = 0 (least significant) … 31, the words that have it set.
 */
export function bitPositionCounts(stream: Uint8Array): { bitOnes: number[]; words: number } {
  const words = Math.floor(stream.length / 4);
  const ones = new Uint32Array(32);
  for (let i = 0; i < words; i++) {
    const o = i * 4;
    let w = (stream[o] | (stream[o + 1] << 8) | (stream[o + 2] << 16) | (stream[o + 3] << 24)) >>> 0;
    for (let k = 0; w !== 0; k++, w >>>= 1) ones[k] += w & 1;
  }
  return { bitOnes: Array.from(ones), words };
}

/**
 * The generator, seed and length of a request, or why they are not valid (the CLI's rules: a known
 * name or alias, a decimal or 0x-hex seed the generator accepts, 128 … 64 MiB bytes).
 */
export function checkPrngRequest(req: PrngRequest): { factory: PrngFactory; seed: bigint; bytes: number } | PrngError {
  const factory = findPrng(String(req.gen));
  if (!factory) return { error: `unknown generator '${req.gen}'`, field: "gen" };
  const seedText = String(req.seed).trim();
  const seed = parseSeed(seedText);
  if (seed === undefined) return { error: `invalid seed '${seedText}': give a decimal or 0x-hex integer`, field: "seed" };
  const why = factory.checkSeed(seed);
  if (why) return { error: why, field: "seed" };
  const bytes = req.bytes;
  if (!Number.isInteger(bytes) || bytes < MIN_BYTES || bytes > MAX_BYTES) {
    return { error: `bytes must be an integer in ${MIN_BYTES} … ${MAX_BYTES}, not ${bytes}`, field: "bytes" };
  }
  return { factory, seed, bytes };
}

/**
 * Everything the page shows for one request, or an error (never throws). The tested stream (bitmap,
 * byte histogram, battery) is the outputs' own bits, or with `register` the register's 32-bit words;
 * the bit-position counts are always over the register's words, where glibc rand's bit 31 is always 0.
 */
export function computePrngReport(req: PrngRequest, now: () => number = () => performance.now()): PrngReply {
  const t0 = now();
  try {
    const checked = checkPrngRequest(req);
    if ("error" in checked) return checked;
    const { factory, seed, bytes } = checked;
    const register = Boolean(req.register);
    const words = streamFor(factory.create(seed), bytes, { register: true });
    const tested = register ? words : outputBitsStream(factory.create(seed), bytes);
    const battery = runBattery(tested);
    const { bitOnes, words: wordCount } = bitPositionCounts(words);
    return {
      gen: factory.info.name,
      seed: seed.toString(),
      bytes,
      register,
      outputBits: factory.info.outputBits,
      outputs: firstOutputs(factory, seed),
      bitmapBytes: tested.slice(0, BITMAP_BYTES),
      byteCounts: byteCounts(tested),
      bitOnes,
      words: wordCount,
      battery,
      ms: now() - t0,
    };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

