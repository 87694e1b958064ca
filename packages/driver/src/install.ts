import type { Kernel } from "@rng/guest-kernel";
import { myRngBuiltinInit, myRngSelfTest } from "./builtin-my-rng.js";
import { myRngModule } from "./my-rng-module.js";
import { myRngPciModule } from "./my-rng-pci.js";
import { myRngFastModule } from "./my-rng-fast.js";
import { rngBench } from "./rng-bench.js";
import { rngLab } from "./rng-lab.js";
import { exampleReadNumbers } from "./examples/example-read-numbers.js";
import { exampleRngRead } from "./examples/example-rng-read.js";

export type DriverChoice = "builtin" | "module" | "pci";

/**
 * What the lab's disk image and kernel build hold of this package: with `builtin`, the driver and the boot
 * self-test compiled into the kernel; always, the programs in /bin and the module files in
 * /lib/modules/RELEASE/extra/ and the shell's working directory (as after `make`).
 * Call before Kernel.boot().
 */
export function installDriverPackage(k: Kernel, driver: DriverChoice, cwd = "/"): void {
  if (driver === "builtin") k.registerInitcall("my_rng_init", myRngBuiltinInit);
  for (const exe of [rngLab, rngBench, exampleReadNumbers]) k.installExecutable(exe);
  for (const image of [myRngModule, myRngPciModule, myRngFastModule, exampleRngRead]) k.installModuleFile(image, cwd);
}

/** The kernel options the lab's kernel tree adds: the boot self-test runs only with the built-in driver. */
export function labKernelOptions(driver: DriverChoice): { lateInit: ((k: Kernel) => void)[] } {
  return { lateInit: driver === "builtin" ? [myRngSelfTest] : [] };
}
