import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// MT19937, the 32-bit Mersenne Twister: M. Matsumoto and T. Nishimura, "Mersenne Twister: a
// 623-dimensionally equidistributed uniform pseudo-random number generator", ACM TOMACS 8(1), 1998;
// genrand_int32 and init_genrand of the authors' mt19937ar.c (2002). Seeding is init_genrand((uint32)seed).
// init_by_array is provided too (for the authors' mt19937ar.out check vector).

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;

const info: PrngInfo = {
  name: "mt19937",
  aliases: ["mt19937ar", "mt19937-32"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 32,
  description:
    "MT19937 Mersenne Twister genrand_int32, seeded by init_genrand((uint32)seed) (Matsumoto & Nishimura, ACM TOMACS 8(1) 1998; mt19937ar.c)",
};

export class Mt19937 implements Prng {
  readonly info = info;
  private readonly mt = new Int32Array(N); // bit patterns of the uint32 state words
  private mti = N;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.initGenrand(Number(BigInt.asUintN(32, seed)));
  }

  /** mt19937ar.c init_genrand(s). */
  initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s | 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) | 0;
    }
    this.mti = N;
  }

  /** mt19937ar.c init_by_array(init_key, key_length), keys as uint32 values. */
  initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] >>> 0) + j) | 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) | 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = UPPER; // MSB is 1, assuring a non-zero initial array
    this.mti = N;
  }

  /** Generates the next N words of state (the first half of genrand_int32). */
  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.mti = 0;
  }

  nextWord(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  fill(out: Uint32Array): void {
    const mt = this.mt;
    const n = out.length;
    let i = 0;
    while (i < n) {
      if (this.mti >= N) this.twist();
      let k = this.mti;
      const end = Math.min(N, k + (n - i));
      for (; k < end; k++) {
        let y = mt[k];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        out[i++] = y;
      }
      this.mti = k;
    }
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const mt19937: PrngFactory = {
  info,
  create: (seed) => new Mt19937(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
