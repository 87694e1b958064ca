import { USAGE_EXIT, type CliIo } from "../cli-io.js";
import { machineArgsOrDefault, splitMachineArgs } from "@rng/lab";
import { buildMachine } from "./machine-command.js";

export const INFO_PCI_HELP = `Usage: rnglab info-pci [-- QEMU-OPTIONS]

Prints QEMU's HMP "info pci" for the machine, as QEMU 7.2 prints it after SeaBIOS assigned the BARs.
Default machine: -M pc -m 128 -device my_rng. Examples:
  rnglab info-pci
  rnglab info-pci -- -M pc -m 128 -device e1000 -device my_rng
`;

export function infoPciCommand(args: string[], io: CliIo): number {
  const { own, machine } = splitMachineArgs(args);
  if (own.includes("-h") || own.includes("--help")) {
    io.stdout(INFO_PCI_HELP);
    return 0;
  }
  if (own.length > 0) {
    io.stderr(`rnglab: info-pci: unexpected argument '${own[0]}' (machine options go after --)\n`);
    return USAGE_EXIT;
  }
  const m = buildMachine(machineArgsOrDefault(machine), io);
  if (typeof m === "number") return m;
  io.stdout(m.infoPci());
  return 0;
}
