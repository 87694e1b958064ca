import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// The example rand()/srand() of the ISO C standard (C90 §7.10.2.2, C99 §7.20.2.2, C11 §7.22.2.2):
//   next = next * 1103515245 + 12345;  return (unsigned)(next / 65536) % 32768;
// `next` is an unsigned long; only its low 32 bits ever reach the output, so arithmetic mod 2^32 is
// exact. srand(seed) sets next = seed. Each 15-bit output is one 32-bit word of the stream.

const info: PrngInfo = {
  name: "iso-c-lcg",
  aliases: ["ansi-c-lcg", "c-standard-rand"],
  wordBits: 32,
  outputBits: 15,
  seedBits: 32,
  description:
    "ISO C example rand(): next = next*1103515245 + 12345 mod 2^32, output (next/65536) % 32768; next = seed (ISO/IEC 9899 §7.22.2.2)",
};

export class IsoCLcg implements Prng {
  readonly info = info;
  private s = 1; // `next`, as an int32 bit pattern

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.s = Number(BigInt.asUintN(32, seed)) | 0;
  }

  nextWord(): number {
    const s = (Math.imul(this.s, 1103515245) + 12345) | 0;
    this.s = s;
    return (s >>> 16) & 0x7fff;
  }

  fill(out: Uint32Array): void {
    let s = this.s;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      out[i] = (s >>> 16) & 0x7fff;
    }
    this.s = s;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const isoCLcg: PrngFactory = {
  info,
  create: (seed) => new IsoCLcg(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
