/*
 * An example out-of-tree driver, written as a student of the lab would write it in C, against this
 * simulator's kernel API (docs/kernel-api.md). It is a PCI driver for 1234:cafe that serves numbers through
 * read(2) instead of an ioctl: a read of N bytes returns N/4 numbers, so one syscall can carry many.
 *
 * The C it mirrors:
 *   static ssize_t ex_read(struct file *f, char __user *buf, size_t len, loff_t *off) {
 *       u32 kbuf[64]; size_t n = min(len / 4, ARRAY_SIZE(kbuf));
 *       for (i = 0; i < n; i++) kbuf[i] = ioread32(base + 0);
 *       if (copy_to_user(buf, kbuf, n * 4)) return -EFAULT;
 *       return n * 4;
 *   }
 */
import { EFAULT, EINVAL, ENXIO, type IoMem, type Kernel, type LoadedModule, type ModuleImage, type PciDev, type PciDriver } from "@rng/guest-kernel";

const CHUNK_WORDS = 64; // a kernel buffer of 256 bytes, like `u32 kbuf[64]` on the stack

export const exampleRngRead: ModuleImage = {
  name: "example_rng_read",
  license: "GPL",
  author: "a virt-101 student",
  description: "example: my_rng numbers through read(2)",
  aliases: [],
  depends: [],
  outOfTree: true,
  size: 16384,
  params: [],
  init(k: Kernel, m: LoadedModule): number {
    let io: IoMem | undefined;
    const kbuf = new Uint8Array(CHUNK_WORDS * 4);
    const major = k.registerChrdev(0, "example_rng_read", {
      owner: m,
      open: () => (io ? 0 : -ENXIO),
      read: (_file, userBuf, count) => {
        if (!io || count < 4) return -EINVAL;
        k.driverWork(k.costs.ns.driverNs);
        const n = Math.min(Math.floor(count / 4), CHUNK_WORDS);
        for (let i = 0; i < n; i++) {
          const v = k.ioread32(io, 0);
          kbuf[4 * i] = v & 0xff;
          kbuf[4 * i + 1] = (v >>> 8) & 0xff;
          kbuf[4 * i + 2] = (v >>> 16) & 0xff;
          kbuf[4 * i + 3] = v >>> 24;
        }
        if (k.copyToUser(userBuf, kbuf.subarray(0, n * 4))) return -EFAULT;
        return n * 4;
      },
    });
    if (major < 0) return major;
    const drv: PciDriver = {
      name: "example_rng_read",
      owner: m,
      idTable: [{ vendor: 0x1234, device: 0xcafe }],
      probe(dev: PciDev): number {
        if (io) return -EINVAL; // one device is enough for an example
        const r = k.pci.enableDevice(dev);
        if (r < 0) return r;
        const rr = k.pci.requestRegions(dev, "example_rng_read");
        if (rr < 0) return rr;
        io = k.pci.iomap(dev, 0, 4096);
        k.deviceCreate(major, 0, "example_rng");
        k.printk(`example_rng_read ${dev.name}: /dev/example_rng ready`);
        return 0;
      },
      remove(dev: PciDev): void {
        k.deviceDestroy(major, 0, "example_rng");
        k.pci.releaseRegions(dev);
        k.pci.disableDevice(dev);
        io = undefined;
      },
    };
    m.globals.set("major", major);
    m.globals.set("driver", drv);
    return k.pciRegisterDriver(drv);
  },
  exit(k: Kernel, m: LoadedModule): void {
    k.pciUnregisterDriver(m.globals.get("driver") as PciDriver);
    k.unregisterChrdev(m.globals.get("major") as number);
  },
};
