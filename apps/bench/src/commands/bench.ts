import { parseArgs } from "node:util";
import { BENCH_DESIGNS, MY_RNG_DEVICE_PATH, MY_RNG_MAJOR, type BenchDesign } from "@rng/driver";
import { COST_CATEGORIES, PcMachine, QemuError, type CostCategory, type CostNumbers, type CostProfile } from "@rng/hw-qemu";
import { QEMU_EXIT_FAILURE, USAGE_EXIT, UsageError, type CliIo } from "../cli-io.js";
import { bootGuest } from "../compose.js";
import { DEFAULT_MACHINE_ARGS, splitMachineArgs } from "../machine-args.js";
import { selectProfile } from "../profile.js";

export const BENCH_HELP = `Usage: rnglab bench [--design D,...] [--profile tcg|kvm] [--bytes N] [--cost key=value ...]
                    [--json|--csv] [-- QEMU-OPTIONS]

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
}

export interface BenchReport {
  rnglab: string;
  profile: { id: string; description: string; ns: CostNumbers };
  machine: string[];
  results: BenchResult[];
  reference: { source: string; nsPerCall: number; bytesPerSecond: number };
}

export const RNGLAB_VERSION = "0.1.0";

/** Runs one design on a fresh machine and guest. */
export function runDesign(design: BenchDesign, bytes: number, machineArgs: string[], profile: CostProfile, now: () => number): BenchResult {
  const machine = PcMachine.fromArgs(machineArgs, profile);
  const dec = new TextDecoder();
  let out = "";
  let err = "";
  const guest = bootGuest(machine, profile, "builtin", { stdout: (b) => (out += dec.decode(b)), stderr: (b) => (err += dec.decode(b)) });
  guest.shell.mknod(MY_RNG_DEVICE_PATH, "c", MY_RNG_MAJOR, 0);
  const clock = machine.clock;
  const before = clock.breakdown();
  const t0 = clock.nowNs;
  const h0 = now();
  const status = guest.shell.spawnWait(["rng-bench", design, String(bytes)], guest.shell.env);
  const hostSeconds = (now() - h0) / 1000;
  if (status !== 0) throw new Error(`rng-bench ${design} failed (status ${status}): ${err.trim()}`);
  const m = /calls=(\d+) bytes=(\d+) ns=(\d+(?:\.\d+)?)/.exec(out);
  if (!m) throw new Error(`rng-bench printed no result: ${out}`);
  const calls = Number(m[1]);
  const doneBytes = Number(m[2]);
  const virtualNs = clock.nowNs - t0;
  const after = clock.breakdown();
  const breakdownNs = {} as Record<CostCategory, number>;
  for (const c of COST_CATEGORIES) breakdownNs[c] = round3(after[c] - before[c]);
  return {
    design,
    bytesPerCall: BENCH_DESIGNS[design].bytesPerCall,
    bytes: doneBytes,
    calls,
    virtualNs: round3(virtualNs),
    bytesPerSecond: round3(doneBytes / (virtualNs / 1e9)),
    nsPerCall: round3(virtualNs / calls),
    breakdownNs,
    hostSeconds,
    hostCallsPerSecond: calls / Math.max(hostSeconds, 1e-9),
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
    const machineArgs = machine && machine.length ? machine : [...DEFAULT_MACHINE_ARGS];
    const profile = selectProfile(machineArgs, values.profile, values.cost ?? []);
    const results = designs.map((d) => runDesign(d as BenchDesign, Number(bytesText), machineArgs, profile, now));
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
  const head = ["design", "bytesPerCall", "bytes", "calls", "virtualNs", "bytesPerSecond", "nsPerCall", ...COST_CATEGORIES.map((c) => `${c}Ns`), "hostSeconds", "hostCallsPerSecond"];
  const rows = r.results.map((x) =>
    [x.design, x.bytesPerCall, x.bytes, x.calls, x.virtualNs, x.bytesPerSecond, x.nsPerCall, ...COST_CATEGORIES.map((c) => x.breakdownNs[c]), x.hostSeconds.toFixed(3), Math.round(x.hostCallsPerSecond)].join(","),
  );
  return [head.join(","), ...rows].join("\n") + "\n";
}

function renderTable(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`rnglab ${r.rnglab} bench, profile ${r.profile.id} (${r.profile.description}), machine: ${r.machine.join(" ")}`);
  for (const x of r.results) {
    lines.push("");
    lines.push(`design ${x.design}: ${x.bytes} bytes in ${x.calls} calls of ${x.bytesPerCall} bytes (virtual time)`);
    lines.push(`  ${fmt(x.calls / (x.virtualNs / 1e9) / 1e6, 3)} M numbers/s   ${fmt(x.bytesPerSecond / 1e6, 2)} MB/s   ${fmt(x.nsPerCall / 1000, 3)} µs per call`);
    lines.push(`  where the time goes, per call:`);
    for (const c of COST_CATEGORIES) {
      const ns = x.breakdownNs[c];
      if (ns === 0) continue;
      lines.push(`    ${c.padEnd(9)} ${fmt(ns / x.calls / 1000, 3).padStart(8)} µs  ${fmt((100 * ns) / x.virtualNs, 1).padStart(5)} %`);
    }
    lines.push(`  host speed: ${fmt(x.hostCallsPerSecond / 1e6, 2)} M simulated calls per real second (${fmt(x.hostSeconds, 2)} s)`);
  }
  lines.push("");
  lines.push(`reference: the students' v1 figure, ${fmt(r.reference.nsPerCall / 1000, 2)} µs per call, ${fmt(r.reference.bytesPerSecond / 1e6, 2)} MB/s (${r.reference.source})`);
  return lines.join("\n") + "\n";
}

const fmt = (x: number, d: number) => x.toFixed(d);
