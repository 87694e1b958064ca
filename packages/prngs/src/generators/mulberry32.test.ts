import { describe, it } from "vitest";
import fc from "fast-check";
import { Mulberry32, mulberry32 } from "./mulberry32.js";
import { vectorCases } from "./test-vectors.js";

const SEED_MAX = 0xffffffffn;

describe("mulberry32 against vectors.json", () => {
  vectorCases(mulberry32, { maxChunk: 1400, numRuns: 60 });
});

describe("mulberry32 seeding rule (no published vector: Ettinger's gist gives code only)", () => {
  it("agrees with a BigInt model of the gist's code, for random seeds", () => {
    const u = (x: bigint): bigint => BigInt.asUintN(32, x);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        let s = seed;
        const g = new Mulberry32(seed);
        for (let i = 0; i < 100; i++) {
          s = u(s + 0x6d2b79f5n);
          let z = s;
          z = u((z ^ (z >> 15n)) * (z | 1n));
          z ^= u(z + u((z ^ (z >> 7n)) * (z | 61n)));
          if (BigInt(g.nextWord()) !== (z ^ (z >> 14n))) return false;
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
