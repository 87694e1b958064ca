import { describe, expect, it } from "vitest";
import { Xoshiro256p, xoshiro256p } from "./xoshiro256p.js";
import { splitmix64Outputs } from "./splitmix64.js";
import { M64, modelCase, rotl64, vectorCases } from "./test-vectors.js";

describe("xoshiro256p (xoshiro256+)", () => {
  vectorCases(xoshiro256p, { vectorName: "xoshiro256+" });

  modelCase(
    xoshiro256p,
    (seed, n) => {
      const s = splitmix64Outputs(seed, 4);
      return Array.from({ length: n }, () => {
        const result = (s[0] + s[3]) & M64;
        const t = (s[1] << 17n) & M64;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl64(s[3], 45n);
        return result;
      });
    },
    "a BigInt transcription of xoshiro256plus.c seeded from splitmix64Outputs",
  );

  it("canonical check: state {1,2,3,4} gives the reference implementation's 5 211106232532999 … (rust-random rand_xoshiro)", () => {
    const g = new Xoshiro256p();
    g.setState([1n, 2n, 3n, 4n]);
    expect(Array.from({ length: 10 }, () => g.nextOutput())).toEqual([
      5n, 211106232532999n, 211106635186183n, 9223759065350669058n, 9250833439874351877n, 13862484359527728515n,
      2346507365006083650n, 1168864526675804870n, 34095955243042024n, 3466914240207415127n,
    ]);
  });

  it("seeds s0..s3 from 4 successive splitmix64 outputs", () => {
    const a = new Xoshiro256p(20261125n);
    const b = new Xoshiro256p();
    b.setState(splitmix64Outputs(20261125n, 4));
    for (let i = 0; i < 8; i++) expect(a.nextOutput()).toBe(b.nextOutput());
  });
});
