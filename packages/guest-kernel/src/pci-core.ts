import { Cat } from "@rng/hw-qemu";
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
  /** The bound driver's name, if any (the sysfs `driver` link). */
  driver?: string;
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
  // Two port accesses (address, data), each leaving guest code like an MMIO access.
  k.cpu.clock.charge(Cat.mmio, 2 * k.costs.ns.pioNs);
  k.cpu.outl(0xcf8, (0x80000000 | (devfn << 8) | (reg & 0xfc)) >>> 0);
  if (len === 4) return k.cpu.inl(0xcfc) >>> 0;
  if (len === 2) return k.cpu.inw(0xcfc + (reg & 2));
  return k.cpu.inb(0xcfc + (reg & 3));
}

export function pciConfWrite(k: Kernel, devfn: number, reg: number, len: 1 | 2 | 4, v: number): void {
  k.cpu.clock.charge(Cat.mmio, 2 * k.costs.ns.pioNs);
  k.cpu.outl(0xcf8, (0x80000000 | (devfn << 8) | (reg & 0xfc)) >>> 0);
  if (len === 4) k.cpu.outl(0xcfc, v >>> 0);
  else if (len === 2) k.cpu.outw(0xcfc + (reg & 2), v);
  else k.cpu.outb(0xcfc + (reg & 3), v);
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

export const IORESOURCE_PCI_FIXED = 0x10;
export const IORESOURCE_ROM_SHADOW = 0x2;
/** Resource flags of legacy IDE ports set by the quirk: IORESOURCE_IO | IORESOURCE_PCI_FIXED. */
const LEGACY_IO_RESOURCE = IORESOURCE_IO | IORESOURCE_PCI_FIXED;

/** An I/O claim made by a quirk (e.g. PIIX4's ACPI and SMBus blocks), for /proc/ioports. */
export interface QuirkClaim {
  start: number;
  end: number;
  owner: string;
  what: string;
}

export const fmtRes = (r: { start: number; end: number; flags: number }) => {
  const io = (r.flags & IORESOURCE_IO) !== 0;
  const range = r.start === r.end ? `0x${hex(r.start, 4)}` : `0x${hex(r.start, io ? 4 : 8)}-0x${hex(r.end, io ? 4 : 8)}`;
  const attrs = io ? "" : `${r.flags & IORESOURCE_MEM_64 ? " 64bit" : ""}${r.flags & IORESOURCE_PREFETCH ? " pref" : ""}`;
  return `[${io ? "io " : "mem"} ${range}${attrs}]`;
};

/**
 * pci_scan_bus on bus 0 (drivers/pci/probe.c): function 0 of each slot, other functions only when it is
 * multifunction; BARs sized with decoding turned off (__pci_read_base), then the header quirks Linux 6.1
 * applies on this machine, logged in its words.
 */
export function enumeratePciBus(k: Kernel, quirkClaims: QuirkClaim[] = []): PciDev[] {
  const devs: PciDev[] = [];
  for (let devfn = 0; devfn < 256; devfn++) {
    if ((devfn & 7) !== 0 && !devs.some((d) => d.devfn === (devfn & ~7) && d.headerType & 0x80)) continue;
    const dev = scanDevice(k, devfn, quirkClaims);
    if (dev) devs.push(dev);
  }
  return devs;
}

/** pci_scan_single_device: reads one function's header and BARs (undefined if nothing answers). */
export function scanDevice(k: Kernel, devfn: number, quirkClaims: QuirkClaim[] = []): PciDev | undefined {
  const id = pciConfRead(k, devfn, 0, 4);
  if (id === 0xffffffff || id === 0 || (id & 0xffff) === 0xffff) return undefined;
  const classRev = pciConfRead(k, devfn, 8, 4);
  const dev: PciDev = {
    devfn,
    vendor: id & 0xffff,
    device: id >>> 16,
    classCode: classRev >>> 8,
    revision: classRev & 0xff,
    headerType: pciConfRead(k, devfn, 0x0e, 1),
    // pci_read_irq: no pin, no IRQ; otherwise the line firmware routed it to.
    irq: pciConfRead(k, devfn, 0x3d, 1) ? pciConfRead(k, devfn, 0x3c, 1) : 0,
    resources: [],
    name: `0000:00:${hex(devfn >> 3, 2)}.${devfn & 7}`,
  };
  k.printk(`pci ${dev.name}: [${hex(dev.vendor, 4)}:${hex(dev.device, 4)}] type ${hex(dev.headerType & 0x7f, 2)} class 0x${hex(dev.classCode, 6)}`);
  readBases(k, dev);
  headerQuirks(k, dev, quirkClaims);
  return dev;
}

/** The header quirks of drivers/pci/probe.c and quirks.c that fire on QEMU's pc machine. */
function headerQuirks(k: Kernel, dev: PciDev, claims: QuirkClaim[]): void {
  if (dev.classCode >> 8 === 0x0101) {
    // pci_setup_device: an IDE controller in compatibility mode decodes the legacy ports.
    const progIf = dev.classCode & 0xff;
    const legacy: [number, number, number, number][] = [];
    if (!(progIf & 1)) legacy.push([0, 0x1f0, 0x1f7, 0], [1, 0x3f6, 0x3f6, 0]);
    if (!(progIf & 4)) legacy.push([2, 0x170, 0x177, 0], [3, 0x376, 0x376, 0]);
    for (const [bar, start, end] of legacy) {
      dev.resources[bar] = { start, end, flags: LEGACY_IO_RESOURCE };
      k.printk(`pci ${dev.name}: BAR ${bar} ${fmtRes(dev.resources[bar])}: legacy IDE quirk`);
    }
  }
  if (dev.vendor === 0x8086 && dev.device === 0x7113) {
    // quirk_piix4_acpi: the ACPI PM block (0x40) and SMBus block (0x90) as set up by firmware.
    const pm = pciConfRead(k, dev.devfn, 0x40, 4) & 0xffc0;
    const smb = pciConfRead(k, dev.devfn, 0x90, 4) & 0xfff0;
    if (pm && pciConfRead(k, dev.devfn, 0x80, 1) & 1) {
      claims.push({ start: pm, end: pm + 63, owner: dev.name, what: "PIIX4 ACPI" });
      k.printk(`pci ${dev.name}: quirk: [io  0x${hex(pm, 4)}-0x${hex(pm + 63, 4)}] claimed by PIIX4 ACPI`);
    }
    if (smb && pciConfRead(k, dev.devfn, 0xd2, 1) & 1) {
      claims.push({ start: smb, end: smb + 15, owner: dev.name, what: "PIIX4 SMB" });
      k.printk(`pci ${dev.name}: quirk: [io  0x${hex(smb, 4)}-0x${hex(smb + 15, 4)}] claimed by PIIX4 SMB`);
    }
  }
  if (dev.classCode >> 8 === 0x0300 && dev.resources[6].flags) {
    // pci_fixup_video: the boot VGA's ROM is the shadow copy at 0xc0000.
    dev.resources[6] = { start: 0xc0000, end: 0xdffff, flags: IORESOURCE_MEM | IORESOURCE_ROM_SHADOW | IORESOURCE_PCI_FIXED };
    k.printk(`pci ${dev.name}: Video device with shadowed ROM at [mem 0x000c0000-0x000dffff]`);
  }
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
    let size: number;
    let start: number;
    if (io) {
      // Linux keeps only 16 bits of an I/O BAR on x86 (IO_SPACE_LIMIT 0xffff).
      size = ((~(sz & 0xfffc) >>> 0) & 0xffff) + 1;
      start = old & 0xfffc;
    } else {
      let mask = BigInt((sz & 0xfffffff0) >>> 0);
      start = (old & 0xfffffff0) >>> 0;
      if (is64) {
        const hiOld = pciConfRead(k, dev.devfn, reg + 4, 4);
        pciConfWrite(k, dev.devfn, reg + 4, 4, 0xffffffff);
        const hiSz = pciConfRead(k, dev.devfn, reg + 4, 4);
        pciConfWrite(k, dev.devfn, reg + 4, 4, hiOld);
        mask |= BigInt(hiSz) << 32n;
        start += hiOld * 2 ** 32;
        size = Number(BigInt.asUintN(64, ~mask + 1n));
      } else {
        size = Number(BigInt.asUintN(32, ~mask + 1n));
      }
    }
    // __pci_read_base keeps the BAR's low type bits in the flags, as the sysfs resource file shows them.
    const flags = (io ? IORESOURCE_IO | (old & 3) : IORESOURCE_MEM | (old & 0xf)) | IORESOURCE_SIZEALIGN | (old & 8 ? IORESOURCE_PREFETCH : 0) | (is64 ? IORESOURCE_MEM_64 : 0);
    dev.resources[i] = { start, end: start + size - 1, flags };
    k.printk(`pci ${dev.name}: BAR ${i} ${fmtRes(dev.resources[i])}`);
    if (is64) i++;
  }
  // The expansion ROM (type-0 header): sized with the enable bit kept clear.
  const rom = pciConfRead(k, dev.devfn, 0x30, 4);
  pciConfWrite(k, dev.devfn, 0x30, 4, 0xfffff800);
  const romSz = pciConfRead(k, dev.devfn, 0x30, 4) & 0xfffff800;
  pciConfWrite(k, dev.devfn, 0x30, 4, rom);
  if (romSz) {
    const size = ((~romSz >>> 0) + 1) % 2 ** 32;
    const start = (rom & 0xfffff800) >>> 0;
    dev.resources[6] = { start, end: start + size - 1, flags: IORESOURCE_MEM | IORESOURCE_PREFETCH | IORESOURCE_READONLY | IORESOURCE_SIZEALIGN };
    k.printk(`pci ${dev.name}: ROM ${fmtRes(dev.resources[6])}`);
  }
  pciConfWrite(k, dev.devfn, 4, 2, cmd);
}
