import { describe, expect, it } from "vitest";
import { Xorshift64, xorshift64 } from "./xorshift64.js";
import { M64, modelCase, vectorCases } from "./test-vectors.js";

describe("xorshift64", () => {
  vectorCases(xorshift64);

  modelCase(
    xorshift64,
    (seed, n) => {
      let x = seed;
      return Array.from({ length: n }, () => {
        x ^= (x << 13n) & M64;
        x ^= x >> 7n;
        x ^= (x << 17n) & M64;
        return x;
      });
    },
    "a BigInt model of Marsaglia's xorshift64 (13,7,17)",
  );

  it("no canonical vector published (Marsaglia 2003 gives no output list): the first step from x = 1 by hand", () => {
    // x = 1: x ^= x<<13 → 0x2001; x ^= x>>7 → 0x2041; x ^= x<<17 → 0x2041 ^ 0x40820000 = 0x40822041
    expect(new Xorshift64(1n).nextOutput()).toBe(0x40822041n);
  });

  it("rejects seed 0 with the fixed-point reason and accepts 2^64-1", () => {
    expect(xorshift64.checkSeed(0n)).toBe("seed 0 is invalid for xorshift64 (the all-zero state is a fixed point)");
    expect(xorshift64.checkSeed((1n << 64n) - 1n)).toBeUndefined();
  });
});
