import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// MT19937-64, the 64-bit Mersenne Twister: T. Nishimura, "Tables of 64-bit Mersenne Twisters",
// ACM TOMACS 10(4), 2000; genrand64_int64 and init_genrand64 of mt19937-64.c (Nishimura & Matsumoto,
// 2004). Seeding is init_genrand64((uint64)seed); init_by_array64 is provided too (for the authors'
// mt19937-64.out check vector).
//
// The 64-bit state words live as 32-bit halves in one Int32Array (lo at 2i, hi at 2i+1), so the twist
// and the tempering run on 32-bit integers only. The word stream is each output's low 32 bits, then its
// high 32 bits; a high half left pending by nextWord()/fill() is the next word of either.

const NN = 312;
const MM = 156;
const MAG_HI = 0xb5026f5a | 0; // MATRIX_A = 0xB5026F5AA96619E9
const MAG_LO = 0xa96619e9 | 0;
const UPPER = 0x80000000 | 0; // UM = 0xFFFFFFFF80000000: the whole high half and bit 31 of the low half
const LOWER = 0x7fffffff; // LM = 0x7FFFFFFF

const MASK64 = (1n << 64n) - 1n;

const info: PrngInfo = {
  name: "mt19937-64",
  aliases: ["mt19937_64", "mt19937-64.c"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "MT19937-64 Mersenne Twister genrand64_int64, seeded by init_genrand64((uint64)seed); stream low half then high half (Nishimura, ACM TOMACS 10(4) 2000; mt19937-64.c)",
};

export class Mt19937_64 implements Prng {
  readonly info = info;
  private readonly mt = new Int32Array(2 * NN); // [lo0, hi0, lo1, hi1, …]
  private mti = NN;
  private pending = 0; // high half of the last output, when hasPending
  private hasPending = false;
  private hi = 0; // high half produced by the last gen()

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.initGenrand64(BigInt.asUintN(64, seed));
  }

  /** mt19937-64.c init_genrand64(seed). Not the hot path: BigInt arithmetic. */
  initGenrand64(seed: bigint): void {
    const words = new Array<bigint>(NN);
    words[0] = seed & MASK64;
    for (let i = 1; i < NN; i++) {
      const prev = words[i - 1];
      words[i] = (6364136223846793005n * (prev ^ (prev >> 62n)) + BigInt(i)) & MASK64;
    }
    this.load(words);
  }

  /** mt19937-64.c init_by_array64(init_key, key_length), keys as uint64 values. */
  initByArray64(key: readonly bigint[]): void {
    this.initGenrand64(19650218n);
    const mt = this.unload();
    let i = 1;
    let j = 0;
    for (let k = Math.max(NN, key.length); k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ ((prev ^ (prev >> 62n)) * 3935559000370003845n)) + (key[j] & MASK64) + BigInt(j)) & MASK64;
      i++;
      j++;
      if (i >= NN) {
        mt[0] = mt[NN - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = NN - 1; k > 0; k--) {
      const prev = mt[i - 1];
      mt[i] = ((mt[i] ^ ((prev ^ (prev >> 62n)) * 2862933555777941757n)) - BigInt(i)) & MASK64;
      i++;
      if (i >= NN) {
        mt[0] = mt[NN - 1];
        i = 1;
      }
    }
    mt[0] = 1n << 63n; // MSB is 1, assuring a non-zero initial array
    this.load(mt);
  }

  private load(words: readonly bigint[]): void {
    const mt = this.mt;
    for (let i = 0; i < NN; i++) {
      mt[2 * i] = Number(BigInt.asIntN(32, words[i]));
      mt[2 * i + 1] = Number(BigInt.asIntN(32, words[i] >> 32n));
    }
    this.mti = NN;
    this.hasPending = false;
  }

  private unload(): bigint[] {
    const mt = this.mt;
    const words = new Array<bigint>(NN);
    for (let i = 0; i < NN; i++) words[i] = (BigInt(mt[2 * i + 1] >>> 0) << 32n) | BigInt(mt[2 * i] >>> 0);
    return words;
  }

  /** Generates the next NN state words (the first half of genrand64_int64). */
  private twist(): void {
    const mt = this.mt;
    let i = 0;
    for (; i < NN - MM; i++) {
      const a = 2 * i;
      const xh = mt[a + 1];
      const xl = (mt[a] & UPPER) | (mt[a + 2] & LOWER);
      const mag = -(xl & 1);
      const b = a + 2 * MM;
      mt[a] = mt[b] ^ ((xl >>> 1) | (xh << 31)) ^ (mag & MAG_LO);
      mt[a + 1] = mt[b + 1] ^ (xh >>> 1) ^ (mag & MAG_HI);
    }
    for (; i < NN - 1; i++) {
      const a = 2 * i;
      const xh = mt[a + 1];
      const xl = (mt[a] & UPPER) | (mt[a + 2] & LOWER);
      const mag = -(xl & 1);
      const b = a + 2 * (MM - NN);
      mt[a] = mt[b] ^ ((xl >>> 1) | (xh << 31)) ^ (mag & MAG_LO);
      mt[a + 1] = mt[b + 1] ^ (xh >>> 1) ^ (mag & MAG_HI);
    }
    const a = 2 * (NN - 1);
    const xh = mt[a + 1];
    const xl = (mt[a] & UPPER) | (mt[0] & LOWER);
    const mag = -(xl & 1);
    const b = 2 * (MM - 1);
    mt[a] = mt[b] ^ ((xl >>> 1) | (xh << 31)) ^ (mag & MAG_LO);
    mt[a + 1] = mt[b + 1] ^ (xh >>> 1) ^ (mag & MAG_HI);
    this.mti = 0;
  }

  /** One genrand64_int64(): returns the low half (int32 bit pattern), leaves the high half in this.hi. */
  private gen(): number {
    if (this.mti >= NN) this.twist();
    const a = 2 * this.mti++;
    let h = this.mt[a + 1];
    let l = this.mt[a];
    l ^= ((l >>> 29) | (h << 3)) & 0x55555555; // x ^= (x >> 29) & 0x5555555555555555
    h ^= (h >>> 29) & 0x55555555;
    h ^= ((h << 17) | (l >>> 15)) & 0x71d67fff; // x ^= (x << 17) & 0x71D67FFFEDA60000
    l ^= (l << 17) & 0xeda60000;
    h ^= (l << 5) & 0xfff7eee0; // x ^= (x << 37) & 0xFFF7EEE000000000
    l ^= h >>> 11; // x ^= x >> 43
    this.hi = h;
    return l;
  }

  nextWord(): number {
    if (this.hasPending) {
      this.hasPending = false;
      return this.pending >>> 0;
    }
    const l = this.gen();
    this.pending = this.hi;
    this.hasPending = true;
    return l >>> 0;
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    if (n === 0) return;
    const mt = this.mt;
    let i = 0;
    if (this.hasPending) {
      out[i++] = this.pending;
      this.hasPending = false;
    }
    while (n - i >= 2) {
      if (this.mti >= NN) this.twist();
      let k = this.mti;
      const end = Math.min(NN, k + ((n - i) >>> 1));
      for (; k < end; k++) {
        let h = mt[2 * k + 1];
        let l = mt[2 * k];
        l ^= ((l >>> 29) | (h << 3)) & 0x55555555;
        h ^= (h >>> 29) & 0x55555555;
        h ^= ((h << 17) | (l >>> 15)) & 0x71d67fff;
        l ^= (l << 17) & 0xeda60000;
        h ^= (l << 5) & 0xfff7eee0;
        l ^= h >>> 11;
        out[i] = l;
        out[i + 1] = h;
        i += 2;
      }
      this.mti = k;
    }
    if (i < n) {
      out[i] = this.gen();
      this.pending = this.hi;
      this.hasPending = true;
    }
  }

  /**
   * The next whole 64-bit output. A high half left pending by nextWord()/fill() is dropped first: it
   * belongs to an output already partly consumed, so this returns the following output.
   */
  nextOutput(): bigint {
    this.hasPending = false;
    const l = this.gen();
    return (BigInt(this.hi >>> 0) << 32n) | BigInt(l >>> 0);
  }
}

export const mt19937_64: PrngFactory = {
  info,
  create: (seed) => new Mt19937_64(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
