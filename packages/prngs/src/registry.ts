import { glibcRand } from "./glibc-rand.js";
import { glibcRandR } from "./glibc-rand-r.js";
import type { PrngFactory } from "./prng.js";

/**
 * Every generator, in the order of `rnglab prng --list`; a generator's index here is the value of the
 * my_rng version-2 PRNG register, so new generators are appended, never inserted.
 */
export const PRNGS: readonly PrngFactory[] = [glibcRand, glibcRandR];

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
