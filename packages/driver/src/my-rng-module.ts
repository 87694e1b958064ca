import { EBUSY, EINVAL, ENODEV, ENOMEM, type FileOperations, type Kernel, type LoadedModule, type ModuleImage } from "@rng/guest-kernel";
import { myRngIoctl, readyLine } from "./rng-ioctl.js";
import { MY_RNG_DRIVER_NAME, MY_RNG_MAJOR } from "./uapi.js";

const VENDOR = 0x1234;
const DEVICE = 0xcafe;
const SIZE = 4096;

/**
 * my_rng.ko: the lab's driver as a module whose base address is a parameter (`base=0x...`, read from
 * `lspci -v`). How it tells that a my_rng answers at `base` without consuming numbers from the stream:
 * it asks the PCI core (pci_get_device) whether some 1234:cafe function has its BAR0 there, then claims
 * the region with request_mem_region, so no other driver can drive the same registers behind its back.
 * Failures leave nothing behind: no base is EINVAL, no device there is ENODEV, a held region or major is
 * EBUSY, each with a dmesg line saying which.
 */
export const myRngModule: ModuleImage = {
  name: "my_rng",
  license: "GPL",
  author: "virt-101 lab",
  description: "my_rng random number generator, base address as a parameter",
  aliases: [],
  depends: [],
  outOfTree: true,
  size: 16384,
  params: [{ name: "base", type: "ulong", perm: 0o444, description: "physical address of the device's BAR0 (see lspci -v)", initial: 0n }],
  init(k: Kernel, m: LoadedModule): number {
    const base = Number(m.param<bigint>("base"));
    if (base === 0) {
      k.printk("my_rng: no base address: load with base=0x... (the Memory at ... address lspci -v shows)");
      return -EINVAL;
    }
    let found = false;
    for (let d = k.pci.getDevice(VENDOR, DEVICE); d; d = k.pci.getDevice(VENDOR, DEVICE, d)) {
      if (k.pci.resourceStart(d, 0) === base) found = true;
    }
    if (!found) {
      k.printk(`my_rng: no my_rng device (1234:cafe) has its registers at 0x${base.toString(16)}`);
      return -ENODEV;
    }
    if (k.requestMemRegion(base, SIZE, "my_rng") < 0) {
      k.printk(`my_rng: registers at 0x${base.toString(16)} are already claimed by another driver`);
      return -EBUSY;
    }
    const io = k.ioremap(base, SIZE);
    if (!io) {
      k.releaseMemRegion(base, SIZE);
      return -ENOMEM;
    }
    const word = new Uint8Array(4);
    const fops: FileOperations = { owner: m, unlockedIoctl: (_f, cmd, arg) => myRngIoctl(k, io, cmd, arg, word) };
    const r = k.registerChrdev(MY_RNG_MAJOR, MY_RNG_DRIVER_NAME, fops);
    if (r < 0) {
      k.printk(`my_rng: cannot register major ${MY_RNG_MAJOR} (error ${r})`);
      k.iounmap(io);
      k.releaseMemRegion(base, SIZE);
      return r;
    }
    m.globals.set("base", base);
    k.printk(readyLine(` at 0x${base.toString(16)}`));
    return 0;
  },
  exit(k: Kernel, m: LoadedModule): void {
    k.unregisterChrdev(MY_RNG_MAJOR);
    k.releaseMemRegion(m.globals.get("base") as number, SIZE);
    k.printk("my_rng_driver unloaded");
  },
};
