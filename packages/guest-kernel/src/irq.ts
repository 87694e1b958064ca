import { Cat } from "@rng/hw-qemu";
import { EBUSY, EINVAL, ENOSPC } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { pciConfRead, pciConfWrite, type PciDev } from "./pci-core.js";

export type IrqHandler = (irq: number) => "handled" | "none";

/** An interrupt line as /proc/interrupts lists it. */
interface IrqDesc {
  irq: number;
  vector: number;
  chip: string;
  handlers: { name: string; fn: IrqHandler }[];
  count: number;
  /** The interrupt domain's hardware number: the IO-APIC pin, or an MSI's pci_dev_id << 11 | index. */
  hwirq: number;
}

export const PCI_IRQ_LEGACY = 1;
export const PCI_IRQ_MSI = 2;

/**
 * Interrupts (kernel/irq, arch/x86/kernel/apic): ISA IRQ n arrives as vector 0x30 + n through the
 * IO-APIC; MSI vectors are handed out from 0x41 up with Linux-style IRQ numbers from 24 up. Handlers run
 * when the CPU takes the vector, charging `irq`.
 */
export class IrqCore {
  private readonly byVector = new Map<number, IrqDesc>();
  private readonly byIrq = new Map<number, IrqDesc>();
  private nextMsiVector = 0x41;
  private nextMsiIrq = 24;
  /** MSI IRQs allocated per device (pci_alloc_irq_vectors). */
  private readonly msiOf = new Map<PciDev, number>();

  constructor(private readonly k: Kernel) {
    k.cpu.onInterrupt((vector) => this.deliver(vector));
  }

  private desc(irq: number, vector: number, chip: string): IrqDesc {
    let d = this.byIrq.get(irq);
    if (!d) {
      d = { irq, vector, chip, handlers: [], count: 0, hwirq: irq };
      this.byIrq.set(irq, d);
      this.byVector.set(vector, d);
    }
    return d;
  }

  private deliver(vector: number): void {
    const d = this.byVector.get(vector);
    const k = this.k;
    k.cpu.clock.charge(Cat.irq, k.costs.ns.irqNs);
    if (!d) return;
    d.count++;
    k.traceNested(`  irq ${d.irq} (vector 0x${vector.toString(16)}) -> ${d.handlers.map((h) => h.name).join(",") || "spurious"}`);
    for (const h of d.handlers) k.withOwnerOf(h.fn, () => h.fn(d.irq));
  }

  /** request_irq(irq, handler, IRQF_SHARED, name): INTx lines are shared; an unknown line is EINVAL. */
  requestIrq(irq: number, fn: IrqHandler, name: string): number {
    const d = this.byIrq.get(irq) ?? (irq > 0 && irq < 16 ? this.desc(irq, 0x30 + irq, "IO-APIC") : undefined);
    if (!d) return -EINVAL;
    if (d.handlers.some((h) => h.fn === fn)) return -EBUSY;
    d.handlers.push({ name, fn });
    return 0;
  }

  freeIrq(irq: number, fn: IrqHandler): void {
    const d = this.byIrq.get(irq);
    if (d) d.handlers = d.handlers.filter((h) => h.fn !== fn);
  }

  /** pci_alloc_irq_vectors(dev, 1, 1, flags): MSI when the function has the capability, else its INTx line. */
  allocVectors(dev: PciDev, flags: number): number {
    const cap = findCap(this.k, dev, 0x05);
    if (flags & PCI_IRQ_MSI && cap) {
      if (this.msiOf.has(dev)) return 1;
      if (this.nextMsiVector > 0xef) return -ENOSPC;
      const vector = this.nextMsiVector++;
      const irq = this.nextMsiIrq++;
      // pci_msi_domain_calc_hwirq: (bus << 8 | devfn) << 11 | msi index (bus 0, index 0 here).
      this.desc(irq, vector, "PCI-MSI").hwirq = dev.devfn << 11;
      // Message address 0xfee00000 (APIC ID 0), data = vector; then enable.
      pciConfWrite(this.k, dev.devfn, cap + 4, 4, 0xfee00000);
      pciConfWrite(this.k, dev.devfn, cap + 8, 4, 0);
      pciConfWrite(this.k, dev.devfn, cap + 12, 2, vector);
      pciConfWrite(this.k, dev.devfn, cap + 2, 2, pciConfRead(this.k, dev.devfn, cap + 2, 2) | 1);
      this.msiOf.set(dev, irq);
      return 1;
    }
    if (flags & PCI_IRQ_LEGACY && dev.irq) return 1;
    return -ENOSPC;
  }

  /** pci_irq_vector(dev, 0) */
  irqVector(dev: PciDev): number {
    return this.msiOf.get(dev) ?? dev.irq;
  }

  freeVectors(dev: PciDev): void {
    const irq = this.msiOf.get(dev);
    if (irq === undefined) return;
    const cap = findCap(this.k, dev, 0x05);
    if (cap) pciConfWrite(this.k, dev.devfn, cap + 2, 2, pciConfRead(this.k, dev.devfn, cap + 2, 2) & ~1);
    this.msiOf.delete(dev);
  }

  /** /proc/interrupts, for the lines that have handlers. */
  procInterrupts(): string {
    let out = "           CPU0       \n";
    for (const d of [...this.byIrq.values()].sort((a, b) => a.irq - b.irq)) {
      if (!d.handlers.length) continue;
      // show_interrupts: "%*d: ", "%10u " per CPU, " %8s" chip, " %*lu" hwirq, "-%-8s" flow, "  %s" actions.
      const flow = d.chip === "PCI-MSI" ? "edge" : "fasteoi";
      out += `${String(d.irq).padStart(3)}: ${String(d.count).padStart(10)}  ${d.chip.padStart(8)} ${String(d.hwirq).padStart(3)}-${flow.padEnd(8)}  ${d.handlers.map((h) => h.name).join(", ")}\n`;
    }
    return out;
  }
}

/** pci_find_capability */
export function findCap(k: Kernel, dev: PciDev, id: number): number {
  if (!(pciConfRead(k, dev.devfn, 0x06, 2) & 0x10)) return 0;
  let p = pciConfRead(k, dev.devfn, 0x34, 1) & 0xfc;
  for (let n = 0; p && n < 48; n++) {
    if (pciConfRead(k, dev.devfn, p, 1) === id) return p;
    p = pciConfRead(k, dev.devfn, p + 1, 1) & 0xfc;
  }
  return 0;
}
