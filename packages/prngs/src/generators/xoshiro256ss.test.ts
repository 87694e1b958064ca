import { describe, expect, it } from "vitest";
import { Xoshiro256ss, xoshiro256ss } from "./xoshiro256ss.js";
import { splitmix64Outputs } from "./splitmix64.js";
import { M64, modelCase, rotl64, vectorCases } from "./test-vectors.js";

describe("xoshiro256ss (xoshiro256**)", () => {
  vectorCases(xoshiro256ss, { vectorName: "xoshiro256**" });

  modelCase(
    xoshiro256ss,
    (seed, n) => {
      const s = splitmix64Outputs(seed, 4);
      return Array.from({ length: n }, () => {
        const result = (rotl64((s[1] * 5n) & M64, 7n) * 9n) & M64;
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
    "a BigInt transcription of xoshiro256starstar.c seeded from splitmix64Outputs",
  );

  it("canonical check: state {1,2,3,4} gives the reference implementation's 11520 0 1509978240 … (rust-random rand_xoshiro)", () => {
    const g = new Xoshiro256ss();
    g.setState([1n, 2n, 3n, 4n]);
    expect(Array.from({ length: 10 }, () => g.nextOutput())).toEqual([
      11520n, 0n, 1509978240n, 1215971899390074240n, 1216172134540287360n, 607988272756665600n,
      16172922978634559625n, 8476171486693032832n, 10595114339597558777n, 2904607092377533576n,
    ]);
  });

  it("seeds s0..s3 from 4 successive splitmix64 outputs", () => {
    const a = new Xoshiro256ss(20261125n);
    const b = new Xoshiro256ss();
    b.setState(splitmix64Outputs(20261125n, 4));
    for (let i = 0; i < 8; i++) expect(a.nextOutput()).toBe(b.nextOutput());
  });
});
