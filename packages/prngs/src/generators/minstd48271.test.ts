import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Minstd48271, minstd48271 } from "./minstd48271.js";
import { vectorCases } from "./test-vectors.js";

const SEED_MAX = 0xffffffffn;
const validSeed = (s: bigint): boolean => s % 0x7fffffffn !== 0n;

describe("minstd48271 against vectors.json", () => {
  vectorCases(minstd48271, { maxChunk: 1400, numRuns: 60 });
});

describe("minstd48271 canonical check and seeding rule", () => {
  it("ISO C++ [rand.predef] minstd_rand check: seed 1, the 10000th output is 399268537", () => {
    const g = new Minstd48271(1n);
    const buf = new Uint32Array(10000);
    g.fill(buf);
    expect(buf[9999]).toBe(399268537);
  });
  it("rejects every seed ≡ 0 mod 2^31-1 (0, 2^31-1, 2^32-2) in checkSeed, and seed() throws on them", () => {
    for (const s of [0n, 0x7fffffffn, 0xfffffffen]) {
      expect(minstd48271.checkSeed(s)).toMatch(/invalid for minstd48271.*fixed point.*valid seeds: 1 … 2\^32-1/);
      expect(() => new Minstd48271(s)).toThrow(RangeError);
    }
    expect(minstd48271.checkSeed(0x7ffffffen)).toBeUndefined();
    expect(minstd48271.checkSeed(0x80000000n)).toBeUndefined();
  });
  it("x0 = seed mod (2^31-1): seed 2^31 gives seed 1's stream", () => {
    const a = new Minstd48271(0x80000000n);
    const b = new Minstd48271(1n);
    for (let i = 0; i < 100; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("agrees with a BigInt model of x = 48271·x mod (2^31-1) for random seeds", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed), (seed) => {
        const g = new Minstd48271(seed);
        let x = seed % 0x7fffffffn;
        for (let i = 0; i < 200; i++) {
          x = (x * 48271n) % 0x7fffffffn;
          if (BigInt(g.nextWord()) !== x) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
