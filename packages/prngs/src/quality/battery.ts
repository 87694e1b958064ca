// The battery: every test of this folder over one stream, and the helper that draws a stream from a Prng.

import type { Prng } from "../prng.js";
import { birthdaySpacingsTest, type BirthdaySpacingsOptions } from "./birthday.js";
import { bitsFromBytes, bitsFromWords, bytesToWordsLE, wordsToBytesLE } from "./bits.js";
import { byteChiSquareTest } from "./byte-chi-square.js";
import { blockFrequencyTest, frequencyTest, longestRunOfOnesTest, runsTest } from "./nist-basic.js";
import { approximateEntropyTest, cumulativeSumsTest, serialTest } from "./nist-patterns.js";
import { ALPHA, type TestResult } from "./result.js";

export interface BatteryOptions {
  /** Significance level (default 0.01). */
  readonly alpha?: number;
  /** Block frequency M (default 128, NIST's suggestion M ≥ 20, M > 0.01n). */
  readonly blockFrequencyM?: number;
  /** Serial test m (default min(16, ⌊log₂ n⌋ − 3), so m < ⌊log₂ n⌋ − 2 as NIST asks). */
  readonly serialM?: number;
  /** Approximate entropy m (default min(10, ⌊log₂ n⌋ − 6), so m < ⌊log₂ n⌋ − 5). */
  readonly approximateEntropyM?: number;
  /**
   * Birthday spacings options, or false to skip it. Default: m = 512, n = 2^24, bits 1–24, as many
   * repetitions as the words allow, at most 500 (diehard's count); skipped when fewer than 20 fit.
   */
  readonly birthday?: BirthdaySpacingsOptions | false;
}

/**
 * Runs every test over one stream and returns their results in this order: frequency, block-frequency,
 * runs, longest-run, serial, approximate-entropy, cumulative-sums, byte-chi-square, birthday-spacings.
 *
 * `input`: 32-bit words (a Uint32Array) or bytes (a Uint8Array). The NIST tests see the bits most
 * significant first within each word (for words) or each byte (for bytes); the byte chi-square sees the
 * words' 4 little-endian bytes (or the bytes); birthday spacings sees the words (or the bytes read back as
 * little-endian words). A stream of words and its little-endian bytes give the same byte and word views.
 */
export function runBattery(input: Uint32Array | Uint8Array, opts: BatteryOptions = {}): TestResult[] {
  const alpha = opts.alpha ?? ALPHA;
  const isWords = input instanceof Uint32Array;
  const bits = isWords ? bitsFromWords(input) : bitsFromBytes(input);
  const bytes = isWords ? wordsToBytesLE(input) : input;
  const words = isWords ? input : bytesToWordsLE(input);
  const n = bits.length;
  if (n < 128) throw new RangeError(`battery: need at least 128 bits, got ${n}`);
  const log2n = Math.floor(Math.log2(n));
  const serialM = opts.serialM ?? Math.max(2, Math.min(16, log2n - 3));
  const apEnM = opts.approximateEntropyM ?? Math.max(1, Math.min(10, log2n - 6));
  const blockM = opts.blockFrequencyM ?? Math.min(128, n);

  const results: TestResult[] = [
    frequencyTest(bits, alpha),
    blockFrequencyTest(bits, blockM, alpha),
    runsTest(bits, alpha),
    longestRunOfOnesTest(bits, alpha),
    serialTest(bits, serialM, alpha),
    approximateEntropyTest(bits, apEnM, alpha),
    cumulativeSumsTest(bits, alpha),
    byteChiSquareTest(bytes, alpha),
  ];
  if (opts.birthday !== false) {
    const b = opts.birthday ?? {};
    const m = b.m ?? 512;
    const fit = Math.floor(words.length / m);
    const reps = b.repetitions ?? Math.min(500, fit);
    if (b.repetitions !== undefined || reps >= 20) {
      results.push(birthdaySpacingsTest(words, { ...b, repetitions: reps, alpha: b.alpha ?? alpha }));
    }
  }
  return results;
}

export interface StreamOptions {
  /**
   * true: the words as the my_rng device's RNG register delivers them, one 32-bit read each (the device
   * returns `nextWord()`: for glibc-rand a 31-bit value, bit 31 always 0).
   * false: the generator's 32-bit word stream as-is (`fill()`, as `rnglab prng --raw` writes it: 64-bit
   * generators give each output as two halves, low first).
   * Every Prng's `nextWord()` and `fill()` give the same stream, so for this package's generators the two
   * views hold the same words; they differ only in how they are drawn.
   */
  readonly register: boolean;
}

/**
 * `bytes` bytes of the generator's stream, each 32-bit word packed as 4 little-endian bytes (a trailing
 * partial word contributes its low bytes). Advances `prng`.
 */
export function streamFor(prng: Prng, bytes: number, opts: StreamOptions): Uint8Array {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`streamFor: bytes must be a non-negative integer, got ${bytes}`);
  const words = new Uint32Array(Math.ceil(bytes / 4));
  if (opts.register) {
    for (let i = 0; i < words.length; i++) words[i] = prng.nextWord() >>> 0;
  } else {
    prng.fill(words);
  }
  return wordsToBytesLE(words).subarray(0, bytes);
}
