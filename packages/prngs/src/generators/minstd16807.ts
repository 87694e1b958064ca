import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// Park & Miller's minimal standard generator (CACM 31(10), 1988; C++ std::minstd_rand0):
// x = 16807·x mod M with M = 2^31 − 1; the output is the new x (1 … 2^31 − 2), one 31-bit output per
// 32-bit word. Seeding: x0 = seed mod M; a seed with x0 = 0 (0, M, 2M) is invalid (the zero state is a
// fixed point): C++'s minstd_rand0 maps it to 1 instead, rnglab rejects it.
//
// Hot path: 16807·x < 2^47 is exact in a double; since 2^31 ≡ 1 (mod M), p mod M folds as
// (p mod 2^31) + ⌊p / 2^31⌋, then one conditional subtraction (the result can never be 0 or M).

const A = 16807;
const M = 0x7fffffff;
const TWO31 = 2147483648;

const info: PrngInfo = {
  name: "minstd16807",
  aliases: ["minstd_rand0", "park-miller"],
  wordBits: 32,
  outputBits: 31,
  seedBits: 32,
  description:
    "Park–Miller minimal standard x = 16807·x mod (2^31−1), output x; x0 = seed mod (2^31−1), 0 invalid (Park & Miller, CACM 31(10) 1988)",
};

/** Why x0 = seed mod (2^31 − 1) cannot start the generator, or undefined. */
function checkState(seed: bigint): string | undefined {
  if (seed % BigInt(M) === 0n) {
    return `seed ${seed} is invalid for minstd16807: seed mod (2^31-1) is 0 and the all-zero state is a fixed point (valid seeds: 1 … 2^32-1 except 2^31-1 and 2^32-2)`;
  }
  return undefined;
}

export class Minstd16807 implements Prng {
  readonly info = info;
  private x = 1;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** x0 = seed mod (2^31 − 1); throws RangeError when that is 0 (see checkSeed). */
  seed(seed: bigint): void {
    const s = BigInt.asUintN(32, seed);
    const bad = checkState(s);
    if (bad !== undefined) throw new RangeError(bad);
    this.x = Number(s % BigInt(M));
  }

  nextWord(): number {
    const p = this.x * A;
    let x = (p & M) + ((p / TWO31) | 0);
    if (x >= M) x -= M;
    this.x = x;
    return x;
  }

  fill(out: Uint32Array): void {
    let x = this.x;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const p = x * A;
      x = (p & M) + ((p / TWO31) | 0);
      if (x >= M) x -= M;
      out[i] = x;
    }
    this.x = x;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const minstd16807: PrngFactory = {
  info,
  create: (seed) => new Minstd16807(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed) ?? checkState(seed),
};
