import { rngBench, rngLab, myRngBuiltinInit, myRngSelfTest } from "@rng/driver";
import { BASE_PROGRAMS, Kernel, consoleFile, type Process } from "@rng/guest-kernel";
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
export function bootGuest(machine: PcMachine, profile: CostProfile, driver: DriverChoice, io: GuestConsole, trace?: (line: string) => void): Guest {
  const kernel = new Kernel(machine.cpuView(), profile, { lateInit: driver === "builtin" ? [myRngSelfTest] : [] });
  if (driver === "builtin") kernel.registerInitcall("my_rng_init", myRngBuiltinInit);
  for (const exe of [...BASE_PROGRAMS, rngLab, rngBench]) kernel.installExecutable(exe);
  kernel.boot();
  // Tracing starts with the script: the boot's own crossings are in dmesg's story, not the user's.
  kernel.trace = trace;
  const shell = kernel.createProcess(undefined, [consoleFile("console", undefined), consoleFile("console", io.stdout), consoleFile("console", io.stderr)]);
  shell.comm = "sh";
  shell.env.set("PATH", "/sbin:/usr/sbin:/bin:/usr/bin");
  shell.env.set("PWD", "/");
  shell.env.set("HOME", "/root");
  return { kernel, shell };
}
