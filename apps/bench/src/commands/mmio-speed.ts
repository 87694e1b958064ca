import { parseArgs } from "node:util";
import { PCI_BAR_UNMAPPED, type PcMachine } from "@rng/hw-qemu";
import { USAGE_EXIT, type CliIo } from "../cli-io.js";
import { NO_PROGRESS, progressBar, type Progress } from "../progress.js";
import { renderCsvTable } from "../table.js";
import { machineArgsOrDefault, splitMachineArgs } from "@rng/lab";
import { buildMachine } from "./machine-command.js";

export const MMIO_SPEED_HELP = `Usage: rnglab mmio-speed [--reads N] [--runs R] [--json|--csv] [-- QEMU-OPTIONS]

Host speed of the simulator itself: how many reads of my_rng's RNG register (BAR0 + 0) the full
dispatch path serves per real second on one core (CPU view -> address space -> flat range -> region
ops -> device -> glibc rand). Reports the median of R runs of N reads after a warm-up.
--json prints the result as JSON, --csv one CSV line per run.
`;

export interface MmioSpeedResult {
  bdf: string;
  barAddress: number;
  reads: number;
  runs: number;
  readsPerSecond: number[];
  medianReadsPerSecond: number;
  checksum: number;
}

/** Finds the first my_rng function's BAR0 as firmware mapped it. */
function rngBar(m: PcMachine): { addr: number; bdf: string } | undefined {
  for (const dev of m.bus.functions()) {
    if (dev.typeName !== "my_rng") continue;
    const bar = dev.bars[0];
    if (!bar || bar.addr === PCI_BAR_UNMAPPED) continue;
    const slot = (dev.devfn >> 3).toString(16).padStart(2, "0");
    return { addr: bar.addr, bdf: `00:${slot}.${dev.devfn & 7}` };
  }
  return undefined;
}

export function measureMmioSpeed(m: PcMachine, reads: number, runs: number, now: () => number, progress: Progress = NO_PROGRESS): MmioSpeedResult | undefined {
  const target = rngBar(m);
  if (!target) return undefined;
  const cpu = m.cpuView();
  const addr = target.addr;
  let checksum = 0;
  // Warm-up: let the JIT settle on the dispatch path.
  for (let i = 0; i < Math.min(reads, 2_000_000); i++) checksum ^= cpu.load32(addr);
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    for (let i = 0; i < reads; i++) checksum ^= cpu.load32(addr);
    // A clock that did not advance (too few reads for its resolution) gives no rate, not Infinity.
    const seconds = Math.max((now() - t0) / 1000, 1e-9);
    rates.push(reads / seconds);
    progress.tick(`run ${r + 1}`);
  }
  progress.stop();
  const sorted = [...rates].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    bdf: target.bdf,
    barAddress: addr,
    reads,
    runs,
    readsPerSecond: rates,
    medianReadsPerSecond: median,
    checksum: checksum >>> 0,
  };
}

export function mmioSpeedCommand(args: string[], io: CliIo, now: () => number): number {
  const { own, machine } = splitMachineArgs(args);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      strict: true,
      options: { reads: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" }, csv: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (e) {
    io.stderr(`rnglab: mmio-speed: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout(MMIO_SPEED_HELP);
    return 0;
  }
  if (values.json && values.csv) {
    io.stderr("rnglab: mmio-speed: --json and --csv exclude each other\n");
    return USAGE_EXIT;
  }
  const isCount = (v: string | undefined) => v === undefined || /^[0-9]+$/.test(v);
  const reads = Number(values.reads ?? 20_000_000);
  const runs = Number(values.runs ?? 5);
  if (!isCount(values.reads) || !isCount(values.runs) || !Number.isSafeInteger(reads) || reads < 1 || !Number.isSafeInteger(runs) || runs < 1) {
    io.stderr("rnglab: mmio-speed: --reads and --runs take positive integers\n");
    return USAGE_EXIT;
  }
  const m = buildMachine(machineArgsOrDefault(machine), io);
  if (typeof m === "number") return m;
  const res = measureMmioSpeed(m, reads, runs, now, progressBar(runs, !values.json && !values.csv));
  if (!res) {
    io.stderr("rnglab: mmio-speed: the machine has no my_rng device with a mapped BAR0 (add -device my_rng)\n");
    return 1;
  }
  if (values.json) {
    io.stdout(JSON.stringify(res) + "\n");
    return 0;
  }
  if (values.csv) {
    // One row per run, so a spreadsheet sees the spread as well as the median.
    io.stdout(renderCsvTable(["bdf", "barAddress", "run", "reads", "readsPerSecond"], res.readsPerSecond.map((r, i) => [res.bdf, `0x${res.barAddress.toString(16)}`, i + 1, res.reads, Math.round(r)])));
    return 0;
  }
  const mps = (x: number) => (x / 1e6).toFixed(1);
  io.stdout(
    `my_rng RNG register at 0x${res.barAddress.toString(16)} (${res.bdf} BAR0), 32-bit reads through the full MMIO dispatch path\n` +
      `runs: ${res.readsPerSecond.map(mps).join(", ")} M reads/s (${res.reads} reads each)\n` +
      `host speed: ${mps(res.medianReadsPerSecond)} million reads per second (median of ${res.runs}, one core)\n`,
  );
  return 0;
}
