import { describe, expect, it } from "vitest";
import vectors from "../test/fixtures/vectors.json" with { type: "json" };
import { PRNGS, findPrng } from "./index.js";

interface Entry {
  name: string;
  word_bits: number;
  output_bits: number;
  seed_bits: number;
  seeds: Record<string, string[]>;
}
const entries = vectors.generators as unknown as Entry[];

describe("the registry", () => {
  it("lists the 26 generators in the issue's order (the my_rng PRNG register's indices)", () => {
    expect(PRNGS.map((p) => p.info.name)).toEqual([
      "glibc-rand", "glibc-rand_r", "iso-c-lcg", "minstd16807", "minstd48271", "java-random", "mt19937", "mt19937-64",
      "xorshift32", "xorshift64", "xorshift128", "splitmix64", "xoshiro128ss", "xoshiro256ss", "xoshiro256p",
      "xoroshiro128p", "pcg32", "pcg64", "chacha20", "philox4x32-10", "lfsr113", "wyrand", "wyrand-final4", "sfc64",
      "jsf32", "mulberry32",
    ]);
  });
  it("each reference entry is found by its name (the authors' spelling is an alias) with matching widths", () => {
    for (const e of entries) {
      const f = findPrng(e.name);
      expect(f, e.name).toBeDefined();
      expect([f?.info.wordBits, f?.info.outputBits, f?.info.seedBits], e.name).toEqual([e.word_bits, e.output_bits, e.seed_bits]);
    }
  });
  it("every generator reproduces the first 100 reference outputs through nextOutput, for every seed", () => {
    for (const e of entries) {
      const f = findPrng(e.name);
      for (const [seed, outs] of Object.entries(e.seeds)) {
        const g = f?.create(BigInt(seed));
        expect(Array.from({ length: 100 }, () => String(g?.nextOutput())), `${e.name} seed ${seed}`).toEqual(outs.slice(0, 100));
      }
    }
  });
});
