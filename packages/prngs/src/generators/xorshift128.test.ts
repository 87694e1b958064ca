import { describe, expect, it } from "vitest";
import { Xorshift128, xorshift128 } from "./xorshift128.js";
import { modelCase, vectorCases } from "./test-vectors.js";

describe("xorshift128", () => {
  vectorCases(xorshift128);

  modelCase(
    xorshift128,
    (seed, n) => {
      let [x, y, z, w] = [Number(seed) >>> 0, 362436069, 521288629, 88675123];
      return Array.from({ length: n }, () => {
        const t = (x ^ (x << 11)) >>> 0;
        [x, y, z] = [y, z, w];
        w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
        return BigInt(w);
      });
    },
    "Marsaglia's xor128 on uint32",
  );

  it("canonical check: seed 123456789 (Marsaglia's default state) gives 3701687786 458299110 2500872618 … (D Phobos std.random unittest)", () => {
    const g = new Xorshift128(123456789n);
    expect(Array.from({ length: 9 }, () => g.nextWord())).toEqual([
      3701687786, 458299110, 2500872618, 3633119408, 516391518, 2377269574, 2599949379, 717229868, 137866584,
    ]);
  });

  it("accepts every seed, 0 included (y, z, w are never zero)", () => {
    expect(xorshift128.checkSeed(0n)).toBeUndefined();
    expect(xorshift128.checkSeed(0xffffffffn)).toBeUndefined();
  });
});
