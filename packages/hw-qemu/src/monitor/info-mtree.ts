import type { PcMachine } from "../machine/pc-machine.js";
import type { MemoryRegion } from "../memory/region.js";
import { PCI_BAR_UNMAPPED } from "../pci/device.js";
import { pciFunc, pciSlot } from "../pci/regs.js";

const hex16 = (n: number) => n.toString(16).padStart(16, "0");

/** memory_region_type: containers and device regions are "i/o" (softmmu/memory.c). */
function regionType(mr: MemoryRegion): string {
  return mr.kind === "ram" ? "ram" : "i/o";
}

/** One region and its subregions, two spaces of indent per level, as mtree_print_mr prints them. */
function printRegion(mr: MemoryRegion, base: number, level: number, out: string[]): void {
  const start = base + mr.addr;
  const end = Math.min(start + mr.size - 1, 2 ** 64 - 1);
  const endText = mr.size >= 2 ** 52 ? "ffffffffffffffff" : hex16(end);
  out.push(`${"  ".repeat(level)}${hex16(start)}-${endText} (prio ${mr.priority}, ${regionType(mr)}): ${mr.name}${mr.enabled ? "" : " [disabled]"}`);
  // mtree_print_mr lists subregions by address, then by priority (higher first).
  const subs = [...mr.subregions].sort((a, b) => a.addr - b.addr || b.priority - a.priority);
  for (const s of subs) printRegion(s, start, level + 1, out);
}

/** HMP `info mtree` for the regions rnglab models (QEMU 7.2's format). */
export function renderInfoMtree(m: PcMachine): string {
  const out: string[] = [];
  out.push("address-space: memory");
  printRegion(m.systemMemory, 0, 1, out);
  out.push("");
  out.push("address-space: I/O");
  printRegion(m.systemIo, 0, 1, out);
  out.push("");
  return out.join("\n") + "\n";
}

/** HMP `info qtree`, the PCI part: each function's qdev properties and BARs (QEMU's layout, abridged). */
export function renderInfoQtree(m: PcMachine): string {
  const hex4 = (n: number) => n.toString(16).padStart(4, "0");
  const out = ["bus: main-system-bus", "  type System", '  dev: i440FX-pcihost, id ""', "    bus: pci.0", "      type PCI"];
  for (const d of m.bus.functions()) {
    const c = d.config;
    out.push(`      dev: ${d.typeName}, id "${d.qdevId ?? ""}"`);
    out.push(`        addr = ${pciSlot(d.devfn).toString(16).padStart(2, "0")}.${pciFunc(d.devfn)}`);
    out.push(`        multifunction = ${d.multifunction}`);
    out.push(
      `        class ${hex4(c.getWord(0x0a))}, addr 00:${pciSlot(d.devfn).toString(16).padStart(2, "0")}.${pciFunc(d.devfn)}, pci id ${hex4(d.identity.vendorId)}:${hex4(d.identity.deviceId)} (sub ${hex4(c.getWord(0x2c))}:${hex4(c.getWord(0x2e))})`,
    );
    for (const bar of d.bars) {
      if (!bar) continue;
      const io = (bar.type & 1) === 1;
      const addr = bar.addr === PCI_BAR_UNMAPPED ? "0xffffffffffffffff" : `0x${bar.addr.toString(16)}`;
      const last = bar.addr === PCI_BAR_UNMAPPED ? (bar.size - 2).toString(16) : (bar.addr + bar.size - 1).toString(16);
      out.push(`        bar ${bar.index}: ${io ? "i/o" : "mem"} at ${addr} [0x${last}]`);
    }
  }
  return out.join("\n") + "\n";
}
