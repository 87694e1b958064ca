import { MemoryRegion } from "../memory/region.js";
import type { PciBus } from "./bus.js";

/**
 * The PC host bridge's configuration mechanism #1 (hw/pci/pci_host.c): a 32-bit write to 0xCF8 latches
 * enable | bus | devfn | register; 0xCFC–0xCFF then reach that function's config space.
 */
export class PciHostConfig {
  /** The latched CONFIG_ADDRESS value. */
  configReg = 0;

  constructor(private readonly bus: PciBus) {}

  /** "pci-conf-idx" at 0xCF8: only 4-byte writes at offset 0 latch; reads return the latch. */
  readonly confRegion = MemoryRegion.io("pci-conf-idx", 4, {
    read: () => this.configReg >>> 0,
    write: (offset, value, size) => {
      if (offset !== 0 || size !== 4) return;
      this.configReg = value >>> 0;
    },
  });

  /** "pci-conf-data" at 0xCFC: all ones while the enable bit is clear or no function answers. */
  readonly dataRegion = MemoryRegion.io("pci-conf-data", 4, {
    read: (offset, size) => {
      if (!(this.configReg & 0x80000000)) return 0xffffffff;
      return this.access(offset, size, undefined);
    },
    write: (offset, value, size) => {
      if (!(this.configReg & 0x80000000)) return;
      this.access(offset, size, value);
    },
  });

  private access(offset: number, size: number, value: number | undefined): number {
    const addr = (this.configReg | (offset & 3)) >>> 0;
    const busNum = (addr >>> 16) & 0xff;
    const devfn = (addr >>> 8) & 0xff;
    const reg = addr & 0xff;
    if (busNum !== 0) return 0xffffffff; // only bus 0 exists on this machine
    if (value === undefined) return this.bus.configRead(devfn, reg, size);
    this.bus.configWrite(devfn, reg, value, size);
    return 0;
  }
}
