import { parseArgs } from "node:util";
import { runShell } from "@rng/guest-kernel";
import type { CostProfile } from "@rng/hw-qemu";
import { USAGE_EXIT, UsageError, type CliIo } from "../cli-io.js";
import { bootGuest, machineArgsOrDefault, selectProfile, splitMachineArgs, type DriverChoice } from "@rng/lab";
import { buildMachine } from "./machine-command.js";

export const RUN_HELP = `Usage: rnglab run [--driver builtin|module|pci] [--profile tcg|kvm] [--cost key=value] [--trace] -c "SCRIPT"
                  [-- QEMU-OPTIONS]

Boots the guest, runs SCRIPT in its shell (busybox ash's grammar), powers off. The guest's stdout and
stderr are this command's; its exit status is the script's, as with sh -c. The boot log is in dmesg.
--driver builtin (default) builds the lab's driver in (hard-coded base 0xfebf1000, major 250); module
and pci build no RNG driver in. Either way my_rng.ko (base=) and my_rng_pci.ko are in
/lib/modules/RELEASE/extra/ and in the working directory: insmod, modprobe, rmmod do the rest.
--trace prints, on stderr, every syscall and MMIO access with its virtual time stamp and cost.
Example: rnglab run -c "mknod /dev/my_rng_driver c 250 0; rng-lab"
`;

export function runCommand(args: string[], io: CliIo): number {
  const { own, machine } = splitMachineArgs(args);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      strict: true,
      options: {
        c: { type: "string", short: "c" },
        driver: { type: "string" },
        profile: { type: "string" },
        trace: { type: "boolean" },
        cost: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    io.stderr(`rnglab: run: ${(e as Error).message}\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout(RUN_HELP);
    return 0;
  }
  if (values.c === undefined) {
    io.stderr(`rnglab: run: -c SCRIPT is required\n${RUN_HELP}`);
    return USAGE_EXIT;
  }
  const driver = (values.driver ?? "builtin") as DriverChoice;
  if (!["builtin", "module", "pci"].includes(driver)) {
    io.stderr(`rnglab: run: unknown driver '${driver}' (builtin, module or pci)\n`);
    return USAGE_EXIT;
  }
  const machineArgs = machineArgsOrDefault(machine);
  let profile: CostProfile;
  try {
    profile = selectProfile(machineArgs, values.profile, values.cost ?? []);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rnglab: run: ${e.message}\n`);
    return USAGE_EXIT;
  }
  const m = buildMachine(machineArgs, io);
  if (typeof m === "number") return m;
  m.costs = profile;
  const dec = new TextDecoder();
  const guest = bootGuest(
    m,
    profile,
    driver,
    { stdout: (b) => io.stdout(dec.decode(b)), stderr: (b) => io.stderr(dec.decode(b)) },
    values.trace ? (line) => io.stderr(line + "\n") : undefined,
  );
  return runShell(guest.shell, values.c, "sh") & 0xff;
}
