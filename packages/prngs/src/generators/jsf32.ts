import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// Bob Jenkins' small noncryptographic PRNG, 32-bit version ("jsf32"; burtleburtle.net/bob/rand/smallprng.html):
//   e = a - rot(b,27); a = b ^ rot(c,17); b = c + d; c = d + e; d = e + a; return d;
// raninit(seed): a = 0xf1ea5eed, b = c = d = seed, then 20 outputs discarded.

const info: PrngInfo = {
  name: "jsf32",
  aliases: ["jsf", "smallprng"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 32,
  description:
    "Jenkins small fast 32-bit ranval (e=a-rotl(b,27); a=b^rotl(c,17); b=c+d; c=d+e; d=e+a; out d); a=0xf1ea5eed, b=c=d=seed, 20 discarded (burtleburtle.net/bob/rand/smallprng.html)",
};

export class Jsf32 implements Prng {
  readonly info = info;
  // The four words as int32 bit patterns.
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    const s = Number(BigInt.asUintN(32, seed)) | 0;
    this.a = 0xf1ea5eed | 0;
    this.b = s;
    this.c = s;
    this.d = s;
    for (let i = 0; i < 20; i++) this.nextWord();
  }

  nextWord(): number {
    const b = this.b;
    const c = this.c;
    const e = (this.a - ((b << 27) | (b >>> 5))) | 0;
    const a = b ^ ((c << 17) | (c >>> 15));
    this.a = a;
    this.b = (c + this.d) | 0;
    this.c = (this.d + e) | 0;
    const d = (e + a) | 0;
    this.d = d;
    return d >>> 0;
  }

  fill(out: Uint32Array): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const e = (a - ((b << 27) | (b >>> 5))) | 0;
      a = b ^ ((c << 17) | (c >>> 15));
      b = (c + d) | 0;
      c = (d + e) | 0;
      d = (e + a) | 0;
      out[i] = d;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const jsf32: PrngFactory = {
  info,
  create: (seed) => new Jsf32(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
