import { describe, expect, it } from "vitest";
import { Mt19937_64, mt19937_64 } from "./mt19937-64.js";
import { vectorCases } from "./test-vectors.js";

describe("mt19937-64 against vectors.json", () => {
  vectorCases(mt19937_64, { maxChunk: 1300, numRuns: 60, maxSkip: 700 });
});

describe("mt19937-64 canonical checks", () => {
  it("mt19937-64.out check: init_by_array64({0x12345, 0x23456, 0x34567, 0x45678}) first outputs 7266447313870364031 4946485549665804864", () => {
    const g = new Mt19937_64();
    g.initByArray64([0x12345n, 0x23456n, 0x34567n, 0x45678n]);
    expect([g.nextOutput(), g.nextOutput()]).toEqual([7266447313870364031n, 4946485549665804864n]);
  });
  it("ISO C++ [rand.predef] mt19937_64 check: init_genrand64(5489), the 10000th output is 9981545732273789042", () => {
    const g = new Mt19937_64(5489n);
    const buf = new Uint32Array(20000);
    g.fill(buf);
    expect((BigInt(buf[19999]) << 32n) | BigInt(buf[19998])).toBe(9981545732273789042n);
  });
});
