import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Mt19937_64, mt19937_64 } from "./mt19937-64.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  word_bits: number;
  output_bits: number;
  seed_bits: number;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "mt19937-64") as VectorEntry;
const SEED_MAX = 0xffffffffffffffffn;

describe("mt19937-64 against vectors.json", () => {
  it("info matches vectors.json", () => {
    const i = mt19937_64.info;
    expect([i.name, i.wordBits, i.outputBits, i.seedBits]).toEqual([entry.name, entry.word_bits, entry.output_bits, entry.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextOutput, nextWord pairs low-then-high, fill)`, () => {
      const a = new Mt19937_64(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextOutput()))).toEqual(outputs);
      const b = mt19937_64.create(BigInt(seed));
      const words = outputs.flatMap((o) => [Number(BigInt(o) & 0xffffffffn), Number(BigInt(o) >> 32n)]);
      expect(Array.from({ length: words.length }, () => b.nextWord())).toEqual(words);
      const c = mt19937_64.create(BigInt(seed));
      const buf = new Uint32Array(words.length);
      c.fill(buf);
      expect(Array.from(buf)).toEqual(words);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(mt19937_64.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
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

describe("mt19937-64 seeds and stream", () => {
  it("checkSeed accepts 0 … 2^64-1 and names the range otherwise", () => {
    expect(mt19937_64.checkSeed(0n)).toBeUndefined();
    expect(mt19937_64.checkSeed(SEED_MAX)).toBeUndefined();
    expect(mt19937_64.checkSeed(SEED_MAX + 1n)).toContain("outside 0 … 2^64-1");
    expect(mt19937_64.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = mt19937_64.create();
    const b = mt19937_64.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextOutput()).toBe(b.nextOutput());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes (odd chunks leave a pending high half)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), fc.array(fc.integer({ min: 0, max: 1300 }), { maxLength: 8 }), (seed, chunks) => {
        const a = mt19937_64.create(seed);
        const b = mt19937_64.create(seed);
        for (const n of chunks) {
          const buf = new Uint32Array(n);
          a.fill(buf);
          for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
        }
        return a.nextWord() === b.nextWord();
      }),
      { numRuns: 60 },
    );
  });
  it("nextOutput() equals hi << 32 | lo of two nextWord() calls from the same state", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), fc.integer({ min: 0, max: 700 }), (seed, skip) => {
        const a = mt19937_64.create(seed);
        const b = mt19937_64.create(seed);
        for (let i = 0; i < skip; i++) {
          a.nextOutput();
          b.nextWord();
          b.nextWord();
        }
        for (let i = 0; i < 20; i++) {
          const lo = BigInt(b.nextWord());
          const hi = BigInt(b.nextWord());
          if (a.nextOutput() !== ((hi << 32n) | lo)) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
  it("nextOutput() drops a high half left pending by nextWord() or an odd fill()", () => {
    const ref = mt19937_64.create(7n);
    const o = [ref.nextOutput(), ref.nextOutput(), ref.nextOutput()];
    const a = mt19937_64.create(7n);
    expect(BigInt(a.nextWord())).toBe(o[0] & 0xffffffffn);
    expect(a.nextOutput()).toBe(o[1]);
    const b = mt19937_64.create(7n);
    b.fill(new Uint32Array(3)); // output 0, and the low half of output 1
    expect(b.nextOutput()).toBe(o[2]);
  });
  it("reseeding restarts the stream and clears a pending half", () => {
    const g = mt19937_64.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});
