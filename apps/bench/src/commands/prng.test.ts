import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";

const run = (argv: string[], closeAfter = Infinity) => runCli(argv, { closeAfter });

const prng = (...args: string[]) => run(["prng", ...args]);
/** prng with a reader that closes the pipe once `closeAfter` bytes have been written. */
const prngClosingAfter = (closeAfter: number, ...args: string[]) => run(["prng", ...args], closeAfter);

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The 32-bit little-endian words of a byte stream. */
function wordsLE(bytes: Uint8Array): number[] {
  expect(bytes.length % 4).toBe(0);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, i) => dv.getUint32(i * 4, true));
}

const decLines = (text: string) => text.split("\n").slice(0, -1).map(Number);

/** Word lists are equal; on failure reports the first difference (a diff of 30,000 numbers is too slow). */
function expectSameWords(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  const i = got.findIndex((w, k) => w !== want[k]);
  expect(i === -1 ? null : { index: i, got: got[i], want: want[i] }).toBeNull();
}

const GLIBC_SEED_1 = [1804289383, 846930886, 1681692777, 1714636915, 1957747793];

describe("prng glibc-rand, decimal", () => {
  it("--seed 0 --count 5: glibc's srand(1) sequence, one per line, LF only", async () => {
    const r = await prng("glibc-rand", "--seed", "0", "--count", "5");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("1804289383\n846930886\n1681692777\n1714636915\n1957747793\n");
    expect(r.stdout).not.toContain("\r");
    expect(r.chunks).toEqual([]);
  });

  it("--seed 1 is identical to --seed 0 (glibc maps srand(0) to srand(1))", async () => {
    const a = await prng("glibc-rand", "--seed", "0", "--count", "100");
    const b = await prng("glibc-rand", "--seed", "1", "--count", "100");
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(decLines(b.stdout).slice(0, 5)).toEqual(GLIBC_SEED_1);
  });

  it("--seed 0x42 --count 5", async () => {
    const r = await prng("glibc-rand", "--seed", "0x42", "--count", "5");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("286129175\n1594929109\n971802288\n222134722\n1335014133\n");
  });

  it("hex and decimal spellings of a seed are the same seed (0x42 = 0X42 = 66)", async () => {
    const want = (await prng("glibc-rand", "--seed", "0x42", "--count", "20")).stdout;
    expect((await prng("glibc-rand", "--seed", "66", "--count", "20")).stdout).toBe(want);
    expect((await prng("glibc-rand", "--seed", "0X42", "--count", "20")).stdout).toBe(want);
  });

  // Reference values from real glibc (srand(s); rand() ×3), incl. seeds ≥ 2^31 (negative int32 in glibc's seeding).
  const glibcRef: [string, number[]][] = [
    ["2147483648", [1336741213, 1210407648, 1447044896]],
    ["3000000000", [2058147116, 854483408, 922419988]],
    ["4294967295", [254925627, 1205188300, 366127624]],
    ["123456789", [1965102536, 1639725855, 706684578]],
  ];
  for (const [seed, want] of glibcRef) {
    it(`--seed ${seed} matches glibc`, async () => {
      const r = await prng("glibc-rand", "--seed", seed, "--count", "3");
      expect(r.code).toBe(0);
      expect(decLines(r.stdout)).toEqual(want);
    });
  }

  it("--count 0 prints nothing and succeeds", async () => {
    expect(await prng("glibc-rand", "--seed", "1", "--count", "0")).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("a large count (several output chunks) continues the one sequence", async () => {
    const r = await prng("glibc-rand", "--seed", "1", "--count", "10000");
    const lines = decLines(r.stdout);
    expect(lines).toHaveLength(10000);
    expect(lines.slice(0, 5)).toEqual(GLIBC_SEED_1);
    // Shorter runs are prefixes of longer ones.
    const short = await prng("glibc-rand", "--seed", "1", "--count", "4097");
    expect(r.stdout.startsWith(short.stdout)).toBe(true);
  });

  it("the generator name is case-insensitive and takes its aliases", async () => {
    for (const name of ["GLIBC-RAND", "rand", "glibc"]) {
      const r = await prng(name, "--seed", "0", "--count", "5");
      expect(r.code, name).toBe(0);
      expect(decLines(r.stdout), name).toEqual(GLIBC_SEED_1);
    }
  });
});

describe("prng glibc-rand_r", () => {
  // Reference values from real glibc rand_r(&s) ×3.
  const ref: [string, number[]][] = [
    ["0", [1012484, 1716955679, 1792309082]],
    ["1", [476707713, 1186278907, 505671508]],
    ["0x42", [1376198510, 1091894509, 650200530]],
    ["4294967295", [1670702726, 99100226, 931463008]],
  ];
  for (const [seed, want] of ref) {
    it(`--seed ${seed} matches glibc rand_r`, async () => {
      const r = await prng("glibc-rand_r", "--seed", seed, "--count", "3");
      expect(r.code).toBe(0);
      expect(decLines(r.stdout)).toEqual(want);
    });
  }

  it("seed 0 is a seed of its own for rand_r (unlike rand)", async () => {
    const a = await prng("glibc-rand_r", "--seed", "0", "--count", "3");
    const b = await prng("glibc-rand_r", "--seed", "1", "--count", "3");
    expect(a.stdout).not.toBe(b.stdout);
  });

  it("hex is zero-padded to 8 digits (small first output of seed 0)", async () => {
    const r = await prng("glibc-rand_r", "--seed", "0", "--count", "3", "--format", "hex");
    expect(r.stdout).toBe("000f7304\n6656aa1f\n6ad4775a\n");
  });
});

describe("prng --format hex", () => {
  it("is lowercase, 8 digits, zero-padded, no prefix", async () => {
    const r = await prng("glibc-rand", "--seed", "0", "--count", "5", "--format", "hex");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("6b8b4567\n327b23c6\n643c9869\n66334873\n74b0dc51\n");
    for (const line of r.stdout.split("\n").slice(0, -1)) expect(line).toMatch(/^[0-9a-f]{8}$/);
  });

  it("--seed 0x42: each line is the decimal output in hex", async () => {
    const r = await prng("glibc-rand", "--seed", "0x42", "--count", "5", "--format", "hex");
    expect(r.stdout).toBe(
      [286129175, 1594929109, 971802288, 222134722, 1335014133].map((v) => v.toString(16).padStart(8, "0") + "\n").join(""),
    );
    expect(r.stdout.split("\n")[3]).toBe("0d3d81c2"); // 222134722 needs the padding
  });

  it("--format dec is the default", async () => {
    const a = await prng("glibc-rand", "--seed", "9", "--count", "7");
    const b = await prng("glibc-rand", "--seed", "9", "--count", "7", "--format", "dec");
    expect(b.stdout).toBe(a.stdout);
  });
});

describe("prng --format raw", () => {
  it("--count 3 writes 12 bytes: the three outputs, little-endian", async () => {
    const r = await prng("glibc-rand", "--seed", "0", "--count", "3", "--format", "raw");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    const bytes = concat(r.chunks);
    expect(Array.from(bytes)).toEqual([
      0x67, 0x45, 0x8b, 0x6b, // 1804289383 = 0x6b8b4567
      0xc6, 0x23, 0x7b, 0x32, // 846930886 = 0x327b23c6
      0x69, 0x98, 0x3c, 0x64, // 1681692777 = 0x643c9869
    ]);
  });

  it("--count 0 writes no bytes", async () => {
    const r = await prng("glibc-rand", "--seed", "0", "--count", "0", "--format", "raw");
    expect(r.code).toBe(0);
    expect(concat(r.chunks)).toHaveLength(0);
  });

  it("a count that spans several chunks gives exactly that many words, equal to the decimal output", async () => {
    const n = 20000;
    const raw = await prng("glibc-rand_r", "--seed", "7", "--count", String(n), "--format", "raw");
    const dec = await prng("glibc-rand_r", "--seed", "7", "--count", String(n));
    expect(raw.code).toBe(0);
    const bytes = concat(raw.chunks);
    expect(bytes.length).toBe(4 * n);
    expectSameWords(wordsLE(bytes), decLines(dec.stdout));
  });

  it("without --count, streams until stdoutBytes returns false, then stops and exits 0", async () => {
    const limit = 100_000; // more than one chunk
    const r = await prngClosingAfter(limit, "glibc-rand", "--seed", "1", "--format", "raw");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    expect(r.writesAfterClose).toBe(0);
    const bytes = concat(r.chunks);
    expect(bytes.length).toBeGreaterThanOrEqual(limit);
    // It stopped at the first false: everything before the last chunk was under the limit.
    expect(bytes.length - r.chunks[r.chunks.length - 1].length).toBeLessThan(limit);
    // The stream is the generator's sequence, contiguous across chunk boundaries.
    const words = wordsLE(bytes);
    const dec = await prng("glibc-rand", "--seed", "1", "--count", String(words.length));
    expectSameWords(words, decLines(dec.stdout));
  });

  it("a reader that closes after the first write gets one chunk", async () => {
    const r = await prngClosingAfter(1, "glibc-rand_r", "--seed", "3", "--format", "raw");
    expect(r.code).toBe(0);
    expect(r.chunks).toHaveLength(1);
    expect(r.writesAfterClose).toBe(0);
  });

  it("a closed pipe also ends a --count run early, with exit 0", async () => {
    const r = await prngClosingAfter(1, "glibc-rand", "--seed", "1", "--count", "1000000", "--format", "raw");
    expect(r.code).toBe(0);
    expect(r.chunks).toHaveLength(1);
    expect(r.chunks[0].length).toBeLessThan(4_000_000);
    expect(r.writesAfterClose).toBe(0);
  });
});

describe("prng --list", () => {
  it("lists the generators one per line, glibc-rand and glibc-rand_r first (the PRNG register's order)", async () => {
    const r = await prng("--list");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout.startsWith("glibc-rand\nglibc-rand_r\n")).toBe(true);
  });

  it("every listed generator can be run", async () => {
    const names = (await prng("--list")).stdout.split("\n").slice(0, -1);
    for (const name of names) {
      const r = await prng(name, "--seed", "5", "--count", "2");
      expect(r.code, name).toBe(0);
      expect(decLines(r.stdout), name).toHaveLength(2);
    }
  });
});

describe("prng errors: non-zero exit, a message on stderr, nothing on stdout", () => {
  const cases: [string, string[], RegExp][] = [
    ["unknown generator", ["mt19938", "--seed", "1", "--count", "5"], /unknown generator 'mt19938'/],
    ["missing generator", ["--seed", "1", "--count", "5"], /missing generator/],
    ["two generators", ["glibc-rand", "glibc-rand_r", "--seed", "1", "--count", "5"], /unexpected argument 'glibc-rand_r'/],
    ["missing --seed", ["glibc-rand", "--count", "5"], /--seed/],
    ["seed 2^32 (out of range for a 32-bit seed)", ["glibc-rand", "--seed", "4294967296", "--count", "5"], /4294967296/],
    ["seed 0x100000000", ["glibc-rand_r", "--seed", "0x100000000", "--count", "5"], /4294967296/],
    ["seed 'abc'", ["glibc-rand", "--seed", "abc", "--count", "5"], /invalid seed 'abc'/],
    ["seed '-1'", ["glibc-rand", "--seed", "-1", "--count", "5"], /--seed/],
    ["seed '--seed=-1'", ["glibc-rand", "--seed=-1", "--count", "5"], /invalid seed '-1'/],
    ["seed '1.5'", ["glibc-rand", "--seed", "1.5", "--count", "5"], /invalid seed '1\.5'/],
    ["seed ''", ["glibc-rand", "--seed", "", "--count", "5"], /invalid seed ''/],
    ["seed '0x'", ["glibc-rand", "--seed", "0x", "--count", "5"], /invalid seed '0x'/],
    ["missing --count for dec", ["glibc-rand", "--seed", "1"], /--count is required/],
    ["missing --count for hex", ["glibc-rand", "--seed", "1", "--format", "hex"], /--count is required/],
    ["--format bin", ["glibc-rand", "--seed", "1", "--count", "5", "--format", "bin"], /'bin'/],
    ["--format HEX", ["glibc-rand", "--seed", "1", "--count", "5", "--format", "HEX"], /'HEX'/],
    ["--count -3", ["glibc-rand", "--seed", "1", "--count", "-3"], /--count/],
    ["--count=-3", ["glibc-rand", "--seed", "1", "--count=-3"], /invalid --count '-3'/],
    ["--count 1.5", ["glibc-rand", "--seed", "1", "--count", "1.5"], /invalid --count '1\.5'/],
    ["--count 2^53", ["glibc-rand", "--seed", "1", "--count", "9007199254740992"], /invalid --count/],
    ["unknown option", ["glibc-rand", "--seed", "1", "--count", "5", "--bogus"], /--bogus/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await prng(...args);
      expect(r.code).not.toBe(0);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.chunks).toEqual([]);
      expect(r.stderr).toMatch(/^rnglab: prng: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.endsWith("\n")).toBe(true);
    });
  }

  it("errors in raw mode write no bytes either", async () => {
    const r = await prngClosingAfter(1, "glibc-rand", "--seed", "4294967296", "--format", "raw");
    expect(r.code).toBe(2);
    expect(r.chunks).toEqual([]);
    expect(r.stdout).toBe("");
  });

  it("the largest 32-bit seed, 2^32-1, is accepted", async () => {
    for (const seed of ["4294967295", "0xffffffff", "0xFFFFFFFF"]) {
      const r = await prng("glibc-rand", "--seed", seed, "--count", "1");
      expect(r.code, seed).toBe(0);
      expect(r.stdout, seed).toBe("254925627\n");
    }
  });
});

describe("prng properties", () => {
  const seedArb = fc.bigInt({ min: 0n, max: 0xffffffffn });
  const countArb = fc.integer({ min: 0, max: 50 });
  const nameArb = fc.constantFrom("glibc-rand", "glibc-rand_r");

  it("dec: count lines, each a decimal integer below 2^31; hex of the same seed is the dec output in hex", async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, seedArb, countArb, fc.boolean(), async (name, seed, count, hexSeed) => {
        const seedText = hexSeed ? `0x${seed.toString(16)}` : seed.toString();
        const dec = await prng(name, "--seed", seedText, "--count", String(count));
        expect(dec.code).toBe(0);
        expect(dec.stderr).toBe("");
        const lines = dec.stdout.split("\n");
        expect(lines.pop()).toBe(""); // every line, the last included, ends in LF
        expect(lines).toHaveLength(count);
        for (const l of lines) {
          expect(l).toMatch(/^(0|[1-9][0-9]*)$/);
          expect(Number(l)).toBeLessThan(2 ** 31);
        }
        const hex = await prng(name, "--seed", seedText, "--count", String(count), "--format", "hex");
        expect(hex.code).toBe(0);
        expect(hex.stdout).toBe(lines.map((l) => Number(l).toString(16).padStart(8, "0") + "\n").join(""));
      }),
      { numRuns: 150 },
    );
  });

  it("raw --count N is the dec output as little-endian 32-bit words", async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, seedArb, countArb, async (name, seed, count) => {
        const dec = await prng(name, "--seed", seed.toString(), "--count", String(count));
        const raw = await prng(name, "--seed", seed.toString(), "--count", String(count), "--format", "raw");
        expect(raw.code).toBe(0);
        expect(wordsLE(concat(raw.chunks))).toEqual(decLines(dec.stdout));
      }),
      { numRuns: 100 },
    );
  });

  it("a shorter count prints a prefix of a longer one (same seed)", async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, fc.integer({ min: 1, max: 30 }), async (seed, count) => {
        const long = await prng("glibc-rand", "--seed", seed.toString(), "--count", String(count + 5));
        const short = await prng("glibc-rand", "--seed", seed.toString(), "--count", String(count));
        expect(long.stdout.startsWith(short.stdout)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe("prng --list takes no other arguments", () => {
  it("rejects a generator name or options beside --list", async () => {
    for (const args of [["--list", "bogus"], ["--list", "--seed", "1"]]) {
      const r = await run(["prng", ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
  });
});
