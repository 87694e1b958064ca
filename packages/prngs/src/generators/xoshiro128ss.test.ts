import { describe, expect, it } from "vitest";
import { Xoshiro128ss, xoshiro128ss } from "./xoshiro128ss.js";
import { splitmix64Outputs } from "./splitmix64.js";
import { modelCase, rotl32, vectorCases } from "./test-vectors.js";

describe("xoshiro128ss (xoshiro128**)", () => {
  vectorCases(xoshiro128ss, { vectorName: "xoshiro128**" });

  modelCase(
    xoshiro128ss,
    (seed, n) => {
      const [a, b] = splitmix64Outputs(seed, 2);
      const s = [a & 0xffffffffn, a >> 32n, b & 0xffffffffn, b >> 32n].map(Number);
      return Array.from({ length: n }, () => {
        const result = Math.imul(rotl32(Math.imul(s[1], 5), 7), 9) >>> 0;
        const t = (s[1] << 9) >>> 0;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl32(s[3], 11);
        return BigInt(result);
      });
    },
    "xoshiro128starstar.c (Math.imul on uint32) seeded from splitmix64Outputs",
  );

  it("canonical check: state {1,2,3,4} gives the reference implementation's 11520 0 5927040 70819200 … (rust-random rand_xoshiro)", () => {
    const g = new Xoshiro128ss();
    g.setState([1n, 2n, 3n, 4n]);
    expect(Array.from({ length: 10 }, () => g.nextWord())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it("seeds from the lo/hi halves of the first two splitmix64 outputs", () => {
    // splitmix64(0) outputs 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4: state {0x7b1dcdaf, 0xe220a839, 0xa1b965f4, 0x6e789e6a}
    const a = new Xoshiro128ss(0n);
    const b = new Xoshiro128ss();
    b.setState([0x7b1dcdafn, 0xe220a839n, 0xa1b965f4n, 0x6e789e6an]);
    for (let i = 0; i < 8; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
});
