import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { BENCH_DESIGNS, FNV_OFFSET, MY_RNG_DEVICE_PATH, MY_RNG_MAJOR, fnv1a, type BenchDesign } from "@rng/driver";
import { runShell } from "@rng/guest-kernel";
import { findPrng, type Prng } from "@rng/prngs";
import { COST_CATEGORIES, PcMachine, QemuError, type CostCategory, type CostNumbers, type CostProfile } from "@rng/hw-qemu";
import { QEMU_EXIT_FAILURE, USAGE_EXIT, UsageError, type CliIo } from "../cli-io.js";
import { bootGuest } from "../compose.js";
import { DEFAULT_MACHINE_ARGS, splitMachineArgs } from "../machine-args.js";
import { selectProfile } from "../profile.js";
import { progressBar } from "../progress.js";
import { renderCsvTable, renderTextTable } from "../table.js";

export const BENCH_HELP = `Usage: rnglab bench [--design D,...] [--profile tcg|kvm] [--bytes N] [--bytes-per-call N] [--sweep]
                    [--cost key=value ...] [--json|--csv] [--chart FILE.svg|FILE.html] [-- QEMU-OPTIONS]

Runs each design's user program in the guest, reading --bytes of numbers (default 1 MiB), and reports
throughput and where the time goes, in deterministic virtual time, with the simulator's host speed.
Designs: ${Object.keys(BENCH_DESIGNS).join(", ")}. Default machine: -M pc -m 128 -device my_rng.
`;

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

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function benchCommand(args: string[], io: CliIo, now: () => number): number {
  const { own, machine } = splitMachineArgs(args);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      strict: true,
      options: {
        design: { type: "string" },
        profile: { type: "string" },
        bytes: { type: "string" },
        cost: { type: "string", multiple: true },
        "bytes-per-call": { type: "string" },
        sweep: { type: "boolean" },
        svg: { type: "string" },
        chart: { type: "string" },
        json: { type: "boolean" },
        csv: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    io.stderr(`rnglab: bench: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout(BENCH_HELP);
    return 0;
  }
  try {
    const designs = (values.design ?? Object.keys(BENCH_DESIGNS).join(",")).split(",");
    for (const d of designs) if (!(d in BENCH_DESIGNS)) throw new UsageError(`unknown design '${d}' (one of: ${Object.keys(BENCH_DESIGNS).join(", ")})`);
    const bytesText = values.bytes ?? "1048576";
    if (!/^[0-9]+$/.test(bytesText) || Number(bytesText) < 4 || !Number.isSafeInteger(Number(bytesText))) {
      throw new UsageError(`--bytes takes a whole number of bytes, at least 4, not '${bytesText}'`);
    }
    if (values.json && values.csv) throw new UsageError("--json and --csv exclude each other");
    // Checked before measuring: a chart in a format we do not draw must not cost a whole run.
    const chartPath = values.chart ?? values.svg;
    if (chartPath !== undefined && !/\.(svg|html?)$/i.test(chartPath)) throw new UsageError(`--chart writes FILE.svg or FILE.html, not '${chartPath}'`);
    const userMachine = machine && machine.length ? machine : undefined;
    const profile = selectProfile(userMachine ?? [], values.profile, values.cost ?? []);
    const bpcText = values["bytes-per-call"];
    if (bpcText !== undefined && (!/^[0-9]+$/.test(bpcText) || Number(bpcText) < 4 || Number(bpcText) % 4 !== 0 || Number(bpcText) > 1 << 20)) {
      throw new UsageError(`--bytes-per-call takes a multiple of 4 from 4 to 1048576, not '${bpcText}'`);
    }
    const results: BenchResult[] = [];
    const attempt = (fn: () => BenchResult) => {
      try {
        results.push(fn());
      } catch (e) {
        if (!(e instanceof DesignUnavailable)) throw e;
        io.stderr(`rnglab: bench: ${e.message}\n`);
      }
    };
    // One entry per measurement, so the progress bar knows the total up front.
    const runs = (designs as BenchDesign[]).flatMap((d): [BenchDesign, number | undefined][] =>
      values.sweep && !BENCH_DESIGNS[d].fixed ? SWEEP_SIZES.map((size): [BenchDesign, number | undefined] => [d, size]) : [[d, undefined]],
    );
    const progress = progressBar(runs.length, !values.json && !values.csv);
    for (const [d, size] of runs) {
      const spec = BENCH_DESIGNS[d];
      if (size !== undefined) attempt(() => runDesign(d, Math.max(Number(bytesText), size), size, userMachine, profile, now));
      else attempt(() => runDesign(d, Number(bytesText), spec.fixed ? undefined : bpcText ? Number(bpcText) : undefined, userMachine, profile, now));
      progress.tick(`${d}${size ? ` ${size} B` : ""}`);
    }
    progress.stop();
    if (results.length === 0) throw new UsageError("no design could run on this machine");
    const machineArgs = userMachine ?? [...DEFAULT_MACHINE_ARGS];
    const report: BenchReport = {
      rnglab: RNGLAB_VERSION,
      profile: { id: profile.id, description: profile.description, ns: { ...profile.ns } },
      machine: machineArgs,
      results,
      reference: { source: "virt-101 students, QEMU 8.2 + Linux 6.6, host not stated (lab.md)", ...STUDENTS_REFERENCE },
    };
    if (values.json) io.stdout(JSON.stringify(report) + "\n");
    else if (values.csv) io.stdout(renderCsv(report));
    else io.stdout(renderTable(report));
    // The figures are out first: a chart that cannot be written must not lose the run.
    if (chartPath) {
      try {
        writeChart(chartPath, report);
      } catch (e) {
        io.stderr(`rnglab: bench: cannot write ${chartPath}: ${(e as Error).message}\n`);
        return 1;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`rnglab: bench: ${e.message}\n`);
      return USAGE_EXIT;
    }
    if (e instanceof QemuError) {
      io.stderr(e.render());
      return QEMU_EXIT_FAILURE;
    }
    throw e;
  }
}

function renderCsv(r: BenchReport): string {
  const head = ["design", "bytesPerCall", "bytes", "calls", "virtualNs", "bytesPerSecond", "nsPerCall", ...COST_CATEGORIES.map((c) => `${c}Ns`), "hostSeconds", "hostCallsPerSecond", "stream"];
  const rows = r.results.map((x) => [
    x.design, x.bytesPerCall, x.bytes, x.calls, x.virtualNs, x.bytesPerSecond, x.nsPerCall,
    ...COST_CATEGORIES.map((c) => x.breakdownNs[c]), x.hostSeconds.toFixed(3), Math.round(x.hostCallsPerSecond), x.stream,
  ]);
  return renderCsvTable(head, rows);
}

function renderTable(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`rnglab ${r.rnglab} bench, profile ${r.profile.id} (${r.profile.description})`);
  lines.push(r.machine.length ? `machine: ${r.machine.join(" ")}` : "machine: each design's default (-M pc -m 128 -device my_rng, version=2 for the new designs)");
  const v1 = r.results.find((x) => x.design === "v1");
  lines.push("");
  const R = "right" as const;
  const columns = [
    { head: "design" }, { head: "bytes/call", align: R }, { head: "calls", align: R }, { head: "µs per call", align: R },
    { head: "M numbers/s", align: R }, { head: "MB/s", align: R }, ...(v1 ? [{ head: "×v1", align: R }] : []),
    { head: "stream" }, { head: "host speed (calls/s, MB/s)" },
  ];
  const rows = r.results.map((x) => [
    x.design, String(x.bytesPerCall), String(x.calls), fmt(x.nsPerCall / 1000, 3), fmt(x.bytesPerSecond / 4 / 1e6, 3), fmt(x.bytesPerSecond / 1e6, 2),
    ...(v1 ? [(x.bytesPerSecond / v1.bytesPerSecond).toFixed(1)] : []),
    x.stream, `${fmt(x.hostCallsPerSecond / 1e6, 2)} M, ${fmt(x.bytes / Math.max(x.hostSeconds, 1e-9) / 1e6, 0)}`,
  ]);
  lines.push(renderTextTable(columns, rows).trimEnd());
  lines.push("");
  lines.push("where the time goes, per call (µs, and % of the call):");
  const used = COST_CATEGORIES.filter((c) => r.results.some((x) => x.breakdownNs[c] > 0));
  const breakdown = r.results.map((x) => [
    x.design, String(x.bytesPerCall),
    ...used.map((c) => {
      const ns = x.breakdownNs[c];
      return ns ? `${fmt(ns / x.calls / 1000, 3)} ${fmt((100 * ns) / x.virtualNs, 0).padStart(3)}%` : "-";
    }),
  ]);
  lines.push(renderTextTable([{ head: "design" }, { head: "bytes", align: R }, ...used.map((c) => ({ head: c, align: R }))], breakdown).trimEnd());
  lines.push("");
  lines.push("MB/s (log scale):");
  const max = Math.max(...r.results.map((x) => x.bytesPerSecond));
  const min = Math.min(...r.results.map((x) => x.bytesPerSecond));
  const span = Math.max(Math.log10(max) - Math.log10(min / 2), 1e-9);
  for (const x of r.results) {
    const n = Math.max(1, Math.round((40 * (Math.log10(x.bytesPerSecond) - Math.log10(min / 2))) / span));
    lines.push(`${`${x.design}/${x.bytesPerCall}`.padEnd(18)}${"#".repeat(n)} ${fmt(x.bytesPerSecond / 1e6, 2)}`);
  }
  lines.push("");
  lines.push(`reference: the students' v1 figure, ${fmt(r.reference.nsPerCall / 1000, 2)} µs per call, ${fmt(r.reference.bytesPerSecond / 1e6, 2)} MB/s (${r.reference.source})`);
  return lines.join("\n") + "\n";
}

const fmt = (x: number, d: number) => x.toFixed(d);

const CATEGORY_COLOURS: Record<string, string> = {
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

function writeChart(path: string, r: BenchReport): void {
  writeFileSync(path, /\.html?$/i.test(path) ? htmlChart(r) : svgChart(r));
}
