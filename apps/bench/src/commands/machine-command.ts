import { PcMachine, QemuError, QemuHelp } from "@rng/hw-qemu";
import { QEMU_EXIT_FAILURE, type CliIo } from "../cli-io.js";

/**
 * Builds the machine for QEMU-style options, reporting as qemu-system-x86_64 would: errors with QEMU's text
 * on stderr (exit 1), help on stdout (exit 0), and a one-line note for each accepted option that does not
 * change the modeled machine. Returns the machine, or the exit status to stop with.
 */
export function buildMachine(args: string[], io: CliIo): PcMachine | number {
  try {
    const m = PcMachine.fromArgs(args);
    for (const note of m.config.notes) io.stderr(`rnglab: note: ${note}\n`);
    return m;
  } catch (e) {
    if (e instanceof QemuHelp) {
      io.stdout(e.text);
      return 0;
    }
    if (e instanceof QemuError) {
      io.stderr(e.render());
      return QEMU_EXIT_FAILURE;
    }
    throw e;
  }
}
