import { chacha20 } from "./generators/chacha20.js";
import { isoCLcg } from "./generators/iso-c-lcg.js";
import { javaRandom } from "./generators/java-random.js";
import { jsf32 } from "./generators/jsf32.js";
import { lfsr113 } from "./generators/lfsr113.js";
import { minstd16807 } from "./generators/minstd16807.js";
import { minstd48271 } from "./generators/minstd48271.js";
import { mt19937_64 } from "./generators/mt19937-64.js";
import { mt19937 } from "./generators/mt19937.js";
import { mulberry32 } from "./generators/mulberry32.js";
import { pcg32 } from "./generators/pcg32.js";
import { pcg64 } from "./generators/pcg64.js";
import { philox4x32_10 } from "./generators/philox4x32-10.js";
import { sfc64 } from "./generators/sfc64.js";
import { splitmix64 } from "./generators/splitmix64.js";
import { wyrandFinal4 } from "./generators/wyrand-final4.js";
import { wyrand } from "./generators/wyrand.js";
import { xoroshiro128p } from "./generators/xoroshiro128p.js";
import { xorshift128 } from "./generators/xorshift128.js";
import { xorshift32 } from "./generators/xorshift32.js";
import { xorshift64 } from "./generators/xorshift64.js";
import { xoshiro128ss } from "./generators/xoshiro128ss.js";
import { xoshiro256p } from "./generators/xoshiro256p.js";
import { xoshiro256ss } from "./generators/xoshiro256ss.js";
import { glibcRand } from "./glibc-rand.js";
import { glibcRandR } from "./glibc-rand-r.js";
import type { PrngFactory } from "./prng.js";

/**
 * Every generator, in the order of `rnglab prng --list`; a generator's index here is the value of the
 * my_rng version-2 PRNG register, so new generators are appended, never inserted.
 */
export const PRNGS: readonly PrngFactory[] = [
  glibcRand,
  glibcRandR,
  isoCLcg,
  minstd16807,
  minstd48271,
  javaRandom,
  mt19937,
  mt19937_64,
  xorshift32,
  xorshift64,
  xorshift128,
  splitmix64,
  xoshiro128ss,
  xoshiro256ss,
  xoshiro256p,
  xoroshiro128p,
  pcg32,
  pcg64,
  chacha20,
  philox4x32_10,
  lfsr113,
  wyrand,
  wyrandFinal4,
  sfc64,
  jsf32,
  mulberry32,
];

/** Finds a generator by name or alias (case-insensitive), or undefined. */
export function findPrng(name: string): PrngFactory | undefined {
  const key = name.toLowerCase();
  return PRNGS.find((p) => p.info.name === key || p.info.aliases.some((a) => a.toLowerCase() === key));
}

/** Parses a seed written in decimal or 0x-hex, exactly (to any width); undefined if it is not one. */
export function parseSeed(text: string): bigint | undefined {
  if (/^[0-9]+$/.test(text)) return BigInt(text);
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return BigInt(text);
  return undefined;
}
