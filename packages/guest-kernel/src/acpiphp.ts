import type { Kernel } from "./kernel.js";
import { IORESOURCE_IO, IORESOURCE_MEM_64, IORESOURCE_PCI_FIXED, fmtRes, pciConfRead, pciConfWrite, scanDevice, type PciDev } from "./pci-core.js";
import { buildIomem, buildIoports, type Resource } from "./resources.js";

/** QEMU's ACPI PCI hotplug registers (hw/acpi/pcihp.c), which the DSDT's PCNT and _EJ0 methods access. */
const PCIHP_UP = 0xae00;
const PCIHP_DOWN = 0xae04;
const PCIHP_EJ = 0xae08;
/** The PIIX3 ISA bridge (00:01.0), whose config registers 0x60-0x63 route PIRQA-D to ISA IRQs. */
const PIIX3_DEVFN = 0x08;
/** PIIX4 PM's SCI line (SeaBIOS hard-wires it to 9; /proc/interrupts calls it "acpi"). */
const SCI_IRQ = 9;
/** arch/x86: I/O allocations start at 0x1000 unless the window starts above 0 (pci_bus_alloc_from_region). */
const PCIBIOS_MIN_IO = 0x1000;
/** pcibios_align_resource: nothing is placed below the first megabyte. */
const BIOS_END = 0x100000;

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;

/**
 * ACPI PCI hotplug as Linux 6.1 handles QEMU's pc machine: the SCI runs \\_GPE._E01, whose PCNT method
 * reads PCI_UP / PCI_DOWN and notifies each slot; acpiphp's enable_slot scans the slot, assigns the new
 * BARs itself (__pci_bus_assign_resources; no firmware runs) and adds the functions, which drivers then
 * probe. An eject request removes the functions (the bound driver's remove() first) and calls _EJ0, which
 * writes the slot to PCI_EJ so QEMU unplugs it. Linux defers this to the kacpi_hotplug workqueue; here it
 * runs as the interrupt is taken, which a guest idle at its prompt cannot tell apart.
 */
export class Acpiphp {
  constructor(private readonly k: Kernel) {}

  install(): void {
    this.k.requestIrq(SCI_IRQ, () => this.sci(), "acpi");
  }

  private sci(): "handled" | "none" {
    const k = this.k;
    const up = k.cpu.inl(PCIHP_UP) >>> 0;
    const down = k.cpu.inl(PCIHP_DOWN) >>> 0;
    if (!up && !down) return "none";
    const slots = new Set(k.cpu.firmware.hotplugSlots);
    for (let slot = 0; slot < 32; slot++) if (up & (1 << slot) && slots.has(slot)) this.enableSlot(slot);
    for (let slot = 0; slot < 32; slot++) {
      if (!(down & (1 << slot)) || !slots.has(slot)) continue;
      this.disableSlot(slot);
      k.cpu.outl(PCIHP_EJ, (1 << slot) >>> 0);
    }
    return "handled";
  }

  /** enable_slot: pci_scan_slot, resource assignment, pci_bus_add_devices. */
  private enableSlot(slot: number): void {
    const k = this.k;
    const added: PciDev[] = [];
    for (let fn = 0; fn < 8; fn++) {
      const devfn = (slot << 3) | fn;
      if (fn > 0 && !(added[0] && added[0].headerType & 0x80)) break;
      if (k.pciDevs.some((d) => d.devfn === devfn)) continue;
      const dev = scanDevice(k, devfn);
      if (!dev) {
        if (fn === 0) return;
        continue;
      }
      added.push(dev);
    }
    for (const dev of added) {
      this.assignResources(dev);
      this.routeIntx(dev);
    }
    k.pciDevs = [...k.pciDevs, ...added].sort((a, b) => a.devfn - b.devfn);
    for (const dev of added) k.pci.addDevice(dev);
  }

  /**
   * acpi_pci_irq_enable for a function no firmware saw: the DSDT's _PRT maps slot S pin P to link
   * LNK[(S + P - 1) & 3], whose _CRS reads the PIIX3 PIRQ route register (0x60 + n); Linux then writes the
   * IRQ into the function's Interrupt Line register (pcibios_lookup_irq).
   */
  private routeIntx(dev: PciDev): void {
    const k = this.k;
    const pin = pciConfRead(k, dev.devfn, 0x3d, 1);
    if (!pin) return;
    const route = pciConfRead(k, PIIX3_DEVFN, 0x60 + ((pin - 1 + (dev.devfn >> 3) - 1) & 3), 1);
    if (route & 0x80 || route >= 16) return;
    dev.irq = route;
    pciConfWrite(k, dev.devfn, 0x3c, 1, route);
  }

  /** disable_slot: each function is stopped (driver remove) and removed; its BARs leave the resource tree. */
  private disableSlot(slot: number): void {
    const k = this.k;
    for (const dev of k.pciDevs.filter((d) => d.devfn >> 3 === slot).reverse()) {
      k.pci.removeDevice(dev);
      k.pciDevs = k.pciDevs.filter((d) => d !== dev);
    }
  }

  /**
   * pbus_assign_resources_sorted: every BAR and the ROM, largest alignment first; each goes bottom-up into
   * the first gap of the first root window that fits (allocate_resource / __find_resource).
   */
  private assignResources(dev: PciDev): void {
    const k = this.k;
    const order = [0, 1, 2, 3, 4, 5, 6]
      .filter((i) => dev.resources[i].flags && !(dev.resources[i].flags & IORESOURCE_PCI_FIXED) && dev.resources[i].end > dev.resources[i].start)
      .sort((a, b) => size(dev, b) - size(dev, a) || a - b);
    for (const i of order) {
      const r = dev.resources[i];
      const label = i === 6 ? "ROM" : `BAR ${i}`;
      const sz = size(dev, i);
      const start = r.flags & IORESOURCE_IO ? this.findIo(dev, sz) : this.findMem(dev, sz, (r.flags & IORESOURCE_MEM_64) !== 0);
      if (start === undefined) {
        k.printk(`pci ${dev.name}: ${label} ${fmtRes(r)}: can't assign; no space`);
        k.printk(`pci ${dev.name}: ${label} ${fmtRes(r)}: failed to assign`);
        continue;
      }
      r.start = start;
      r.end = start + sz - 1;
      if (i === 6) pciConfWrite(k, dev.devfn, 0x30, 4, start >>> 0);
      else {
        pciConfWrite(k, dev.devfn, 0x10 + 4 * i, 4, start % 2 ** 32 >>> 0);
        if (r.flags & IORESOURCE_MEM_64) pciConfWrite(k, dev.devfn, 0x14 + 4 * i, 4, Math.floor(start / 2 ** 32) >>> 0);
      }
      k.printk(`pci ${dev.name}: ${label} ${fmtRes(r)}: assigned`);
    }
  }

  /** Memory: a 64-bit BAR tries the window above 4 GiB first; then the windows below 4 GiB in _CRS order. */
  private findMem(dev: PciDev, sz: number, is64: boolean): number | undefined {
    const fw = this.k.cpu.firmware;
    const tree = buildIomem(fw, [...this.k.pciDevs, dev]);
    const windows = tree.children.filter((w) => w.name === "PCI Bus 0000:00");
    const ordered = is64 ? [...windows.filter((w) => w.start >= 2 ** 32), ...windows.filter((w) => w.start < 2 ** 32)] : windows.filter((w) => w.end < 2 ** 32);
    for (const w of ordered) {
      const at = firstFit(w, sz, (x) => Math.max(x, BIOS_END));
      if (at !== undefined) return at;
    }
    return undefined;
  }

  /** I/O: x86 keeps allocations in the first 0x100 of each 0x400 block (ISA aliasing). */
  private findIo(dev: PciDev, sz: number): number | undefined {
    const tree = buildIoports(this.k.cpu.firmware, [...this.k.pciDevs, dev], this.k.ioQuirks);
    for (const w of tree.children.filter((x) => x.name === "PCI Bus 0000:00")) {
      const at = firstFit(w, sz, (x) => (x & 0x300 ? (x + 0x3ff) & ~0x3ff : x), w.start || PCIBIOS_MIN_IO);
      if (at !== undefined) return at;
    }
    return undefined;
  }
}

function size(dev: PciDev, i: number): number {
  const r = dev.resources[i];
  return r.end - r.start + 1;
}

/** __find_resource: the lowest gap between the window's children where an aligned block of `sz` fits. */
function firstFit(w: Resource, sz: number, alignf: (x: number) => number, min = w.start): number | undefined {
  let cand = alignUp(alignf(alignUp(Math.max(min, w.start), sz)), sz);
  for (const c of [...w.children].sort((a, b) => a.start - b.start)) {
    if (cand + sz - 1 < c.start) break;
    if (c.end >= cand) cand = alignUp(alignf(alignUp(c.end + 1, sz)), sz);
  }
  return cand + sz - 1 <= w.end ? cand : undefined;
}
