import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SplitMix64, mulHi32, splitmix64, splitmix64Outputs } from "./splitmix64.js";
import { vectorCases } from "./test-vectors.js";

describe("splitmix64", () => {
  vectorCases(splitmix64);

  it("canonical check: seed 0 gives 0xe220a8397b1dcdaf 0x6e789e6aa1b965f4 0x06c45d188009454f 0xf88bb8a8724c81ec", () => {
    const g = new SplitMix64(0n);
    expect([g.nextOutput(), g.nextOutput(), g.nextOutput(), g.nextOutput()]).toEqual([
      0xe220a8397b1dcdafn,
      0x6e789e6aa1b965f4n,
      0x06c45d188009454fn,
      0xf88bb8a8724c81ecn,
    ]);
  });

  it("splitmix64Outputs(seed, n) is the generator's first n outputs", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 0, max: 6 }), (seed, n) => {
        const g = new SplitMix64(seed);
        const expected = Array.from({ length: n }, () => g.nextOutput());
        return JSON.stringify(splitmix64Outputs(seed, n).map(String)) === JSON.stringify(expected.map(String));
      }),
    );
  });

  it("mulHi32 is the high half of the 64-bit product", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (a, b) => {
        const expected = Number((BigInt(a) * BigInt(b)) >> 32n);
        return mulHi32(a, b) >>> 0 === expected && mulHi32(a | 0, b | 0) >>> 0 === expected;
      }),
    );
    expect(mulHi32(0xffffffff, 0xffffffff) >>> 0).toBe(0xfffffffe);
  });
});
