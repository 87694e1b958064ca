import { describe, expect, it } from "vitest";
import { runCli } from "../test-cli.js";
import type { BenchReport } from "@rng/lab";

const run = (argv: string[]) => {
  let t = 0;
  return runCli(argv, { now: () => (t += 1) });
};

async function report(args: string[] = []): Promise<BenchReport> {
  const r = await run(["bench", "--json", ...args]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as BenchReport;
}

describe("rnglab bench: the lab's v1 design on the tcg profile", () => {
  it("reproduces the measured 917 ns per RAND ioctl within 10 % (ladder-tcg.md cmd1)", async () => {
    const r = await report();
    const v1 = r.results.find((x) => x.design === "v1");
    expect(v1).toBeDefined();
    expect(Math.abs((v1?.nsPerCall ?? 0) - 917) / 917).toBeLessThan(0.1);
    expect(v1?.calls).toBe(262144);
    expect(v1?.bytes).toBe(1048576);
  });

  it("splits the time as measured: syscall 46 %, dispatch 29 %, driver+copy 8 %, mmio 14 % (±10 pp)", async () => {
    const [v1] = (await report(["--design", "v1"])).results;
    const pct = (ns: number) => (100 * ns) / v1.virtualNs;
    const b = v1.breakdownNs;
    expect(Math.abs(pct(b.syscall) - 46)).toBeLessThan(10);
    expect(Math.abs(pct(b.dispatch) - 29)).toBeLessThan(10);
    expect(Math.abs(pct(b.driver + b.copy) - 8)).toBeLessThan(10);
    expect(Math.abs(pct(b.mmio + b.device + b.prng) - 14)).toBeLessThan(10);
    const sum = Object.values(b).reduce((s, x) => s + x, 0);
    expect(Math.abs(sum - v1.virtualNs)).toBeLessThan(2000); // open/close are outside the loop's categories too
  });

  it("virtual figures are identical across runs (deterministic)", async () => {
    const a = (await report(["--bytes", "4096"])).results[0];
    const b = (await report(["--bytes", "4096"])).results[0];
    expect([a.virtualNs, a.breakdownNs]).toEqual([b.virtualNs, b.breakdownNs]);
  });

  it("JSON has DESIGN.md §7's fields, in decimal units", async () => {
    const r = await report(["--bytes", "400"]);
    expect(r.profile.id).toBe("tcg");
    expect(r.machine).toEqual(["-M", "pc", "-m", "128", "-device", "my_rng"]);
    expect(r.results.map((x) => x.design)).toEqual(["v1", "rng64-pair", "rng64-q", "read", "dma", "hwrng", "copy-only"]);
    expect(r.results.every((x) => x.stream !== "MISMATCH")).toBe(true);
    const x = r.results[0];
    expect(Object.keys(x).sort()).toEqual(
      ["bytes", "bytesPerCall", "bytesPerSecond", "breakdownNs", "calls", "design", "hostCallsPerSecond", "hostSeconds", "nsPerCall", "stream", "virtualNs"].sort(),
    );
    expect(x.bytesPerSecond).toBeCloseTo(x.bytes / (x.virtualNs / 1e9), 0);
  });

  it("--cost overrides a number and marks the profile id", async () => {
    const r = await report(["--bytes", "4000", "--cost", "syscallNs=100"]);
    expect(r.profile.id).toBe("tcg+syscallNs");
    expect(r.results[0].nsPerCall).toBeLessThan(917 - 300);
  });

  it("the table shows numbers/s, MB/s, µs per call, the breakdown, host speed and the students' line", async () => {
    const r = await run(["bench", "--bytes", "4096"]);
    expect(r.code).toBe(0);
    for (const s of ["M numbers/s", "MB/s", "µs per call", "syscall", "dispatch", "mmio", "host speed", "2.11 µs per call"]) expect(r.stdout).toContain(s);
    expect(r.stdout).toMatch(/^v1 +4 +1024 +0\.91\d +1\.0\d\d +4\.3\d +1\.0  ok/m);
  });

  it("bad input: unknown design or profile, bad --bytes, bad --cost: exit 2 and nothing on stdout", async () => {
    for (const args of [["--design", "v9"], ["--profile", "xen"], ["--bytes", "abc"], ["--bytes", "2"], ["--cost", "nosuch=1"], ["--cost", "syscallNs=-1"], ["--json", "--csv"]]) {
      const r = await run(["bench", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("a bad machine option is QEMU's error, exit 1", async () => {
    const r = await run(["bench", "--", "-device", "nosuch"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("qemu-system-x86_64: -device nosuch: 'nosuch' is not a valid device model name\n");
  });
});

describe("profiles", () => {
  it("kvm: every MMIO read is a VM exit to QEMU, so the v1 call is dominated by mmio", async () => {
    const [v1] = (await report(["--profile", "kvm", "--bytes", "4096"])).results;
    expect(v1.breakdownNs.mmio / v1.virtualNs).toBeGreaterThan(0.8);
    expect(v1.nsPerCall).toBeGreaterThan(3000);
  });
  it("-enable-kvm or -accel kvm selects kvm unless --profile is given", async () => {
    expect((await report(["--bytes", "400", "--", "-enable-kvm", "-device", "my_rng"])).profile.id).toBe("kvm");
    expect((await report(["--bytes", "400", "--", "-accel", "kvm", "-device", "my_rng"])).profile.id).toBe("kvm");
    expect((await report(["--bytes", "400", "--profile", "tcg", "--", "-accel", "kvm", "-device", "my_rng"])).profile.id).toBe("tcg");
  });
});
