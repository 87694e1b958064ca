// The bench runner, for any host: each design's user program on a fresh machine and guest, its virtual
// time and where it went, the stream check, and the chart. The CLI and the playground both call it.
import { BENCH_DESIGNS, FNV_OFFSET, MY_RNG_DEVICE_PATH, MY_RNG_MAJOR, fnv1a, type BenchDesign } from "@rng/driver";
import { runShell } from "@rng/guest-kernel";
import { findPrng, type Prng } from "@rng/prngs";
import { COST_CATEGORIES, PcMachine, type CostCategory, type CostNumbers, type CostProfile } from "@rng/hw-qemu";
import { bootGuest } from "./compose.js";
import { DEFAULT_MACHINE_ARGS } from "./machine-args.js";

/** The students' figure (lab.md: 1,000,000 RAND ioctls, 2.11 µs per call, 1.81 MiB/s = 1.90 MB/s). */
export const STUDENTS_REFERENCE = { nsPerCall: 2110, bytesPerSecond: 1.9e6 };

export interface BenchResult {
  design: string;
  bytesPerCall: number;
  bytes: number;
  calls: number;
  virtualNs: number;
  bytesPerSecond: number;
  nsPerCall: number;
  breakdownNs: Record<CostCategory, number>;
  hostSeconds: number;
  hostCallsPerSecond: number;
  /** The invariant: the bytes user space received are the device's stream for the seed ("n/a": copy-only). */
  stream: "ok" | "MISMATCH" | "n/a";
}

export interface BenchReport {
  rnglab: string;
  profile: { id: string; description: string; ns: CostNumbers };
  machine: string[];
  results: BenchResult[];
  reference: { source: string; nsPerCall: number; bytesPerSecond: number };
}

export const RNGLAB_VERSION = "0.1.0";

/** Transfer sizes of the read/dma sweep (4 B … 1 MiB), as the measured ladder has them. */
export const SWEEP_SIZES = [4, 64, 1024, 4096, 65536, 1048576];

/** A design that cannot run on the given machine (e.g. a version-2 design on a version-1 device). */
export class DesignUnavailable extends Error {}

/** The machine a design needs when the user gives none: the lab's, with version=2 for the new designs. */
export function defaultMachineFor(design: BenchDesign): string[] {
  return BENCH_DESIGNS[design].version === 2 ? ["-M", "pc", "-m", "128", "-device", "my_rng,version=2"] : [...DEFAULT_MACHINE_ARGS];
}

/** FNV-1a of the first `bytes` bytes of the device's stream for `seed` (DESIGN.md §3), computed on the host. */
function referenceHash(machine: PcMachine, bytes: number, seed: number): number | undefined {
  const dev = machine.bus.functions().find((d) => d.typeName === "my_rng") as { generator?: Prng } | undefined;
  const prng = dev?.generator;
  if (!prng) return undefined;
  const f = findPrng(prng.info.name);
  if (!f) return undefined;
  const ref = f.create(f.checkSeed(BigInt(seed)) ? 1n : BigInt(seed));
  const words = new Uint32Array(Math.ceil(bytes / 4));
  ref.fill(words);
  return fnv1a(FNV_OFFSET, new Uint8Array(words.buffer, 0, bytes));
}

/** Runs one design on a fresh machine and guest. */
export function runDesign(design: BenchDesign, bytes: number, bytesPerCall: number | undefined, machineArgs: string[] | undefined, profile: CostProfile, now: () => number): BenchResult {
  const spec = BENCH_DESIGNS[design];
  const machine = PcMachine.fromArgs(machineArgs ?? defaultMachineFor(design), profile);
  const dec = new TextDecoder();
  let out = "";
  let err = "";
  const driver = spec.version === 1 ? "builtin" : "pci";
  const guest = bootGuest(machine, profile, driver, { stdout: (b) => (out += dec.decode(b)), stderr: (b) => (err += dec.decode(b)) });
  if (spec.version === 1) guest.shell.mknod(MY_RNG_DEVICE_PATH, "c", MY_RNG_MAJOR, 0);
  else if (runShell(guest.shell, "insmod my_rng_fast.ko && test -e /dev/my_rng_fast0") !== 0) {
    throw new DesignUnavailable(`design ${design} needs a version-2 device (-device my_rng,version=2); skipped`);
  }
  const clock = machine.clock;
  const before = clock.breakdown();
  const t0 = clock.nowNs;
  const h0 = now();
  const argv = ["rng-bench", design, String(bytes), String(bytesPerCall ?? spec.bytesPerCall), "0"];
  out = "";
  const status = guest.shell.spawnWait(argv, guest.shell.env);
  const hostSeconds = (now() - h0) / 1000;
  if (status !== 0) throw new Error(`rng-bench ${design} failed (status ${status}): ${err.trim()}`);
  const m = /calls=(\d+) bytes=(\d+) bpc=(\d+) ns=(\d+(?:\.\d+)?) fnv=([0-9a-f]+)/.exec(out);
  if (!m) throw new Error(`rng-bench printed no result: ${out}`);
  const calls = Number(m[1]);
  const doneBytes = Number(m[2]);
  const virtualNs = clock.nowNs - t0;
  const after = clock.breakdown();
  const breakdownNs = {} as Record<CostCategory, number>;
  for (const c of COST_CATEGORIES) breakdownNs[c] = round3(after[c] - before[c]);
  const want = design === "copy-only" ? undefined : referenceHash(machine, doneBytes, 0);
  return {
    design,
    bytesPerCall: Number(m[3]),
    bytes: doneBytes,
    calls,
    virtualNs: round3(virtualNs),
    bytesPerSecond: round3(doneBytes / (virtualNs / 1e9)),
    nsPerCall: round3(virtualNs / calls),
    breakdownNs,
    hostSeconds,
    hostCallsPerSecond: calls / Math.max(hostSeconds, 1e-9),
    stream: want === undefined ? "n/a" : want === Number.parseInt(m[5], 16) ? "ok" : "MISMATCH",
  };
}

/** One measurement of a bench: a design, how many bytes in all, and per call (undefined: the design's own). */
export interface PlannedRun {
  design: BenchDesign;
  bytes: number;
  bytesPerCall: number | undefined;
  /** The sweep's transfer size, when this run is one of a sweep. */
  sweepSize?: number;
}

/**
 * The runs of a bench, known up front (a progress bar needs the total): one per design, or with `sweep`
 * one per transfer size (SWEEP_SIZES, or the sizes given) for designs whose transfer size is free, each
 * reading at least its size.
 */
export function planRuns(designs: readonly BenchDesign[], bytes: number, bytesPerCall: number | undefined, sweep: boolean | readonly number[]): PlannedRun[] {
  const sizes = sweep === true ? SWEEP_SIZES : sweep === false ? undefined : sweep;
  return designs.flatMap((design): PlannedRun[] => {
    const spec = BENCH_DESIGNS[design];
    if (sizes && !spec.fixed) return sizes.map((size) => ({ design, bytes: Math.max(bytes, size), bytesPerCall: size, sweepSize: size }));
    return [{ design, bytes, bytesPerCall: spec.fixed ? undefined : bytesPerCall }];
  });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A colour per cost category, for charts (the CLI's SVG and the playground's ladder). */
export const CATEGORY_COLOURS: Record<string, string> = {
  syscall: "#4e79a7", dispatch: "#f28e2b", driver: "#e15759", copy: "#76b7b2", mmio: "#59a14f", device: "#edc948",
  prng: "#b07aa1", dma: "#ff9da7", irq: "#9c755f", sched: "#bab0ac", user: "#8cd17d",
};

/**
 * An SVG chart: per design and transfer size, throughput (MB/s, log scale) on the left and the time
 * breakdown of one call stacked to 100 % on the right. Rows keep the report's order; each bar carries
 * data-* attributes so tools (and tests) can read the figures back.
 */
export function svgChart(r: BenchReport): string {
  const rows = r.results;
  const rowH = 22;
  const w = 980;
  const left = 170;
  const barW = 330;
  const stackX = left + barW + 120;
  const stackW = w - stackX - 20;
  const h = 60 + rows.length * rowH + 40;
  const vals = rows.map((x) => x.bytesPerSecond);
  const max = Math.log10(Math.max(...vals) * 2);
  const min = Math.log10(Math.min(...vals) / 2);
  const scale = (v: number) => Math.max(1, ((Math.log10(v) - min) / (max - min)) * barW);
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const parts: string[] = [];
  parts.push(`<text x="8" y="20" font-size="14">rnglab bench, profile ${esc(r.profile.id)}: throughput (MB/s, log scale, virtual time) and where one call's time goes</text>`);
  parts.push(`<text x="${left}" y="42" font-size="12">MB/s</text><text x="${stackX}" y="42" font-size="12">time per call, by category (100 %)</text>`);
  rows.forEach((x, i) => {
    const y = 50 + i * rowH;
    const label = `${x.design} ${x.bytesPerCall} B`;
    parts.push(`<text class="label" x="8" y="${y + 14}" font-size="12">${esc(label)}</text>`);
    parts.push(
      `<rect class="throughput" data-design="${esc(x.design)}" data-bytes-per-call="${x.bytesPerCall}" data-mbps="${(x.bytesPerSecond / 1e6).toFixed(3)}" x="${left}" y="${y}" width="${scale(x.bytesPerSecond).toFixed(1)}" height="${rowH - 6}" fill="#4a7bd0"/>`,
    );
    parts.push(`<text x="${(left + scale(x.bytesPerSecond) + 6).toFixed(1)}" y="${y + 13}" font-size="11">${(x.bytesPerSecond / 1e6).toFixed(2)}</text>`);
    let at = stackX;
    for (const c of COST_CATEGORIES) {
      const ns = x.breakdownNs[c];
      if (!ns) continue;
      const wd = (ns / x.virtualNs) * stackW;
      parts.push(
        `<rect class="segment" data-design="${esc(x.design)}" data-bytes-per-call="${x.bytesPerCall}" data-category="${c}" data-share="${(ns / x.virtualNs).toFixed(4)}" x="${at.toFixed(1)}" y="${y}" width="${wd.toFixed(1)}" height="${rowH - 6}" fill="${CATEGORY_COLOURS[c]}"><title>${c}: ${(ns / x.calls / 1000).toFixed(3)} µs per call</title></rect>`,
      );
      at += wd;
    }
  });
  const legendY = 60 + rows.length * rowH + 10;
  let lx = 8;
  for (const c of COST_CATEGORIES) {
    parts.push(`<rect x="${lx}" y="${legendY}" width="10" height="10" fill="${CATEGORY_COLOURS[c]}"/><text x="${lx + 14}" y="${legendY + 9}" font-size="11">${c}</text>`);
    lx += 80;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">\n${parts.join("\n")}\n</svg>\n`;
}

/** The chart as an HTML page (for --chart FILE.html). */
export function htmlChart(r: BenchReport): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>rnglab bench</title></head><body>\n${svgChart(r)}</body></html>\n`;
}
