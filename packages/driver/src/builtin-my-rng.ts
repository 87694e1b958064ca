import { ENOMEM, type FileOperations, type IoMem, type Kernel } from "@rng/guest-kernel";
import { myRngIoctl, readyLine, REG_RNG, REG_SEED } from "./rng-ioctl.js";
import { DEVICE_BASE_PHYS_ADDR, MY_RNG_DRIVER_NAME, MY_RNG_MAJOR } from "./uapi.js";

/**
 * The lab's drivers/misc/my-rng.c, built in: ioremap of the hard-coded BAR0 at init (no request_mem_region:
 * it maps whatever lives there), char major 250, RAND and SEED ioctls, -ENOTTY for anything else.
 */
export function myRngBuiltinInit(k: Kernel): number {
  const base: IoMem | undefined = k.ioremap(DEVICE_BASE_PHYS_ADDR, 4096);
  if (!base) return -ENOMEM;
  const word = new Uint8Array(4);
  const fops: FileOperations = { unlockedIoctl: (_file, cmd, arg) => myRngIoctl(k, base, cmd, arg, word) };
  const r = k.registerChrdev(MY_RNG_MAJOR, MY_RNG_DRIVER_NAME, fops);
  if (r < 0) return r;
  k.printk(readyLine());
  return 0;
}

/**
 * The lab's boot-time self test (init/main.c, kernel_init before init runs): its own ioremap of the
 * device, SEED 0x42 then five RNG reads, twice, between lines of 66 dashes.
 */
export function myRngSelfTest(k: Kernel): void {
  const dashes = "-".repeat(66);
  const base = k.ioremap(DEVICE_BASE_PHYS_ADDR, 4096);
  if (!base) {
    k.printk("ERROR: cannot map device registers");
    return;
  }
  k.printk(dashes);
  k.printk("BEGIN MY-RNG TEST");
  k.printk(dashes);
  for (let i = 0; i < 2; i++) {
    k.iowrite32(0x42, base, REG_SEED);
    for (let j = 0; j < 5; j++) k.printk(`Round ${i} number ${j}: ${k.ioread32(base, REG_RNG)}`);
  }
  k.printk(dashes);
  k.printk("END MY-RNG TEST");
  k.printk(dashes);
  k.iounmap(base);
}
