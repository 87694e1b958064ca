import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";
import type { MmioSpeedResult } from "./mmio-speed.js";

const run = async (argv: string[], now: () => number) => {
  const { code, stdout, stderr } = await runCli(argv, { now });
  return { code, stdout, stderr };
};

/** A clock that advances 1 ms per call. */
function msClock(): () => number {
  let t = 0;
  return () => t++;
}

/** A clock that returns the given times in order. */
function scriptedClock(times: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= times.length) throw new Error("clock read more often than scripted");
    return times[i++];
  };
}

const mmio = (args: string[], now: () => number = msClock()) => run(["mmio-speed", ...args], now);

function parseResult(stdout: string): MmioSpeedResult {
  expect(stdout.endsWith("\n")).toBe(true);
  expect(stdout.trimEnd()).not.toContain("\n"); // one JSON line
  return JSON.parse(stdout) as MmioSpeedResult;
}

/** XOR of the first n outputs of `prng NAME --seed S`, as the benchmark's checksum folds its reads. */
async function xorOfOutputs(name: string, seed: string, n: number): Promise<number> {
  const r = await run(["prng", name, "--seed", seed, "--count", String(n)], () => 0);
  expect(r.code).toBe(0);
  return r.stdout
    .split("\n")
    .slice(0, -1)
    .reduce((x, l) => (x ^ Number(l)) >>> 0, 0);
}

describe("mmio-speed --json", () => {
  it("--reads 1000 --runs 1: my_rng's BAR0 at 0xfebf1000 and a positive median rate", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "1", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const res = parseResult(r.stdout);
    expect(res.barAddress).toBe(0xfebf1000);
    expect(res.barAddress).toBe(4273934336);
    expect(res.bdf).toBe("00:04.0");
    expect(res.reads).toBe(1000);
    expect(res.runs).toBe(1);
    expect(res.medianReadsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(res.medianReadsPerSecond)).toBe(true);
    // 1000 reads in 1 ms of the fake clock.
    expect(res.readsPerSecond).toHaveLength(1);
    expect(res.readsPerSecond[0]).toBeCloseTo(1e6, 3);
    expect(res.medianReadsPerSecond).toBeCloseTo(1e6, 3);
  });

  it("the reads really go through my_rng: the checksum is the XOR of glibc rand's outputs (warm-up + run)", async () => {
    const res = parseResult((await mmio(["--reads", "1000", "--runs", "1", "--json"])).stdout);
    // The shared generator starts as srand(1); 1000 warm-up reads, then 1000 measured ones.
    expect(res.checksum).toBe(await xorOfOutputs("glibc-rand", "1", 2000));
  });

  it("a private seed= on the device changes what is read", async () => {
    const r = await mmio(["--reads", "500", "--runs", "2", "--json", "--", "-device", "my_rng,seed=0x42,prng=glibc-rand_r"]);
    expect(r.code).toBe(0);
    const res = parseResult(r.stdout);
    expect(res.checksum).toBe(await xorOfOutputs("glibc-rand_r", "0x42", 500 * 3));
  });

  it("the median is taken over the runs (runs of 1, 4 and 2 ms: median 500000 reads/s)", async () => {
    const now = scriptedClock([0, 1, 10, 14, 20, 22]);
    const res = parseResult((await mmio(["--reads", "1000", "--runs", "3", "--json"], now)).stdout);
    expect(res.runs).toBe(3);
    expect(res.readsPerSecond.map((x) => Math.round(x))).toEqual([1_000_000, 250_000, 500_000]);
    expect(Math.round(res.medianReadsPerSecond)).toBe(500_000);
  });

  it("follows my_rng to where the machine options put it", async () => {
    const r = await mmio(["--reads", "100", "--runs", "1", "--json", "--", "-nodefaults", "-device", "my_rng,addr=05.0"]);
    expect(r.code).toBe(0);
    const res = parseResult(r.stdout);
    expect(res.barAddress).toBe(0xfebff000);
    expect(res.bdf).toBe("00:05.0");
  });

  it("with -- -nodefaults (no my_rng) it fails: non-zero exit, a message, nothing on stdout", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "1", "--json", "--", "-nodefaults"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^rnglab: mmio-speed: .*my_rng/);
  });

  it("a machine without my_rng (options replace the default) fails the same way", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "1", "--json", "--", "-device", "pci-testdev"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("my_rng");
  });

  it("a bad machine gets QEMU's error and exit 1", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "1", "--json", "--", "-device", "nosuchdev"]);
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: "qemu-system-x86_64: -device nosuchdev: 'nosuchdev' is not a valid device model name\n",
    });
  });
});

describe("mmio-speed text output and usage errors", () => {
  it("the text report names the register, the BDF and the rate", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("my_rng RNG register at 0xfebf1000 (00:04.0 BAR0)");
    expect(r.stdout).toContain("host speed: 1.0 million reads per second (median of 1, one core)");
  });

  it("--csv: a header and one line per run, with the BDF and BAR address", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "3", "--csv"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("bdf,barAddress,run,reads,readsPerSecond");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["00:04.0,0xfebf1000,1,1000", "00:04.0,0xfebf1000,2,1000", "00:04.0,0xfebf1000,3,1000"]);
  });

  for (const args of [["--reads", "0"], ["--runs", "0"], ["--reads", "-5"], ["--reads", "abc"], ["--runs", "1.5"], ["--bogus"], ["--csv"]]) {
    it(`${args.join(" ")} is a usage error with nothing on stdout`, async () => {
      const r = await mmio([...args, "--json"]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^rnglab: mmio-speed: /);
    });
  }
});

describe("mmio-speed edge cases", () => {
  it("the median of an even number of runs is the mean of the middle two", async () => {
    const r = await mmio(["--reads", "1000", "--runs", "2", "--json"], scriptedClock([0, 1, 10, 14]));
    expect(r.code).toBe(0);
    expect(parseResult(r.stdout).medianReadsPerSecond).toBe(625000);
  });
  it("a clock that does not advance gives a finite rate", async () => {
    const r = await mmio(["--reads", "10", "--runs", "1", "--json"], () => 5);
    expect(Number.isFinite(parseResult(r.stdout).medianReadsPerSecond)).toBe(true);
  });
  it("--reads and --runs take plain decimal counts only", async () => {
    for (const bad of [["--reads", "0x10"], ["--runs", "1e0"], ["--reads", " 5"]]) {
      const r = await mmio([...bad, "--json"]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
  });
});
