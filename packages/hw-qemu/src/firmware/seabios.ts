import {
  PCI_BASE_ADDRESS_MEM_PREFETCH,
  PCI_BASE_ADDRESS_MEM_TYPE_64,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_CLASS_DEVICE,
  PCI_COMMAND,
  PCI_COMMAND_IO,
  PCI_COMMAND_MEMORY,
  PCI_COMMAND_SERR,
  PCI_DEVICE_ID,
  PCI_HEADER_TYPE,
  PCI_INTERRUPT_LINE,
  PCI_INTERRUPT_PIN,
  PCI_NUM_REGIONS,
  PCI_ROM_SLOT,
  PCI_VENDOR_ID,
  barOffset,
} from "../pci/regs.js";
import { PciConfigAccess, type PortIo } from "./port-io.js";

// SeaBIOS 1.16 PCI initialisation for QEMU's i440FX machine (src/fw/pciinit.c), driven only through
// configuration cycles on ports 0xCF8/0xCFC, as the real firmware is. The rules, not a table:
// - BARs are sized by writing all ones and reading back; memory BARs under 4 KiB take 4 KiB
//   (PCI_DEVICE_MEM_MIN); ROM BARs are sized with the ROM address mask and count as memory BAR 6.
// - Each region type (io, mem, prefmem) keeps its entries sorted by alignment then size, largest first,
//   stable in scan order (pci_region_create_entry); each list is packed upward from its base.
// - I/O starts at 0xc000 when the I/O total is under 0x4000, else at 0x1000 (below 0xa000).
// - 32-bit memory: the window is [pcimem_start, 0xfec00000); the list with the larger alignment goes
//   lower; each base is aligned down to its list's largest alignment (pci_bios_init_root_regions_mem).
//   If that does not fit, 64-bit BARs move above 4 GiB, 1 GiB-aligned past the RAM above 4 GiB.
// - INTx lines: pci_irqs {10, 10, 11, 11} indexed by (pin - 1 + slot - 1) & 3 (piix_pci_slot_get_irq);
//   PIIX4 PM's SCI is hard-wired to 9. Command IO | MEMORY | SERR is set on every function.
// - ROM BARs get an address but stay disabled (SeaBIOS maps them only while running option ROMs).

export const PCI_DEVICE_MEM_MIN = 0x1000;
export const PCIMEM_END = 0xfec00000;
const PCI_IRQS = [10, 10, 11, 11];
const ROM_ADDRESS_MASK = 0xfffff800; // PCI_ROM_ADDRESS_MASK
const IO_MASK = 0xfffffffc; // PCI_BASE_ADDRESS_IO_MASK
const MEM_MASK = 0xfffffff0; // PCI_BASE_ADDRESS_MEM_MASK
/** The PM I/O base SeaBIOS gives PIIX4 ("Moving pm_base to 0x600") and its SMBus base right after. */
export const ACPI_PM_BASE = 0x600;
const PIIX_PMBASE = 0x40;
const PIIX_PMREGMISC = 0x80;
const PIIX_SMBHSTBASE = 0x90;
const PIIX_SMBHSTCFG = 0xd2;

type RegionType = 0 | 1 | 2;
const IO: RegionType = 0;
const MEM: RegionType = 1;
const PREFMEM: RegionType = 2;
const REGION_NAMES = ["io", "mem", "prefmem"];

interface ProbedDevice {
  bdf: number;
  vendor: number;
  device: number;
  classId: number;
  headerType: number;
}

interface RegionEntry {
  dev: ProbedDevice;
  bar: number;
  size: number;
  align: number;
  is64: boolean;
  type: RegionType;
}

interface Region {
  entries: RegionEntry[];
  base: number;
}

export interface SeaBiosConfig {
  /** RAM below 4 GiB (QEMU's lowmem): decides where the 32-bit PCI window starts. */
  ramBelow4G: number;
  ramAbove4G: number;
}

export interface SeaBiosResult {
  /** SeaBIOS's debug-console lines for the PCI phase (as with `-chardev ... -device isa-debugcon`). */
  log: string[];
  ioBase: number;
  ioEnd: number;
  mem32Start: number;
  mem64Start: number;
}

export function bdfName(bdf: number): string {
  const hex2 = (n: number) => n.toString(16).padStart(2, "0");
  return `${hex2(bdf >> 8)}:${hex2((bdf >> 3) & 31)}.${bdf & 7}`;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

/** Runs the PCI part of SeaBIOS's POST against the machine through port I/O. */
export function runSeaBiosPciInit(io: PortIo, cfg: SeaBiosConfig): SeaBiosResult {
  const pci = new PciConfigAccess(io);
  const log: string[] = [];
  // i440fx_mem_addr_setup: the 32-bit window starts at 2 GiB or 3 GiB depending on RAM below 4 GiB.
  let pcimemStart = cfg.ramBelow4G;
  if (cfg.ramBelow4G <= 0x80000000) pcimemStart = 0x80000000;
  else if (cfg.ramBelow4G <= 0xc0000000) pcimemStart = 0xc0000000;

  log.push("=== PCI bus & bridge init ===");
  log.push("PCI: pci_bios_init_bus_rec bus = 0x0");
  log.push("=== PCI device probing ===");
  const devices = probe(pci);
  log.push(`Found ${devices.length} PCI devices (max PCI bus is 00)`);

  log.push("=== PCI new allocation pass #1 ===");
  log.push("PCI: check devices");
  const regions: Region[] = [0, 1, 2].map(() => ({ entries: [], base: 0 }));
  for (const dev of devices) {
    for (let i = 0; i < PCI_NUM_REGIONS; i++) {
      const { type, size, is64 } = getBar(pci, dev.bdf, i);
      if (size === 0) continue;
      const sz = type !== IO && size < PCI_DEVICE_MEM_MIN ? PCI_DEVICE_MEM_MIN : size;
      insertSorted(regions[type], { dev, bar: i, size: sz, align: sz, is64, type });
      if (is64) i++;
    }
  }

  log.push("=== PCI new allocation pass #2 ===");
  // pci_bios_init_root_regions_io
  const ioSum = sum(regions[IO]);
  if (ioSum < 0x4000) regions[IO].base = 0xc000;
  else if (ioSum < 0xa000 - 0x1000) regions[IO].base = 0x1000;
  else throw new Error("PCI: out of I/O address space");
  log.push(`PCI: IO: ${hex(regions[IO].base, 4)} - ${hex(regions[IO].base + ioSum - 1, 4)}`);

  log.push(`PCI: 32: ${hex(pcimemStart, 16)} - ${hex(PCIMEM_END, 16)}`);
  let mem64Start = 0;
  const high: Region[] = [];
  if (!initRootRegionsMem(regions, pcimemStart)) {
    // Move the 64-bit BARs above 4 GiB and try again (pci_region_migrate_64bit_entries).
    const r64mem: Region = { entries: regions[MEM].entries.filter((e) => e.is64), base: 0 };
    const r64pref: Region = { entries: regions[PREFMEM].entries.filter((e) => e.is64), base: 0 };
    regions[MEM].entries = regions[MEM].entries.filter((e) => !e.is64);
    regions[PREFMEM].entries = regions[PREFMEM].entries.filter((e) => !e.is64);
    if (!initRootRegionsMem(regions, pcimemStart)) throw new Error("PCI: out of 32bit address space");
    const GiB = 2 ** 30;
    r64mem.base = alignUp(alignUp(2 ** 32 + cfg.ramAbove4G, align(r64mem)), GiB);
    r64pref.base = alignUp(alignUp(r64mem.base + sum(r64mem), align(r64pref)), GiB);
    mem64Start = r64mem.base;
    const mem64End = alignUp(r64pref.base + sum(r64pref), GiB);
    log.push(`PCI: 64: ${hex(mem64Start, 16)} - ${hex(mem64End, 16)}`);
    high.push(r64mem, r64pref);
  }
  for (const r of high) mapEntries(pci, r, log);
  const ioBase = regions[IO].base;
  for (const r of regions) mapEntries(pci, r, log);

  for (const dev of devices) initDevice(pci, dev, log);
  return { log, ioBase, ioEnd: ioBase + ioSum, mem32Start: pcimemStart, mem64Start };
}

/** pci_probe_devices on bus 0: functions > 0 are looked at only when function 0 is multifunction. */
function probe(pci: PciConfigAccess): ProbedDevice[] {
  const out: ProbedDevice[] = [];
  let bdf = 0;
  while (bdf < 256) {
    const vendor = pci.readw(bdf, PCI_VENDOR_ID);
    if (vendor === 0x0000 || vendor === 0xffff) {
      bdf += (bdf & 7) === 0 ? 8 : 1;
      continue;
    }
    const headerType = pci.readb(bdf, PCI_HEADER_TYPE);
    out.push({
      bdf,
      vendor,
      device: pci.readw(bdf, PCI_DEVICE_ID),
      classId: pci.readw(bdf, PCI_CLASS_DEVICE),
      headerType,
    });
    bdf += (bdf & 7) === 0 && (headerType & 0x80) === 0 ? 8 : 1;
  }
  return out;
}

/** pci_bios_get_bar: size a BAR by writing all ones, restoring what was there. */
function getBar(pci: PciConfigAccess, bdf: number, bar: number): { type: RegionType; size: number; is64: boolean } {
  const ofs = barOffset(bar);
  const old = pci.readl(bdf, ofs);
  let type: RegionType = MEM;
  let is64 = false;
  let mask: number;
  if (bar === PCI_ROM_SLOT) {
    mask = ROM_ADDRESS_MASK;
    pci.writel(bdf, ofs, mask);
  } else {
    if (old & PCI_BASE_ADDRESS_SPACE_IO) {
      mask = IO_MASK;
      type = IO;
    } else {
      mask = MEM_MASK;
      if (old & PCI_BASE_ADDRESS_MEM_PREFETCH) type = PREFMEM;
      is64 = (old & 0x06) === PCI_BASE_ADDRESS_MEM_TYPE_64;
    }
    pci.writel(bdf, ofs, 0xffffffff);
  }
  const val = pci.readl(bdf, ofs);
  pci.writel(bdf, ofs, old);
  if (is64) {
    const hold = pci.readl(bdf, ofs + 4);
    pci.writel(bdf, ofs + 4, 0xffffffff);
    const high = pci.readl(bdf, ofs + 4);
    pci.writel(bdf, ofs + 4, hold);
    const v = BigInt(high) * 2n ** 32n + BigInt((val & mask) >>> 0);
    const size = BigInt.asUintN(64, ~v + 1n);
    return { type, size: Number(size), is64 };
  }
  const size = ((~(val & mask) >>> 0) + 1) % 2 ** 32;
  return { type, size, is64 };
}

function insertSorted(r: Region, e: RegionEntry): void {
  const i = r.entries.findIndex((p) => p.align < e.align || (p.align === e.align && p.size < e.size));
  if (i < 0) r.entries.push(e);
  else r.entries.splice(i, 0, e);
}

const sum = (r: Region) => r.entries.reduce((s, e) => s + e.size, 0);
/** pci_region_align: the first (largest) entry's alignment, or 1 for an empty list. */
const align = (r: Region) => (r.entries.length ? r.entries[0].align : 1);
const alignDown = (v: number, a: number) => v - (v % a);
const alignUp = (v: number, a: number) => Math.ceil(v / a) * a;

/** pci_bios_init_root_regions_mem: false when the 32-bit window is too small. */
function initRootRegionsMem(regions: Region[], pcimemStart: number): boolean {
  let rEnd = regions[PREFMEM];
  let rStart = regions[MEM];
  if (align(rStart) < align(rEnd)) {
    rEnd = regions[MEM];
    rStart = regions[PREFMEM];
  }
  rEnd.base = alignDown(PCIMEM_END - sum(rEnd), align(rEnd));
  rStart.base = alignDown(rEnd.base - sum(rStart), align(rStart));
  return rStart.base >= pcimemStart && rStart.base <= PCIMEM_END;
}

/** pci_region_map_entries: pack the list upward from its base, logging as SeaBIOS does. */
function mapEntries(pci: PciConfigAccess, r: Region, log: string[]): void {
  for (const e of r.entries) {
    const addr = r.base;
    r.base += e.size;
    log.push(
      `PCI: map device bdf=${bdfName(e.dev.bdf)}  bar ${e.bar}, addr ${hex(addr, 8)}, size ${hex(e.size, 8)} [${REGION_NAMES[e.type]}]`,
    );
    const ofs = barOffset(e.bar);
    pci.writel(e.dev.bdf, ofs, addr % 2 ** 32);
    if (e.is64) pci.writel(e.dev.bdf, ofs + 4, Math.floor(addr / 2 ** 32));
  }
  r.entries = [];
}

/** pci_bios_init_device: IRQ line, the device's own setup, then IO/MEM/SERR enable. */
function initDevice(pci: PciConfigAccess, dev: ProbedDevice, log: string[]): void {
  log.push(`PCI: init bdf=${bdfName(dev.bdf)} id=${hex(dev.vendor, 4)}:${hex(dev.device, 4)}`);
  const bdf = dev.bdf;
  const pin = pci.readb(bdf, PCI_INTERRUPT_PIN);
  if (pin !== 0) {
    const slot = (bdf >> 3) & 31;
    pci.writeb(bdf, PCI_INTERRUPT_LINE, PCI_IRQS[(pin - 1 + slot - 1) & 3]);
  }
  if (dev.vendor === 0x8086 && (dev.device === 0x7000 || dev.device === 0x7110)) {
    // piix_isa_bridge_setup: route PIRQA-D to 10, 10, 11, 11 and make those IRQs level-triggered.
    const elcr = [0, 0];
    for (let i = 0; i < 4; i++) {
      const irq = PCI_IRQS[i];
      elcr[irq >> 3] |= 1 << (irq & 7);
      pci.writeb(bdf, 0x60 + i, irq);
    }
    log.push(`PIIX3/PIIX4 init: elcr=${hex(elcr[0], 2)} ${hex(elcr[1], 2)}`);
  } else if (dev.vendor === 0x8086 && dev.device === 0x7113) {
    // piix4_pm_setup: SCI is IRQ 9; PM registers at 0x600, SMBus at 0x700, both enabled.
    pci.writeb(bdf, PCI_INTERRUPT_LINE, 9);
    pci.writel(bdf, PIIX_PMBASE, ACPI_PM_BASE | 1);
    pci.writeb(bdf, PIIX_PMREGMISC, 0x01);
    pci.writel(bdf, PIIX_SMBHSTBASE, (ACPI_PM_BASE + 0x100) | 1);
    pci.writeb(bdf, PIIX_SMBHSTCFG, 0x09);
  }
  const cmd = pci.readw(bdf, PCI_COMMAND);
  pci.writew(bdf, PCI_COMMAND, cmd | PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_SERR);
}
