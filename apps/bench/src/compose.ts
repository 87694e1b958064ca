import { rngBench, rngLab, myRngBuiltinInit, myRngSelfTest } from "@rng/driver";
import { Kernel, consoleFile, type Process } from "@rng/guest-kernel";
import type { CostProfile, PcMachine } from "@rng/hw-qemu";

export type DriverChoice = "builtin" | "module" | "pci";

export interface GuestConsole {
  stdout: (bytes: Uint8Array) => void;
  stderr: (bytes: Uint8Array) => void;
}

export interface Guest {
  kernel: Kernel;
  /** The login shell's process: fds 0, 1, 2 on the console. */
  shell: Process;
}

/**
 * The composer's job (DESIGN.md §1): a kernel on the machine's CPU view, the driver built in as the
 * lab's kernel tree has it, and @rng/driver's programs installed into /bin as a disk image would hold them.
 */
export function bootGuest(machine: PcMachine, profile: CostProfile, driver: DriverChoice, io: GuestConsole): Guest {
  const kernel = new Kernel(machine.cpuView(), profile, { lateInit: driver === "builtin" ? [myRngSelfTest] : [] });
  if (driver === "builtin") kernel.registerInitcall("my_rng_init", myRngBuiltinInit);
  for (const exe of [rngLab, rngBench]) kernel.installExecutable(exe);
  kernel.boot();
  const shell = kernel.createProcess(undefined, [consoleFile("console", undefined), consoleFile("console", io.stdout), consoleFile("console", io.stderr)]);
  shell.env.set("PATH", "/bin");
  shell.env.set("PWD", "/");
  return { kernel, shell };
}
