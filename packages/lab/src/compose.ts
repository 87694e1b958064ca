import { installDriverPackage, labKernelOptions, type DriverChoice } from "@rng/driver";
import { BASE_PROGRAMS, Kernel, consoleFile, type Process } from "@rng/guest-kernel";
import type { CostProfile, PcMachine } from "@rng/hw-qemu";

export type { DriverChoice };

export interface GuestConsole {
  stdout: (bytes: Uint8Array) => void;
  stderr: (bytes: Uint8Array) => void;
}

export interface Guest {
  kernel: Kernel;
  /** The login shell's process: fds 0, 1, 2 on the console. */
  shell: Process;
  /** Set by busybox's `poweroff`: the machine turns off (QEMU exits 0). */
  power: { off: boolean };
}

/**
 * The composer's job (DESIGN.md §1): a kernel on the machine's CPU view, the busybox-like tools in /bin,
 * and @rng/driver's programs and modules installed as the lab's disk image holds them.
 */
export function bootGuest(
  machine: PcMachine,
  profile: CostProfile,
  driver: DriverChoice,
  io: GuestConsole,
  trace?: (line: string) => void,
  /** The shell's working directory, where the module files are (the interactive shell starts at ~, /root). */
  workdir = "/",
): Guest {
  const kernel = new Kernel(machine.cpuView(), profile, labKernelOptions(driver));
  for (const exe of BASE_PROGRAMS) kernel.installExecutable(exe);
  installDriverPackage(kernel, driver, workdir);
  const power = { off: false };
  kernel.installExecutable({
    name: "poweroff",
    main: () => {
      power.off = true;
      return 0;
    },
  });
  kernel.boot();
  // Tracing starts with the script: the boot's own crossings are in dmesg's story, not the user's.
  kernel.trace = trace;
  const shell = kernel.createProcess(undefined, [consoleFile("console", undefined), consoleFile("console", io.stdout), consoleFile("console", io.stderr)]);
  shell.comm = "sh";
  shell.env.set("PATH", "/sbin:/usr/sbin:/bin:/usr/bin");
  shell.env.set("PWD", workdir);
  shell.env.set("HOME", "/root");
  return { kernel, shell, power };
}
