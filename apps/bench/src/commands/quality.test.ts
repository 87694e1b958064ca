import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";

const run = async (argv: string[]) => {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, stdout, stderr };
};

describe("rnglab quality", () => {
  it("glibc-rand as the register delivers it fails the battery (bit 31 is always 0)", async () => {
    const r = await run(["quality", "glibc-rand", "--register", "--bytes", "65536", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { results: { test: string; pass: boolean }[] };
    expect(j.results.find((x) => x.test === "frequency")?.pass).toBe(false);
    expect(j.results.find((x) => x.test === "byte-chi-square")?.pass).toBe(false);
  });
  it("its 31 output bits, and good generators, pass the frequency and byte tests", async () => {
    for (const args of [["glibc-rand"], ["xoshiro256ss"], ["chacha20"], ["mt19937", "--register"]]) {
      const j = JSON.parse((await run(["quality", ...args, "--bytes", "65536", "--json"])).stdout) as { results: { test: string; pass: boolean }[] };
      expect(j.results.find((x) => x.test === "frequency")?.pass, args.join(" ")).toBe(true);
      expect(j.results.find((x) => x.test === "byte-chi-square")?.pass, args.join(" ")).toBe(true);
    }
  });
  it("--csv gives one line per test with the same verdicts as --json; --json with --csv is a usage error", async () => {
    const j = JSON.parse((await run(["quality", "glibc-rand", "--register", "--bytes", "65536", "--json"])).stdout) as { results: { test: string; pass: boolean }[] };
    const csv = (await run(["quality", "glibc-rand", "--register", "--bytes", "65536", "--csv"])).stdout.trimEnd().split("\n");
    expect(csv[0]).toBe("test,statistic,pValues,pass");
    expect(csv.slice(1).map((l) => (l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.split(",")[0]))).toEqual(j.results.map((r) => r.test));
    expect(csv.slice(1).map((l) => l.endsWith(",1"))).toEqual(j.results.map((r) => r.pass));
    const both = await run(["quality", "glibc-rand", "--json", "--csv"]);
    expect([both.code, both.stdout]).toEqual([2, ""]);
  });
  it("bad input: unknown generator, invalid seed for it, bad --bytes: exit 2, nothing on stdout", async () => {
    for (const args of [["nosuch"], ["xorshift32", "--seed", "0"], ["minstd16807", "--seed", "0"], ["glibc-rand", "--bytes", "10"], []]) {
      const r = await run(["quality", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });
});

describe("rnglab prng with the whole family", () => {
  it("--list prints the 26 names in register order", async () => {
    const r = await run(["prng", "--list"]);
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(26);
    expect(r.stdout.startsWith("glibc-rand\nglibc-rand_r\niso-c-lcg\n")).toBe(true);
  });
  it("64-bit generators: hex is 16 digits, raw is 8 little-endian bytes per output, aliases work", async () => {
    const hex = await run(["prng", "xoshiro256**", "--seed", "1", "--count", "2", "--format", "hex"]);
    expect(hex.stdout).toMatch(/^[0-9a-f]{16}\n[0-9a-f]{16}\n$/);
    const raw = await runCli(["prng", "xoshiro256ss", "--seed", "1", "--count", "2", "--format", "raw"]);
    const bytes = Buffer.concat(raw.chunks);
    expect(bytes.length).toBe(16);
    expect(bytes.readBigUInt64LE(0).toString(16).padStart(16, "0")).toBe(hex.stdout.split("\n")[0]);
  });
  it("seeds outside a generator's range or invalid for it are errors naming the range", async () => {
    const a = await run(["prng", "xorshift32", "--seed", "0", "--count", "1"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/xorshift32/);
    const b = await run(["prng", "mulberry32", "--seed", String(2n ** 32n), "--count", "1"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/2\^32/);
  });
});
