import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Philox4x32_10, philox4x32_10, philox4x32_10Block } from "./philox4x32-10.js";
import { vectorCases, vectorEntry } from "./test-vectors.js";

const splitmix = vectorEntry("splitmix64");

const M64 = (1n << 64n) - 1n;
const M32 = 0xffffffffn;

/** A plain BigInt model of Random123's philox4x32_R(10, ctr, key), written from the round definition. */
function referenceBlock(ctr: bigint[], key: bigint[]): bigint[] {
  let [c0, c1, c2, c3] = ctr;
  let [k0, k1] = key;
  for (let r = 0; r < 10; r++) {
    const p0 = 0xd2511f53n * c0;
    const p1 = 0xcd9e8d57n * c2;
    [c0, c1, c2, c3] = [(p1 >> 32n) ^ c1 ^ k0, p1 & M32, (p0 >> 32n) ^ c3 ^ k1, p0 & M32];
    k0 = (k0 + 0x9e3779b9n) & M32;
    k1 = (k1 + 0xbb67ae85n) & M32;
  }
  return [c0, c1, c2, c3];
}
function splitmix64First(seed: bigint): bigint {
  let z = (seed + 0x9e3779b97f4a7c15n) & M64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}
const block = (c: number[], k: number[]): number[] => {
  const out = new Uint32Array(4);
  philox4x32_10Block(c[0], c[1], c[2], c[3], k[0], k[1], out, 0);
  return Array.from(out);
};

describe("philox4x32-10 block function (Random123)", () => {
  it("canonical check: Random123 kat_vectors philox4x32 10 (ctr 0, key 0 -> 6627e8d5 e169c58d bc57ac4c 9b00dbd8)", () => {
    expect(block([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
  });
  it("canonical check: Random123 kat_vectors philox4x32 10 (ctr ffffffff x4, key ffffffff x2 -> 408f276d 41c83b0e a20bc7c6 6d5451fd)", () => {
    const f = 0xffffffff;
    expect(block([f, f, f, f], [f, f])).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
  });
  it("canonical check: Random123 kat_vectors philox4x32 10 (pi digits: ctr 243f6a88 85a308d3 13198a2e 03707344, key a4093822 299f31d0 -> d16cfe09 94fdcceb 5001e420 24126ea1)", () => {
    expect(block([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });
  it("agrees with a BigInt model of the rounds for any counter and key", () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.tuple(u32, u32, u32, u32), fc.tuple(u32, u32), (c, k) => {
        const want = referenceBlock(c.map(BigInt), k.map(BigInt)).map(Number);
        const got = block(c, k);
        return got.every((w, i) => w === want[i]);
      }),
    );
  });
});

describe("philox4x32-10 against the reference vectors", () => {
  vectorCases(philox4x32_10, { entryChecks: (entry) => expect(Object.keys(entry.skipped_seeds)).toEqual([]) });
  it("the key is (lo32, hi32) of the splitmix64 reference's first output (seeds 0, 1, 42)", () => {
    for (const seed of ["0", "1", "42"]) {
      const z = BigInt(splitmix.seeds[seed][0]);
      const g = new Philox4x32_10(BigInt(seed));
      expect(Array.from({ length: 8 }, () => g.nextWord())).toEqual([
        ...block([0, 0, 0, 0], [Number(z & M32), Number(z >> 32n)]),
        ...block([1, 0, 0, 0], [Number(z & M32), Number(z >> 32n)]),
      ]);
    }
  });
  it("agrees with the BigInt model (splitmix64 key, counter 0, 1, 2, …) for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), (seed) => {
        const z = splitmix64First(seed);
        const want = [0n, 1n, 2n].flatMap((i) => referenceBlock([i, 0n, 0n, 0n], [z & M32, z >> 32n]).map(Number));
        const got = new Uint32Array(12);
        new Philox4x32_10(seed).fill(got);
        return got.every((w, i) => w === want[i]);
      }),
    );
  });
  it("the 128-bit counter carries from c0 into c1, c2, c3 (in fill and in nextWord)", () => {
    type Counter = { c0: number; c1: number; c2: number; c3: number };
    for (const start of [
      [0xfffffffe, 0, 0, 0],
      [0xffffffff, 0, 0, 0],
      [0xfffffffe, 0xffffffff, 0xffffffff, 7],
      [0xfffffffe, 0xffffffff, 0xffffffff, 0xffffffff],
    ]) {
      const k = Number(splitmix64First(5n) & M32);
      const kh = Number(splitmix64First(5n) >> 32n);
      const want: number[] = [];
      let c = BigInt(start[0]) | (BigInt(start[1]) << 32n) | (BigInt(start[2]) << 64n) | (BigInt(start[3]) << 96n);
      for (let b = 0; b < 4; b++) {
        want.push(...block([Number(c & M32), Number((c >> 32n) & M32), Number((c >> 64n) & M32), Number((c >> 96n) & M32)], [k, kh]));
        c = (c + 1n) & ((1n << 128n) - 1n);
      }
      const a = new Philox4x32_10(5n);
      const b = new Philox4x32_10(5n);
      for (const g of [a, b]) Object.assign(g as unknown as Counter, { c0: start[0] | 0, c1: start[1] | 0, c2: start[2] | 0, c3: start[3] | 0 }); // int32 bit patterns, as the class keeps them
      const buf = new Uint32Array(16);
      a.fill(buf);
      expect(Array.from(buf)).toEqual(want);
      expect(Array.from({ length: 16 }, () => b.nextWord())).toEqual(want);
    }
  });
});
