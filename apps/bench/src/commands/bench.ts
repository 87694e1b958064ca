import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { BENCH_DESIGNS, type BenchDesign } from "@rng/driver";
import { COST_CATEGORIES, QemuError } from "@rng/hw-qemu";
import {
  DEFAULT_MACHINE_ARGS, DesignUnavailable, RNGLAB_VERSION, STUDENTS_REFERENCE, htmlChart, planRuns, runDesign, selectProfile,
  splitMachineArgs, svgChart, type BenchReport, type BenchResult,
} from "@rng/lab";
import { QEMU_EXIT_FAILURE, USAGE_EXIT, UsageError, type CliIo } from "../cli-io.js";
import { progressBar } from "../progress.js";
import { renderCsvTable, renderTextTable } from "../table.js";

export const BENCH_HELP = `Usage: rnglab bench [--design D,...] [--profile tcg|kvm] [--bytes N] [--bytes-per-call N] [--sweep]
                    [--cost key=value ...] [--json|--csv] [--chart FILE.svg|FILE.html] [-- QEMU-OPTIONS]

Runs each design's user program in the guest, reading --bytes of numbers (default 1 MiB), and reports
throughput and where the time goes, in deterministic virtual time, with the simulator's host speed.
Designs: ${Object.keys(BENCH_DESIGNS).join(", ")}. Default machine: -M pc -m 128 -device my_rng.
`;

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
    const runs = planRuns(designs as BenchDesign[], Number(bytesText), bpcText ? Number(bpcText) : undefined, values.sweep ?? false);
    const progress = progressBar(runs.length, !values.json && !values.csv);
    for (const r of runs) {
      attempt(() => runDesign(r.design, r.bytes, r.bytesPerCall, userMachine, profile, now));
      progress.tick(`${r.design}${r.sweepSize ? ` ${r.sweepSize} B` : ""}`);
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
function writeChart(path: string, r: BenchReport): void {
  writeFileSync(path, /\.html?$/i.test(path) ? htmlChart(r) : svgChart(r));
}
