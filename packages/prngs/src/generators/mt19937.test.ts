import { describe, expect, it } from "vitest";
import { Mt19937, mt19937 } from "./mt19937.js";
import { vectorCases } from "./test-vectors.js";


describe("mt19937 against vectors.json", () => {
  vectorCases(mt19937, { maxChunk: 1400, numRuns: 60 });
});

describe("mt19937 canonical checks", () => {
  it("mt19937ar.out check: init_by_array({0x123, 0x234, 0x345, 0x456}) first outputs 1067595299 955945823 477289528 4107218783 4228976476", () => {
    const g = new Mt19937();
    g.initByArray([0x123, 0x234, 0x345, 0x456]);
    expect(Array.from({ length: 5 }, () => g.nextWord())).toEqual([1067595299, 955945823, 477289528, 4107218783, 4228976476]);
  });
  it("ISO C++ [rand.predef] mt19937 check: init_genrand(5489), the 10000th output is 4123659995", () => {
    const g = new Mt19937(5489n);
    const buf = new Uint32Array(10000);
    g.fill(buf);
    expect(buf[9999]).toBe(4123659995);
  });
});
