import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Lfsr113, lfsr113 } from "./lfsr113.js";
import { vectorCases } from "./test-vectors.js";

const SEED_MAX = 0xffffffffffffffffn;

describe("lfsr113 against vectors.json", () => {
  vectorCases(lfsr113, { maxChunk: 1400, numRuns: 60 });
});

describe("lfsr113 canonical checks and seeding rule", () => {
  // Linux lib/random32.c CONFIG_RANDOM32_SELFTEST: prandom_seed_early (LCG 69069 + __seed), 10-step warm-up.
  const seedEarly = (seed: number): Lfsr113 => {
    const lcg = (x: number): number => Math.imul(x, 69069) >>> 0;
    const min = (x: number, m: number): number => (x < m ? x + m : x);
    const s1 = min(lcg(seed), 2);
    const s2 = min(lcg(s1), 8);
    const s3 = min(lcg(s2), 16);
    const s4 = min(lcg(s3), 128);
    const g = new Lfsr113();
    g.setState(s1, s2, s3, s4);
    for (let i = 0; i < 10; i++) g.nextWord();
    return g;
  };
  it("Linux random32 selftest test1 vectors: {1: 3484351685, 2: 2623130059, 3: 3125133893, 4: 984847254}", () => {
    const test1: [number, number][] = [
      [1, 3484351685],
      [2, 2623130059],
      [3, 3125133893],
      [4, 984847254],
    ];
    for (const [seed, result] of test1) expect(seedEarly(seed).nextWord()).toBe(result);
  });
  it("Linux random32 selftest test2 vectors (against taus113 from GSL), first 10 entries", () => {
    const test2: [number, number, number][] = [
      [931557656, 959, 2975593782],
      [1339693295, 876, 3887776532],
      [1545556285, 961, 1615538833],
      [601730776, 723, 1776162651],
      [1027516047, 687, 511983079],
      [416526298, 700, 916156552],
      [1395522032, 652, 2222063676],
      [366221443, 617, 2992857763],
      [1539836965, 714, 3783265725],
      [556206671, 994, 799626459],
    ];
    for (const [seed, iteration, result] of test2) {
      const g = seedEarly(seed);
      const buf = new Uint32Array(iteration);
      g.fill(buf);
      expect(buf[iteration - 1]).toBe(result);
    }
  });
  it("prandom_seed_state uses i = (u32)(seed>>32 ^ seed<<10 ^ seed) and raises each component to its minimum", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        const i = Number(BigInt.asUintN(32, (seed >> 32n) ^ (seed << 10n) ^ seed));
        const min = (x: number, m: number): number => (x < m ? x + m : x);
        const a = new Lfsr113(seed);
        const b = new Lfsr113();
        b.setState(min(i, 2), min(i, 8), min(i, 16), min(i, 128));
        for (let k = 0; k < 20; k++) if (a.nextWord() !== b.nextWord()) return false;
        return true;
      }),
    );
    // i = 0 (seed 0): s = (2, 8, 16, 128), a valid state (every component above its minimum).
    const z = new Lfsr113(0n);
    expect(Array.from({ length: 3 }, () => z.nextWord())).toEqual([1574944, 268744, 1109394980]);
  });
});
