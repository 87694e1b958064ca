/** What every generator in this package is: the facts a user or the device needs about it. */
export interface PrngInfo {
  /** rnglab's name (`rnglab prng --list`, the device's `prng=`). */
  readonly name: string;
  /** Other accepted spellings (e.g. the authors' `xoshiro256**`). */
  readonly aliases: readonly string[];
  /** Width of one output word (32 or 64): the device streams 64-bit words as two 32-bit halves, low first. */
  readonly wordBits: 32 | 64;
  /** Bits of an output that carry randomness (31 for glibc rand: bit 31 is always 0). */
  readonly outputBits: number;
  /** Seeds range over 0 … 2^seedBits − 1. */
  readonly seedBits: number;
  /** One line: the algorithm and its seeding rule. */
  readonly description: string;
}

/**
 * A seeded generator. The 32-bit word stream (`nextWord`/`fill`) is the hot path: it allocates nothing
 * and uses no BigInt. `nextOutput` returns one whole output for printing.
 */
export interface Prng {
  readonly info: PrngInfo;
  /** Reseed by the generator's own seeding rule. The seed must pass `checkSeed`. */
  seed(seed: bigint): void;
  /** Next 32-bit word of the stream, as an unsigned number. */
  nextWord(): number;
  /** Writes the next `out.length` words of the stream into `out`. */
  fill(out: Uint32Array): void;
  /** Next whole output (wordBits wide). */
  nextOutput(): bigint;
}

export interface PrngFactory {
  readonly info: PrngInfo;
  /** A generator in the state of `seed` (default: the generator's reset seed, 1). */
  create(seed?: bigint): Prng;
  /** Why a seed is not valid for this generator, or undefined when it is. */
  checkSeed(seed: bigint): string | undefined;
}

/** The common range rule: 0 … 2^seedBits − 1. Generators add their own (e.g. 0 for xorshift). */
export function checkSeedRange(info: PrngInfo, seed: bigint): string | undefined {
  if (seed < 0n || seed >= 1n << BigInt(info.seedBits)) {
    return `seed ${seed} is outside 0 … 2^${info.seedBits}-1 for ${info.name}`;
  }
  return undefined;
}
