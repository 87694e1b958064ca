import { describe, it } from "vitest";
import fc from "fast-check";
import { IsoCLcg, isoCLcg } from "./iso-c-lcg.js";
import { vectorCases } from "./test-vectors.js";

const SEED_MAX = 0xffffffffn;

describe("iso-c-lcg against vectors.json", () => {
  vectorCases(isoCLcg, { maxChunk: 1400, numRuns: 60 });
});

describe("iso-c-lcg seeding rule (no published vector in the standard)", () => {
  it("agrees with the standard's code run on a 64-bit unsigned long (BigInt model), for random seeds", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        const g = new IsoCLcg(seed);
        let next = seed;
        for (let i = 0; i < 200; i++) {
          next = BigInt.asUintN(64, next * 1103515245n + 12345n);
          if (BigInt(g.nextWord()) !== (next / 65536n) % 32768n) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
