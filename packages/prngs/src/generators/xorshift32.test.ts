import { describe, expect, it } from "vitest";
import { Xorshift32, xorshift32 } from "./xorshift32.js";
import { modelCase, vectorCases } from "./test-vectors.js";

describe("xorshift32", () => {
  vectorCases(xorshift32);

  modelCase(
    xorshift32,
    (seed, n) => {
      let y = Number(seed) >>> 0;
      return Array.from({ length: n }, () => {
        y = (y ^ (y << 13)) >>> 0;
        y = (y ^ (y >>> 17)) >>> 0;
        y = (y ^ (y << 5)) >>> 0;
        return BigInt(y);
      });
    },
    "Marsaglia's xorshift32 (13,17,5) on uint32",
  );

  it("no canonical vector published (Marsaglia 2003 gives no output list): the first step from y = 1 by hand", () => {
    // y = 1: y ^= y<<13 → 0x2001; y ^= y>>17 → 0x2001; y ^= y<<5 → 0x2001 ^ 0x40020 = 0x42021 = 270369
    expect(new Xorshift32(1n).nextWord()).toBe(270369);
  });

  it("rejects seed 0 with the fixed-point reason and accepts 2^32-1", () => {
    expect(xorshift32.checkSeed(0n)).toBe("seed 0 is invalid for xorshift32 (the all-zero state is a fixed point)");
    expect(xorshift32.checkSeed(0xffffffffn)).toBeUndefined();
  });
});
