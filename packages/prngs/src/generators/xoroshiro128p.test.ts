import { describe, expect, it } from "vitest";
import { Xoroshiro128p, xoroshiro128p } from "./xoroshiro128p.js";
import { splitmix64Outputs } from "./splitmix64.js";
import { M64, modelCase, rotl64, vectorCases } from "./test-vectors.js";

describe("xoroshiro128p (xoroshiro128+)", () => {
  vectorCases(xoroshiro128p, { vectorName: "xoroshiro128+" });

  modelCase(
    xoroshiro128p,
    (seed, n) => {
      let [s0, s1] = splitmix64Outputs(seed, 2);
      return Array.from({ length: n }, () => {
        const result = (s0 + s1) & M64;
        s1 ^= s0;
        s0 = rotl64(s0, 24n) ^ s1 ^ ((s1 << 16n) & M64);
        s1 = rotl64(s1, 37n);
        return result;
      });
    },
    "a BigInt transcription of xoroshiro128plus.c (24,16,37) seeded from splitmix64Outputs",
  );

  it("canonical check: state {1,2} gives the reference implementation's 3 412333834243 2360170716294286339 … (rust-random rand_xoshiro, constants 24,16,37)", () => {
    const g = new Xoroshiro128p();
    g.setState([1n, 2n]);
    expect(Array.from({ length: 10 }, () => g.nextOutput())).toEqual([
      3n, 412333834243n, 2360170716294286339n, 9295852285959843169n, 2797080929874688578n, 6019711933173041966n,
      3076529664176959358n, 3521761819100106140n, 7493067640054542992n, 920801338098114767n,
    ]);
  });

  it("seeds s0, s1 from 2 successive splitmix64 outputs", () => {
    const a = new Xoroshiro128p(20261125n);
    const b = new Xoroshiro128p();
    b.setState(splitmix64Outputs(20261125n, 2));
    for (let i = 0; i < 8; i++) expect(a.nextOutput()).toBe(b.nextOutput());
  });
});
