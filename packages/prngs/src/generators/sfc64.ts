import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// sfc64 v4, Chris Doty-Humphrey's "small fast chaotic" generator (PractRand 0.94+, src/RNGs/sfc.cpp):
//   tmp = a + b + counter++; a = b ^ (b >> 11); b = c + (c << 3); c = rotl(c, 24) + tmp; output tmp.
// Seeding (PractRand sfc64::seed(s)): a = b = c = seed, counter = 1, then 12 outputs are discarded.
// Runs on 32-bit halves; the carry out of a low-half sum s = x + y (mod 2^32) is the unsigned compare s < y, kept
// in integer registers (a double round trip would lengthen the a → tmp → c dependency chain).

const info: PrngInfo = {
  name: "sfc64",
  aliases: [],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "sfc64 v4: tmp=a+b+counter++, a=b^(b>>11), b=c+(c<<3), c=rotl(c,24)+tmp; a=b=c=seed, counter=1, 12 outputs discarded (Doty-Humphrey, PractRand 0.94)",
};

export class Sfc64 implements Prng {
  readonly info = info;
  private al = 0; // a, b, c and the counter w as int32 halves
  private ah = 0;
  private bl = 0;
  private bh = 0;
  private cl = 0;
  private ch = 0;
  private wl = 1;
  private wh = 0;
  private hi = 0; // high half of the last output, still to be streamed when hasHi
  private hasHi = false;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    const s = BigInt.asUintN(64, seed);
    const l = Number(s & 0xffffffffn) | 0;
    const h = Number(s >> 32n) | 0;
    this.al = this.bl = this.cl = l;
    this.ah = this.bh = this.ch = h;
    this.wl = 1;
    this.wh = 0;
    this.hasHi = false;
    for (let i = 0; i < 12; i++) this.nextOutput();
  }

  nextWord(): number {
    if (this.hasHi) {
      this.hasHi = false;
      return this.hi >>> 0;
    }
    const bl = this.bl;
    const bh = this.bh;
    const cl = this.cl;
    const ch = this.ch;
    const wl = this.wl;
    // tmp = a + b + counter
    const sl = (this.al + bl) | 0;
    const tl = (sl + wl) | 0;
    const th = (this.ah + bh + this.wh + Number(sl >>> 0 < bl >>> 0) + Number(tl >>> 0 < wl >>> 0)) | 0;
    // counter++
    this.wl = (wl + 1) | 0;
    if (this.wl === 0) this.wh = (this.wh + 1) | 0;
    // a = b ^ (b >> 11)
    this.al = bl ^ ((bl >>> 11) | (bh << 21));
    this.ah = bh ^ (bh >>> 11);
    // b = c + (c << 3)
    const c3 = cl << 3;
    const nbl = (cl + c3) | 0;
    this.bl = nbl;
    this.bh = (ch + ((ch << 3) | (cl >>> 29)) + Number(nbl >>> 0 < c3 >>> 0)) | 0;
    // c = rotl(c, 24) + tmp
    const rl = (cl << 24) | (ch >>> 8);
    const rh = (ch << 24) | (cl >>> 8);
    const ncl = (rl + tl) | 0;
    this.cl = ncl;
    this.ch = (rh + th + Number(ncl >>> 0 < tl >>> 0)) | 0;
    this.hi = th;
    this.hasHi = true;
    return tl >>> 0;
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    let i = 0;
    if (n === 0) return;
    if (this.hasHi) {
      out[0] = this.hi;
      this.hasHi = false;
      i = 1;
    }
    let al = this.al | 0;
    let ah = this.ah | 0;
    let bl = this.bl | 0;
    let bh = this.bh | 0;
    let cl = this.cl | 0;
    let ch = this.ch | 0;
    let wl = this.wl | 0;
    let wh = this.wh | 0;
    // Three outputs (six words) per iteration, then single outputs: unrolling amortizes V8's spills and loop checks.
    let j = i + 5;
    for (; j < n; j += 6) {
      {
        const sl = (al + bl) | 0;
        const tl = (sl + wl) | 0;
        const th = (ah + bh + wh + Number(sl >>> 0 < bl >>> 0) + Number(tl >>> 0 < wl >>> 0)) | 0;
        out[j - 5] = tl;
        out[j - 4] = th;
        wl = (wl + 1) | 0;
        if (wl === 0) wh = (wh + 1) | 0;
        al = bl ^ ((bl >>> 11) | (bh << 21));
        ah = bh ^ (bh >>> 11);
        const c3 = cl << 3;
        bl = (cl + c3) | 0;
        bh = (ch + ((ch << 3) | (cl >>> 29)) + Number(bl >>> 0 < c3 >>> 0)) | 0;
        const rl = (cl << 24) | (ch >>> 8);
        ch = (ch << 24) | (cl >>> 8);
        cl = (rl + tl) | 0;
        ch = (ch + th + Number(cl >>> 0 < tl >>> 0)) | 0;
      }
      {
        const sl = (al + bl) | 0;
        const tl = (sl + wl) | 0;
        const th = (ah + bh + wh + Number(sl >>> 0 < bl >>> 0) + Number(tl >>> 0 < wl >>> 0)) | 0;
        out[j - 3] = tl;
        out[j - 2] = th;
        wl = (wl + 1) | 0;
        if (wl === 0) wh = (wh + 1) | 0;
        al = bl ^ ((bl >>> 11) | (bh << 21));
        ah = bh ^ (bh >>> 11);
        const c3 = cl << 3;
        bl = (cl + c3) | 0;
        bh = (ch + ((ch << 3) | (cl >>> 29)) + Number(bl >>> 0 < c3 >>> 0)) | 0;
        const rl = (cl << 24) | (ch >>> 8);
        ch = (ch << 24) | (cl >>> 8);
        cl = (rl + tl) | 0;
        ch = (ch + th + Number(cl >>> 0 < tl >>> 0)) | 0;
      }
      {
        const sl = (al + bl) | 0;
        const tl = (sl + wl) | 0;
        const th = (ah + bh + wh + Number(sl >>> 0 < bl >>> 0) + Number(tl >>> 0 < wl >>> 0)) | 0;
        out[j - 1] = tl;
        out[j] = th;
        wl = (wl + 1) | 0;
        if (wl === 0) wh = (wh + 1) | 0;
        al = bl ^ ((bl >>> 11) | (bh << 21));
        ah = bh ^ (bh >>> 11);
        const c3 = cl << 3;
        bl = (cl + c3) | 0;
        bh = (ch + ((ch << 3) | (cl >>> 29)) + Number(bl >>> 0 < c3 >>> 0)) | 0;
        const rl = (cl << 24) | (ch >>> 8);
        ch = (ch << 24) | (cl >>> 8);
        cl = (rl + tl) | 0;
        ch = (ch + th + Number(cl >>> 0 < tl >>> 0)) | 0;
      }
    }
    i = j - 5;
    for (; i + 1 < n; i += 2) {
      const sl = (al + bl) | 0;
      const tl = (sl + wl) | 0;
      const th = (ah + bh + wh + Number(sl >>> 0 < bl >>> 0) + Number(tl >>> 0 < wl >>> 0)) | 0;
      out[i] = tl;
      out[i + 1] = th;
      wl = (wl + 1) | 0;
      if (wl === 0) wh = (wh + 1) | 0;
      al = bl ^ ((bl >>> 11) | (bh << 21));
      ah = bh ^ (bh >>> 11);
      const c3 = cl << 3;
      bl = (cl + c3) | 0;
      bh = (ch + ((ch << 3) | (cl >>> 29)) + Number(bl >>> 0 < c3 >>> 0)) | 0;
      const rl = (cl << 24) | (ch >>> 8);
      ch = (ch << 24) | (cl >>> 8);
      cl = (rl + tl) | 0;
      ch = (ch + th + Number(cl >>> 0 < tl >>> 0)) | 0;
    }
    this.al = al;
    this.ah = ah;
    this.bl = bl;
    this.bh = bh;
    this.cl = cl;
    this.ch = ch;
    this.wl = wl;
    this.wh = wh;
    if (i < n) out[i] = this.nextWord(); // odd tail: its high half stays pending
  }

  /** Next whole output. A high half left pending by nextWord() is dropped: outputs always start fresh. */
  nextOutput(): bigint {
    this.hasHi = false;
    const lo = this.nextWord();
    const hi = this.nextWord();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
}

export const sfc64: PrngFactory = {
  info,
  create: (seed) => new Sfc64(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
