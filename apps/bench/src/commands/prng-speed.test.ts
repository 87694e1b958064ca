import { describe, expect, it } from "vitest";
import { runCli as runCliRaw } from "../test-cli.js";

// A clock that moves 1 ms per reading, so every timed fill takes a known, non-zero time.
const runCli = (argv: string[]) => {
  let t = 0;
  return runCliRaw(argv, { now: () => (t += 1) });
};

describe("rnglab prng-speed", () => {
  it("--json: one rnglab row per generator in registry order, every rate positive and consistent", async () => {
    const r = await runCli(["prng-speed", "--words", "4096", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; impl: string; nsPerWord: number; mbPerSecond: number }[];
    const ours = rows.filter((x) => x.impl === "rnglab");
    expect(ours).toHaveLength(26);
    expect(ours[0].name).toBe("glibc-rand");
    for (const x of rows) {
      expect(x.nsPerWord, x.name).toBeGreaterThan(0);
      expect(x.mbPerSecond, x.name).toBeCloseTo(4e3 / x.nsPerWord, 6);
    }
    // The CSPRNG reference runs beside chacha20.
    expect(rows.some((x) => x.name === "chacha20" && x.impl.includes("randomFillSync"))).toBe(true);
  });
  it("--csv: a header and one line per row; the text table has a heading and the same rows", async () => {
    const csv = (await runCli(["prng-speed", "--words", "4096", "--csv"])).stdout.trimEnd().split("\n");
    expect(csv[0]).toBe("generator,implementation,nsPerWord,mbPerSecond");
    const text = (await runCli(["prng-speed", "--words", "4096"])).stdout.trimEnd().split("\n");
    expect(text[1]).toMatch(/^generator +implementation +ns\/word +MB\/s$/);
    expect(text.length - 2).toBe(csv.length - 1);
    expect(text[2]).toMatch(/^glibc-rand +rnglab +\d+\.\d\d +\d+$/);
  });
  for (const args of [["--words", "0"], ["--words", "x"], ["--json", "--csv"], ["--nope"]]) {
    it(`${args.join(" ")} is a usage error (exit 2, nothing on stdout)`, async () => {
      const r = await runCli(["prng-speed", ...args]);
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(/^rnglab: prng-speed: /);
    });
  }
});
