import type { Kernel } from "./kernel.js";

/** Linux's view of one PCI function after enumeration (struct pci_dev, the parts used here). */
export interface PciDev {
  devfn: number;
  vendor: number;
  device: number;
  /** 24-bit class code (class << 8 | prog-if), as pci_dev->class. */
  classCode: number;
  revision: number;
  headerType: number;
  irq: number;
  /** BARs 0-5 and the ROM (6): start, end, IORESOURCE flags; start = end = 0 when absent. */
  resources: { start: number; end: number; flags: number }[];
  name: string;
}

export const IORESOURCE_IO = 0x100;
export const IORESOURCE_MEM = 0x200;
export const IORESOURCE_PREFETCH = 0x2000;
export const IORESOURCE_MEM_64 = 0x100000;
export const IORESOURCE_SIZEALIGN = 0x40000;
export const IORESOURCE_READONLY = 0x4000;
export const IORESOURCE_DISABLED = 0x10000000;

/** One config-space access through mechanism #1 (arch/x86/pci/direct.c, pci_conf1). */
export function pciConfRead(k: Kernel, devfn: number, reg: number, len: 1 | 2 | 4): number {
  k.cpu.outl(0xcf8, (0x80000000 | (devfn << 8) | (reg & 0xfc)) >>> 0);
  if (len === 4) return k.cpu.inl(0xcfc) >>> 0;
  if (len === 2) return k.cpu.inw(0xcfc + (reg & 2));
  return k.cpu.inb(0xcfc + (reg & 3));
}

export function pciConfWrite(k: Kernel, devfn: number, reg: number, len: 1 | 2 | 4, v: number): void {
  k.cpu.outl(0xcf8, (0x80000000 | (devfn << 8) | (reg & 0xfc)) >>> 0);
  if (len === 4) k.cpu.outl(0xcfc, v >>> 0);
  else if (len === 2) k.cpu.outw(0xcfc + (reg & 2), v);
  else k.cpu.outb(0xcfc + (reg & 3), v);
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

/**
 * pci_scan_bus on bus 0 (drivers/pci/probe.c): function 0 of each slot, other functions only when it is
 * multifunction; BARs sized with decoding turned off (__pci_read_base), logged as Linux 6.1 logs them.
 */
export function enumeratePciBus(k: Kernel): PciDev[] {
  const devs: PciDev[] = [];
  k.printk("PCI host bridge to bus 0000:00");
  for (let devfn = 0; devfn < 256; devfn++) {
    if ((devfn & 7) !== 0 && !devs.some((d) => d.devfn === (devfn & ~7) && d.headerType & 0x80)) continue;
    const id = pciConfRead(k, devfn, 0, 4);
    if (id === 0xffffffff || id === 0 || (id & 0xffff) === 0xffff) continue;
    const classRev = pciConfRead(k, devfn, 8, 4);
    const dev: PciDev = {
      devfn,
      vendor: id & 0xffff,
      device: id >>> 16,
      classCode: classRev >>> 8,
      revision: classRev & 0xff,
      headerType: pciConfRead(k, devfn, 0x0e, 1),
      irq: pciConfRead(k, devfn, 0x3c, 1),
      resources: [],
      name: `0000:00:${hex(devfn >> 3, 2)}.${devfn & 7}`,
    };
    k.printk(`pci ${dev.name}: [${hex(dev.vendor, 4)}:${hex(dev.device, 4)}] type ${hex(dev.headerType & 0x7f, 2)} class 0x${hex(dev.classCode, 6)}`);
    readBases(k, dev);
    devs.push(dev);
  }
  return devs;
}

function readBases(k: Kernel, dev: PciDev): void {
  const cmd = pciConfRead(k, dev.devfn, 4, 2);
  pciConfWrite(k, dev.devfn, 4, 2, cmd & ~3);
  for (let i = 0; i < 7; i++) dev.resources.push({ start: 0, end: 0, flags: 0 });
  for (let i = 0; i < 6; i++) {
    const reg = 0x10 + 4 * i;
    const old = pciConfRead(k, dev.devfn, reg, 4);
    pciConfWrite(k, dev.devfn, reg, 4, 0xffffffff);
    const sz = pciConfRead(k, dev.devfn, reg, 4);
    pciConfWrite(k, dev.devfn, reg, 4, old);
    if (sz === 0 || sz === 0xffffffff) continue;
    const io = (old & 1) === 1;
    const is64 = !io && (old & 6) === 4;
    const mask = io ? 0xfffc & sz : sz & 0xfffffff0;
    let size = ((~mask >>> 0) + 1) % 2 ** 32;
    if (io) size = ((~(sz | 0xffff0000) >>> 0) & 0xffff) + 1;
    let start = io ? old & 0xfffc : (old & 0xfffffff0) >>> 0;
    if (is64) {
      const hi = pciConfRead(k, dev.devfn, reg + 4, 4);
      start += hi * 2 ** 32;
    }
    const flags = (io ? IORESOURCE_IO : IORESOURCE_MEM) | IORESOURCE_SIZEALIGN | (old & 8 ? IORESOURCE_PREFETCH : 0) | (is64 ? IORESOURCE_MEM_64 : 0);
    dev.resources[i] = { start, end: start + size - 1, flags };
    const kind = io ? "io " : "mem";
    const attrs = io ? "" : `${is64 ? " 64bit" : ""}${old & 8 ? " pref" : ""}`;
    k.printk(`pci ${dev.name}: reg 0x${hex(reg, 2)}: [${kind} 0x${hex(start, io ? 4 : 8)}-0x${hex(start + size - 1, io ? 4 : 8)}${attrs}]`);
    if (is64) i++;
  }
  pciConfWrite(k, dev.devfn, 4, 2, cmd);
}
