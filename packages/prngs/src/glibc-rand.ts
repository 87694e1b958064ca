import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "./prng.js";

// glibc's random()/rand() with the default TYPE_3 state: a 31-word additive lagged Fibonacci generator,
// r[i] = r[i-3] + r[i-31] (mod 2^32), output r[i] >> 1 (glibc stdlib/random_r.c, __random_r and
// __srandom_r). Seeding fills the ring with Park–Miller minimal-standard steps from the seed, then
// discards 310 outputs. srand(0) is treated as srand(1); an unseeded process behaves as after srand(1).

const DEG = 31; // TYPE_3 degree
const SEP = 3; // TYPE_3 separation

const info: PrngInfo = {
  name: "glibc-rand",
  aliases: ["rand", "glibc"],
  wordBits: 32,
  outputBits: 31,
  seedBits: 32,
  description: "glibc rand(): TYPE_3 additive feedback r[i]=r[i-3]+r[i-31], output >>1; srand(0) = srand(1)",
};

export class GlibcRand implements Prng {
  readonly info = info;
  private readonly state = new Int32Array(DEG);
  private f = SEP; // glibc's fptr, as an index into state
  private r = 0; // glibc's rptr

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** srand(seed), with seed an unsigned int. */
  seed(seed: bigint): void {
    this.srand(Number(BigInt.asUintN(32, seed)));
  }

  /** glibc __srandom_r for TYPE_3, seed taken as an unsigned 32-bit value. */
  srand(seed: number): void {
    let s = seed >>> 0;
    if (s === 0) s = 1;
    const st = this.state;
    // glibc keeps the running value in an int32_t: seeds ≥ 2^31 start negative. C division truncates
    // towards zero, as JS's Math.trunc and % do, so the intermediate values match glibc's exactly.
    let word = s | 0;
    st[0] = word;
    for (let i = 1; i < DEG; i++) {
      const hi = Math.trunc(word / 127773);
      const lo = word % 127773;
      word = 16807 * lo - 2836 * hi;
      if (word < 0) word += 2147483647;
      st[i] = word;
    }
    this.f = SEP;
    this.r = 0;
    for (let k = 0; k < DEG * 10; k++) this.nextWord();
  }

  nextWord(): number {
    const st = this.state;
    let f = this.f;
    let r = this.r;
    const val = (st[f] + st[r]) | 0;
    st[f] = val;
    if (++f === DEG) f = 0;
    if (++r === DEG) r = 0;
    this.f = f;
    this.r = r;
    return val >>> 1;
  }

  fill(out: Uint32Array): void {
    const st = this.state;
    let f = this.f;
    let r = this.r;
    for (let i = 0; i < out.length; i++) {
      const val = (st[f] + st[r]) | 0;
      st[f] = val;
      if (++f === DEG) f = 0;
      if (++r === DEG) r = 0;
      out[i] = val >>> 1;
    }
    this.f = f;
    this.r = r;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const glibcRand: PrngFactory = {
  info,
  create: (seed) => new GlibcRand(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
