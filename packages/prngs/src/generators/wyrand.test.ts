import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Wyrand, wyrand } from "./wyrand.js";
import { M64, vectorCases } from "./test-vectors.js";

/** A plain BigInt model of the definition: s += 0xa0761d6478bd642f; lo64 ^ hi64 of s·(s ^ 0xe7037ed1a0b428db). */
function reference(seed: bigint, n: number): bigint[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s + 0xa0761d6478bd642fn) & M64;
    const p = s * (s ^ 0xe7037ed1a0b428dbn);
    return (p & M64) ^ (p >> 64n);
  });
}

describe("wyrand", () => {
  vectorCases(wyrand, {
    // No published wyrand output exists to check against (vectors.json says "unverified").
    entryChecks: (entry) => {
      expect(entry.canonical_check.matched).toBe("unverified");
      expect(Object.keys(entry.skipped_seeds)).toEqual([]);
    },
  });

  it("agrees with a BigInt model of the definition for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), (seed) => {
        const g = new Wyrand(seed);
        return reference(seed, 40).every((w) => g.nextOutput() === w);
      }),
    );
  });
  it("the 128-bit product is exact at the carry extremes (s near 0 and near 2^64)", () => {
    for (const seed of [0n, 1n, M64, M64 - 0xa0761d6478bd642fn, M64 - 0xa0761d6478bd642fn + 1n, (1n << 63n) - 1n, 0xffffffffn, 0x100000000n]) {
      const g = new Wyrand(seed);
      expect(Array.from({ length: 8 }, () => g.nextOutput())).toEqual(reference(seed, 8));
    }
  });
});
