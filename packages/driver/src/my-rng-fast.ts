import {
  EFAULT,
  EINVAL,
  Mutex,
  EIO,
  ENODEV,
  ENOMEM,
  ENOTTY,
  ENXIO,
  PCI_IRQ_LEGACY,
  PCI_IRQ_MSI,
  type File,
  type Hwrng,
  type IoMem,
  type IrqHandler,
  type Kernel,
  type LoadedModule,
  type ModuleImage,
  type PciDev,
  type PciDriver,
} from "@rng/guest-kernel";
import { myRngIoctl } from "./rng-ioctl.js";
import { MY_RNG_IOCTL_RAND64, MY_RNG_IOCTL_RAND64Q } from "./uapi.js";

export const MY_RNG_FAST_NAME = "my_rng_fast";

// Version-2 registers (packages/hw-qemu/src/devices/my-rng-v2.ts has the spec).
const R = { RNG64: 0x08, RNG64_HI: 0x0c, ID: 0x10, DMA_ADDR: 0x20, DMA_ADDR_HI: 0x24, DMA_LEN: 0x28, DMA_CMD: 0x2c, STATUS: 0x30, IRQ_STATUS: 0x34, IRQ_ACK: 0x38, DMA_MAX: 0x3c };
const ID_RNG = 0x524e4700;

/** The three nodes of each device: registers by read(2), DMA by read(2), and the copy path alone. */
export const NODE_KINDS = ["my_rng_fast", "my_rng_dma", "my_rng_copy"] as const;
/** The most one read(2) moves: the DMA buffer (and the MMIO path's kernel buffer). */
const BUF = 1 << 20;

interface FastDevice {
  index: number;
  /** Serialises the RNG64_LO/RNG64_HI pair: LO draws and latches, HI reads the latch. */
  pairLock: Mutex;
  io: IoMem;
  word: Uint8Array;
  kbuf: Uint8Array;
  dma: { dmaAddr: number; size: number };
  irq: number;
  done: boolean;
  handler: IrqHandler;
  dmaMax: number;
  /** Set by remove(): open files get ENODEV, and a reader sleeping on a DMA wakes with it. */
  gone: boolean;
}

/**
 * my_rng_fast.ko: the faster designs on a version-2 my_rng. Per device: /dev/my_rng_fastN (the lab's
 * ioctls plus RAND64 by the LO/HI pair or by one readq, and read(2) filled by ioread32 of RNG, one
 * copy_to_user per call), /dev/my_rng_dmaN (read(2) served by DMA into a coherent buffer, the reader
 * sleeping until the completion interrupt), /dev/my_rng_copyN (read(2) that only copies: the copy path
 * alone), and an hw_random source (quality 0: no kernel thread reads it). Probe fails cleanly on a
 * version-1 device, whose ID register reads 0.
 */
export const myRngFastModule: ModuleImage = {
  name: MY_RNG_FAST_NAME,
  license: "GPL",
  author: "rnglab",
  description: "my_rng version 2: 64-bit registers, bulk read, DMA with interrupts, hwrng",
  aliases: ["pci:v00001234d0000CAFEsv*sd*bc*sc*i*"],
  depends: [],
  outOfTree: true,
  size: 20480,
  params: [{ name: "unsafe_pair", type: "bool", perm: 0o644, description: "read the RNG64 LO/HI pair without the lock (to see numbers tear)", initial: false }],
  init(k: Kernel, m: LoadedModule): number {
    const devices: (FastDevice | undefined)[] = [];
    const byMinor = (file: File) => devices[Math.floor(k.iminor(file) / 3)];

    /** read(2) from the RNG register: an ioread32 loop into the kernel buffer, one copy_to_user. */
    const readMmio = (d: FastDevice, userBuf: number, count: number): number => {
      const n = Math.min(count - (count % 4), BUF);
      if (n <= 0) return -EINVAL;
      k.driverWork(k.costs.ns.driverNs);
      const b = d.kbuf;
      for (let i = 0; i < n; i += 4) {
        const v = k.ioread32(d.io, 0);
        b[i] = v & 0xff;
        b[i + 1] = (v >>> 8) & 0xff;
        b[i + 2] = (v >>> 16) & 0xff;
        b[i + 3] = v >>> 24;
      }
      return k.copyToUser(userBuf, b.subarray(0, n)) ? -EFAULT : n;
    };

    /** read(2) by DMA: program address, length, start with IRQ; sleep until the handler says done. */
    const readDma = (d: FastDevice, userBuf: number, count: number): number => {
      const n = Math.min(count - (count % 4), d.dmaMax, d.dma.size);
      if (n <= 0) return -EINVAL;
      k.driverWork(k.costs.ns.driverNs);
      d.done = false;
      k.writeq(BigInt(d.dma.dmaAddr), d.io, R.DMA_ADDR);
      k.iowrite32(n, d.io, R.DMA_LEN);
      k.iowrite32(3, d.io, R.DMA_CMD);
      if (k.waitEvent(() => d.done || d.gone) < 0) return -EIO;
      // remove() ran while we slept: the device and its DMA buffer are gone.
      if (d.gone) return -ENODEV;
      return k.copyToUserFromRam(userBuf, d.dma.dmaAddr, n) ? -EFAULT : n;
    };

    const major = k.registerChrdev(0, MY_RNG_FAST_NAME, {
      owner: m,
      open: (_inode, file) => {
        const d = byMinor(file);
        if (!d) return -ENXIO;
        // The file keeps its device: after a removal it must not reach a new device at the same minor.
        file.privateData = d;
        return 0;
      },
      read: (file, userBuf, count) => {
        const d = file.privateData as FastDevice;
        if (d.gone) return -ENODEV;
        switch (k.iminor(file) % 3) {
          case 0:
            return readMmio(d, userBuf, count);
          case 1:
            return readDma(d, userBuf, count);
          default: {
            // the copy path alone: a kernel buffer (memset) copied to the user
            const n = Math.min(count, BUF);
            k.driverWork(k.costs.ns.driverNs);
            return k.copyToUser(userBuf, d.kbuf.subarray(0, n).fill(0)) ? -EFAULT : n;
          }
        }
      },
      unlockedIoctl: (file, cmd, arg) => {
        const d = file.privateData as FastDevice;
        if (d.gone) return -ENODEV;
        if (cmd === MY_RNG_IOCTL_RAND64 || cmd === MY_RNG_IOCTL_RAND64Q) {
          k.driverWork(k.costs.ns.driverNs);
          let lo: number;
          let hi: number;
          if (cmd === MY_RNG_IOCTL_RAND64Q) {
            const v = k.readq(d.io, R.RNG64);
            lo = Number(v & 0xffffffffn);
            hi = Number(v >> 32n);
          } else if (m.param<boolean>("unsafe_pair")) {
            // The students' way, without a lock: another reader between the two reads re-latches HI.
            lo = k.ioread32(d.io, R.RNG64);
            k.preemptionPoint();
            hi = k.ioread32(d.io, R.RNG64_HI);
          } else {
            // LO draws and latches HI: the pair is one critical section, as a real driver makes it.
            k.mutexLock(d.pairLock);
            lo = k.ioread32(d.io, R.RNG64);
            k.preemptionPoint();
            hi = k.ioread32(d.io, R.RNG64_HI);
            k.mutexUnlock(d.pairLock);
          }
          const w = new Uint8Array(8);
          for (let i = 0; i < 4; i++) {
            w[i] = (lo >>> (8 * i)) & 0xff;
            w[4 + i] = (hi >>> (8 * i)) & 0xff;
          }
          return k.copyToUser(arg, w) ? -EFAULT : 0;
        }
        const r = myRngIoctl(k, d.io, cmd, arg, d.word);
        return r === -ENOTTY ? -ENOTTY : r;
      },
    });
    if (major < 0) return major;

    let hwrng: Hwrng | undefined;
    const driver: PciDriver = {
      name: MY_RNG_FAST_NAME,
      owner: m,
      idTable: [{ vendor: 0x1234, device: 0xcafe }],
      probe(dev: PciDev): number {
        let r = k.pci.enableDevice(dev);
        if (r < 0) return r;
        r = k.pci.requestRegions(dev, MY_RNG_FAST_NAME);
        if (r < 0) {
          k.pci.disableDevice(dev);
          return r;
        }
        const io = k.pci.iomap(dev, 0, 4096);
        const undo = () => {
          k.pci.releaseRegions(dev);
          k.pci.disableDevice(dev);
        };
        if (!io) {
          undo();
          return -ENOMEM;
        }
        const id = k.ioread32(io, R.ID);
        if ((id & 0xffffff00) >>> 0 !== ID_RNG || (id & 0xff) < 2) {
          k.printk(`${MY_RNG_FAST_NAME} ${dev.name}: not a version-2 my_rng (ID reads 0x${id.toString(16).padStart(8, "0")}); my_rng_pci drives version 1`);
          undo();
          return -ENODEV;
        }
        // The device's DMA reaches 40 bits (its dma_mask property's default); ask for what it can do.
        if (k.dmaSetMask(dev, 40) < 0) {
          undo();
          return -EIO;
        }
        const dma = k.dmaAllocCoherent(BUF, dev);
        if (!dma) {
          undo();
          return -ENOMEM;
        }
        k.pci.setMaster(dev);
        if (k.irqs.allocVectors(dev, PCI_IRQ_MSI | PCI_IRQ_LEGACY) < 0) {
          undo();
          return -ENODEV;
        }
        const index = devices.findIndex((x) => x === undefined) < 0 ? devices.length : devices.findIndex((x) => x === undefined);
        const d: FastDevice = {
          index,
          pairLock: new Mutex(),
          io,
          word: new Uint8Array(4),
          kbuf: new Uint8Array(BUF),
          dma,
          irq: k.irqs.irqVector(dev),
          done: false,
          gone: false,
          handler: () => {
            const st = k.ioread32(io, R.IRQ_STATUS);
            if (!st) return "none";
            k.iowrite32(st, io, R.IRQ_ACK);
            d.done = true;
            return "handled";
          },
          dmaMax: k.ioread32(io, R.DMA_MAX),
        };
        r = k.requestIrq(d.irq, d.handler, MY_RNG_FAST_NAME);
        if (r < 0) {
          k.irqs.freeVectors(dev);
          undo();
          return r;
        }
        devices[index] = d;
        NODE_KINDS.forEach((kind, i) => k.deviceCreate(major, 3 * index + i, `${kind}${index}`));
        k.pci.setDrvdata(dev, d);
        if (!hwrng) {
          hwrng = {
            name: MY_RNG_FAST_NAME,
            quality: 0,
            read: (buf, max) => {
              const n = Math.min(max, buf.length) & ~7;
              for (let i = 0; i < n; i += 8) {
                const v = k.readq(d.io, R.RNG64);
                for (let j = 0; j < 8; j++) buf[i + j] = Number((v >> BigInt(8 * j)) & 0xffn);
              }
              return n;
            },
          };
          k.hwrngRegister(hwrng);
        }
        k.printk(`${MY_RNG_FAST_NAME} ${dev.name}: my_rng v2 at 0x${io.phys.toString(16)}, irq ${d.irq}, /dev/my_rng_fast${index} /dev/my_rng_dma${index} /dev/my_rng_copy${index}`);
        return 0;
      },
      remove(dev: PciDev): void {
        const d = k.pci.getDrvdata<FastDevice>(dev);
        if (!d) return;
        d.gone = true;
        NODE_KINDS.forEach((kind, i) => k.deviceDestroy(major, 3 * d.index + i, `${kind}${d.index}`));
        k.freeIrq(d.irq, d.handler);
        k.irqs.freeVectors(dev);
        k.pci.releaseRegions(dev);
        k.pci.disableDevice(dev);
        devices[d.index] = undefined;
        if (hwrng && !devices.some(Boolean)) {
          k.hwrngUnregister(hwrng);
          hwrng = undefined;
        }
      },
    };
    const r = k.pciRegisterDriver(driver);
    if (r < 0) {
      k.unregisterChrdev(major);
      return r;
    }
    m.globals.set("major", major);
    m.globals.set("driver", driver);
    return 0;
  },
  exit(k: Kernel, m: LoadedModule): void {
    k.pciUnregisterDriver(m.globals.get("driver") as PciDriver);
    k.unregisterChrdev(m.globals.get("major") as number);
  },
};
