import { parseArgs } from "node:util";
import { machineArgsOrDefault, runMonitorCommand, splitMachineArgs } from "@rng/lab";
import { USAGE_EXIT, type CliIo } from "../cli-io.js";
import { buildMachine } from "./machine-command.js";

export const MONITOR_USAGE = `Usage: rnglab monitor -c "CMD[; CMD...]" [-- QEMU-OPTIONS]

Answers QEMU HMP monitor commands for the machine after firmware: info pci, info mtree, info qtree,
xp /FMT ADDR, device_add, device_del (with no guest running, a hot-added device keeps its BARs unassigned). Example: rnglab monitor -c "info mtree; xp /4xw 0xfebf1000"
`;

export function monitorCommand(args: string[], io: CliIo): number {
  const { own, machine } = splitMachineArgs(args);
  let values;
  try {
    ({ values } = parseArgs({ args: own, strict: true, options: { c: { type: "string", short: "c" }, help: { type: "boolean", short: "h" } } }));
  } catch (e) {
    io.stderr(`rnglab: monitor: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout(MONITOR_USAGE);
    return 0;
  }
  if (values.c === undefined) {
    io.stderr(`rnglab: monitor: -c "CMD" is required\n${MONITOR_USAGE}`);
    return USAGE_EXIT;
  }
  const m = buildMachine(machineArgsOrDefault(machine), io);
  if (typeof m === "number") return m;
  for (const line of values.c.split(";")) io.stdout(runMonitorCommand(m, line));
  return 0;
}
