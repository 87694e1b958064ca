import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Minstd16807, minstd16807 } from "./minstd16807.js";
import { vectorCases } from "./test-vectors.js";

const SEED_MAX = 0xffffffffn;
const validSeed = (s: bigint): boolean => s % 0x7fffffffn !== 0n;

describe("minstd16807 against vectors.json", () => {
  vectorCases(minstd16807, { maxChunk: 1400, numRuns: 60 });
});

describe("minstd16807 canonical check and seeding rule", () => {
  it("Park & Miller (CACM 1988) / C++ minstd_rand0 check: seed 1, the 10000th output is 1043618065", () => {
    const g = new Minstd16807(1n);
    const buf = new Uint32Array(10000);
    g.fill(buf);
    expect(buf[9999]).toBe(1043618065);
  });
  it("rejects every seed ≡ 0 mod 2^31-1 (0, 2^31-1, 2^32-2) in checkSeed, and seed() throws on them", () => {
    for (const s of [0n, 0x7fffffffn, 0xfffffffen]) {
      expect(minstd16807.checkSeed(s)).toMatch(/invalid for minstd16807.*fixed point.*valid seeds: 1 … 2\^32-1/);
      expect(() => new Minstd16807(s)).toThrow(RangeError);
    }
    expect(minstd16807.checkSeed(0x7ffffffen)).toBeUndefined();
    expect(minstd16807.checkSeed(0x80000000n)).toBeUndefined();
  });
  it("x0 = seed mod (2^31-1): seed 2^31 gives seed 1's stream", () => {
    const a = new Minstd16807(0x80000000n);
    const b = new Minstd16807(1n);
    for (let i = 0; i < 100; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("agrees with a BigInt model of x = 16807·x mod (2^31-1) for random seeds", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed), (seed) => {
        const g = new Minstd16807(seed);
        let x = seed % 0x7fffffffn;
        for (let i = 0; i < 200; i++) {
          x = (x * 16807n) % 0x7fffffffn;
          if (BigInt(g.nextWord()) !== x) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
