import type { FirmwareTables } from "@rng/hw-qemu";
import { IORESOURCE_IO, IORESOURCE_ROM_SHADOW, type PciDev, type QuirkClaim } from "./pci-core.js";

/** struct resource, as /proc/iomem and /proc/ioports print it: nested by containment. */
export interface Resource {
  start: number;
  end: number;
  name: string;
  children: Resource[];
}

function res(start: number, end: number, name: string, children: Resource[] = []): Resource {
  return { start, end, name, children };
}

/** A region a driver claimed with request_mem_region/request_region (IORESOURCE_BUSY). */
export interface Claim {
  start: number;
  end: number;
  name: string;
}

/**
 * __request_region: descend into entries that fully contain the range and are not busy (buses, BARs);
 * any other overlap is a conflict. Returns the parent it nests under, or undefined on conflict (EBUSY).
 */
export function placeClaim(root: Resource, c: Claim, busy: ReadonlySet<Resource>): Resource | undefined {
  let parent = root;
  for (;;) {
    const overlapping = parent.children.filter((x) => x.start <= c.end && c.start <= x.end);
    if (overlapping.length === 0) return parent;
    if (overlapping.length > 1) return undefined;
    const x = overlapping[0];
    if (busy.has(x) || !(x.start <= c.start && c.end <= x.end)) return undefined;
    parent = x;
  }
}

/** Inserts driver claims (in request order) into a freshly built tree; returns the claim nodes. */
export function insertClaims(root: Resource, claims: readonly Claim[]): Set<Resource> {
  const busy = new Set<Resource>();
  for (const c of claims) {
    const parent = placeClaim(root, c, busy);
    if (!parent) continue;
    const node = res(c.start, c.end, c.name);
    busy.add(node);
    insertSorted(parent, node);
  }
  return busy;
}

/** r_show: "%0*llx-%0*llx : %s", two spaces per nesting level; width 8 for iomem, 4 for ioports. */
export function renderResources(root: Resource, width: number): string {
  let out = "";
  const walk = (r: Resource, depth: number) => {
    out += `${"  ".repeat(depth)}${r.start.toString(16).padStart(width, "0")}-${r.end.toString(16).padStart(width, "0")} : ${r.name}\n`;
    for (const c of r.children) walk(c, depth + 1);
  };
  for (const c of root.children) walk(c, 0);
  return out;
}

/**
 * /proc/iomem as Linux 6.1 builds it on this machine: the e820 map (first page reserved), the legacy
 * VGA window and ROMs, the kernel image in RAM, the host bridge's windows with every assigned BAR and ROM
 * of every function, and the platform's fixed devices (IOAPIC, HPET, local APIC).
 */
export function buildIomem(fw: FirmwareTables, devs: readonly PciDev[]): Resource {
  const root = res(0, Number.MAX_SAFE_INTEGER, "iomem");
  for (const e of fw.e820) {
    let start = e.start;
    if (start === 0 && e.type === "RAM") {
      // e820: update [mem 0x00000000-0x00000fff] usable ==> reserved
      root.children.push(res(0, 0xfff, "Reserved"));
      start = 0x1000;
    }
    const r = res(start, e.end - 1, e.type === "RAM" ? "System RAM" : "Reserved");
    if (e.start === 0xf0000) r.children.push(res(0xf0000, 0xfffff, "System ROM"));
    if (e.type === "RAM" && e.start === 0x100000) {
      // The kernel image: this small kernel's fixed (no KASLR) layout at 16 MiB.
      r.children.push(res(0x1000000, 0x1dfffff, "Kernel code"), res(0x1e00000, 0x21fffff, "Kernel rodata"), res(0x2200000, 0x23fffff, "Kernel data"), res(0x2600000, 0x27fffff, "Kernel bss"));
    }
    root.children.push(r);
  }
  root.children.push(res(0xa0000, 0xbffff, "PCI Bus 0000:00"));
  for (const rom of fw.shadowRoms) root.children.push(res(rom.start, rom.start + rom.bytes - 1, rom.kind));
  root.children.push(res(fw.pciHole32[0], fw.pciHole32[1], "PCI Bus 0000:00"));
  root.children.push(res(fw.pciHole64[0], fw.pciHole64[1], "PCI Bus 0000:00"));
  root.children.push(res(0xfec00000, 0xfec003ff, "IOAPIC 0"));
  root.children.push(res(0xfed00000, 0xfed003ff, "HPET 0", [res(0xfed00000, 0xfed003ff, "PNP0103:00")]));
  root.children.push(res(0xfee00000, 0xfee00fff, "Local APIC"));
  root.children.sort((a, b) => a.start - b.start);
  for (const d of devs) {
    for (const r of d.resources) {
      if (!r.flags || r.flags & IORESOURCE_IO || r.flags & IORESOURCE_ROM_SHADOW || r.end <= r.start || r.start === 0) continue;
      const window = root.children.find((w) => w.name === "PCI Bus 0000:00" && r.start >= w.start && r.end <= w.end);
      if (window) insertSorted(window, res(r.start, r.end, d.name));
    }
  }
  return root;
}

function insertSorted(parent: Resource, r: Resource): void {
  parent.children.push(r);
  parent.children.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * /proc/ioports: the two PCI I/O windows of the host bridge (around the config ports), the legacy ISA
 * devices Linux registers on a PC, the quirk claims (PIIX4 ACPI/SMBus with the ACPI blocks inside), the
 * legacy IDE ports and every I/O BAR.
 */
export function buildIoports(fw: FirmwareTables, devs: readonly PciDev[], quirks: readonly QuirkClaim[]): Resource {
  const root = res(0, 0xffff, "ioport");
  const low = res(0x0000, 0x0cf7, "PCI Bus 0000:00");
  const high = res(0x0d00, 0xffff, "PCI Bus 0000:00");
  root.children.push(low, res(0x0cf8, 0x0cff, "PCI conf1"), high);
  const legacy: [number, number, string][] = [
    [0x00, 0x1f, "dma1"],
    [0x20, 0x21, "pic1"],
    [0x40, 0x43, "timer0"],
    [0x50, 0x53, "timer1"],
    [0x60, 0x60, "keyboard"],
    [0x64, 0x64, "keyboard"],
    [0x70, 0x77, "rtc0"],
    [0x80, 0x8f, "dma page reg"],
    [0xa0, 0xa1, "pic2"],
    [0xc0, 0xdf, "dma2"],
    [0xf0, 0xff, "fpu"],
    [0x510, 0x51b, "QEMU0002:00"],
  ];
  if (fw.vga) legacy.push([0x3c0, 0x3df, "vga+"]);
  if (fw.serialPorts > 0) legacy.push([0x3f8, 0x3ff, "serial"]);
  for (const [s, e, n] of legacy) insertSorted(low, res(s, e, n));
  insertSorted(high, res(0xafe0, 0xafe3, "ACPI GPE0_BLK"));
  for (const q of quirks) {
    const r = res(q.start, q.end, q.owner);
    if (q.what === "PIIX4 ACPI") {
      r.children.push(res(q.start, q.start + 3, "ACPI PM1a_EVT_BLK"), res(q.start + 4, q.start + 5, "ACPI PM1a_CNT_BLK"), res(q.start + 8, q.start + 11, "ACPI PM_TMR"));
    }
    insertSorted(q.start < 0xcf8 ? low : high, r);
  }
  for (const d of devs) {
    for (const r of d.resources) {
      if (!(r.flags & IORESOURCE_IO) || r.start === 0) continue;
      insertSorted(r.end < 0xcf8 ? low : high, res(r.start, r.end, d.name));
    }
  }
  return root;
}
