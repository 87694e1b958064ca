// What the playground's panels show, read without touching the guest's virtual time: the machine as
// QEMU's `info pci` / `info mtree` know it, and the kernel's view of it (as lspci -k, /proc/devices and
// /dev would show it). Reading state here costs the simulation nothing, so a panel refresh cannot change
// what a replayed session prints.
import type { Kernel } from "@rng/guest-kernel";
import {
  PCI_BAR_UNMAPPED, PCI_BASE_ADDRESS_MEM_PREFETCH, PCI_BASE_ADDRESS_MEM_TYPE_64, PCI_BASE_ADDRESS_SPACE_IO, bdfName,
  type PcMachine,
} from "@rng/hw-qemu";

export interface BarView {
  index: number;
  /** "io", "mem32", "mem64"; the ROM is index 6, "rom". */
  kind: "io" | "mem32" | "mem64" | "rom";
  prefetchable: boolean;
  size: number;
  /** Where it is mapped, or undefined while unassigned (a hot-added function before the guest's scan). */
  addr: number | undefined;
}

export interface FunctionView {
  bdf: string;
  devfn: number;
  vendorId: number;
  deviceId: number;
  typeName: string;
  qdevId: string | undefined;
  bars: BarView[];
  /** The guest kernel's bound driver (the sysfs `driver` link), if any. */
  driver: string | undefined;
}

export interface AddressRange {
  start: number;
  /** Inclusive. */
  end: number;
  label: string;
  kind: "ram" | "pci" | "firmware";
}

export interface MyRngView {
  bdf: string;
  version: number;
  bar0: number | undefined;
  prng: string | undefined;
  driver: string | undefined;
  /** The character devices the guest made for my_rng drivers: /dev path, major, minor. */
  nodes: { path: string; major: number; minor: number; driverName: string | undefined }[];
}

export interface MachineView {
  functions: FunctionView[];
  /** The physical address map below 4 GiB (and any 64-bit BARs above): RAM, firmware, PCI BARs. */
  map: AddressRange[];
  ramBytes: number;
  myRng: MyRngView[];
}

const ROM_SLOT = 6;

export function functionViews(m: PcMachine, k?: Kernel): FunctionView[] {
  return m.bus.functions().map((dev) => {
    const bars: BarView[] = [];
    for (const bar of dev.bars) {
      if (!bar) continue;
      const kind = bar.index === ROM_SLOT ? "rom" : bar.type & PCI_BASE_ADDRESS_SPACE_IO ? "io" : bar.type & PCI_BASE_ADDRESS_MEM_TYPE_64 ? "mem64" : "mem32";
      bars.push({ index: bar.index, kind, prefetchable: (bar.type & PCI_BASE_ADDRESS_MEM_PREFETCH) !== 0, size: bar.size, addr: bar.addr === PCI_BAR_UNMAPPED ? undefined : bar.addr });
    }
    const kdev = k?.pciDevs.find((d) => d.devfn === dev.devfn);
    return {
      bdf: bdfName(dev.devfn), devfn: dev.devfn, vendorId: dev.identity.vendorId, deviceId: dev.identity.deviceId,
      typeName: dev.typeName, qdevId: dev.qdevId, bars, driver: kdev?.driver,
    };
  });
}

/** Every /dev character node, with the registered driver name of its major. */
function devNodes(k: Kernel): MyRngView["nodes"] {
  const names = k.vfs.readdir("/dev");
  if (typeof names === "number") return [];
  const nodes: MyRngView["nodes"] = [];
  for (const n of names) {
    const ino = k.vfs.lookup(`/dev/${n}`, true);
    if (typeof ino === "number" || ino.kind !== "chr") continue;
    nodes.push({ path: `/dev/${n}`, major: ino.major, minor: ino.minor, driverName: k.chrdevs.get(ino.major)?.name });
  }
  return nodes;
}

export function machineView(m: PcMachine, k?: Kernel): MachineView {
  const functions = functionViews(m, k);
  const map: AddressRange[] = [];
  const below = m.ramBelow4G;
  map.push({ start: 0, end: below - 1, label: `RAM (${below >>> 20} MiB)`, kind: "ram" });
  // RAM above 4 GiB (-m beyond the PCI hole: QEMU puts the rest at 4 GiB, "ram-above-4g").
  if (m.ramAbove4G > 0) map.push({ start: 2 ** 32, end: 2 ** 32 + m.ramAbove4G - 1, label: `RAM above 4 GiB (${m.ramAbove4G / 2 ** 20} MiB)`, kind: "ram" });
  // The BIOS ROM at the top of 4 GiB (isa-bios/pc.bios, as info mtree shows it).
  map.push({ start: 0xfffc0000, end: 0xffffffff, label: "pc.bios", kind: "firmware" });
  for (const f of functions) {
    for (const b of f.bars) {
      if (b.addr === undefined || b.kind === "io") continue;
      map.push({ start: b.addr, end: b.addr + b.size - 1, label: `${f.bdf} ${f.typeName} ${b.kind === "rom" ? "ROM" : `BAR${b.index}`}`, kind: "pci" });
    }
  }
  map.sort((a, b) => a.start - b.start);
  const nodes = k ? devNodes(k) : [];
  const myRng = functions
    .filter((f) => f.typeName === "my_rng")
    .map((f): MyRngView => {
      const dev = m.bus.find(f.devfn) as unknown as { version?: number; generator?: { info: { name: string } } } | undefined;
      const version = dev?.version ?? 1;
      return {
        bdf: f.bdf, version, bar0: f.bars.find((b) => b.index === 0)?.addr, prng: dev?.generator?.info.name, driver: f.driver,
        nodes: nodes.filter((n) => /my_rng/.test(n.path) || /my_rng/.test(n.driverName ?? "")),
      };
    });
  return { functions, map, ramBytes: m.ramBelow4G + m.ramAbove4G, myRng };
}
