import { MemoryRegion, type MemoryRegionOps } from "../memory/region.js";
import { PciDevice, type PciIdentity } from "../pci/device.js";
import {
  PCI_BASE_ADDRESS_MEM_PREFETCH,
  PCI_BASE_ADDRESS_MEM_TYPE_64,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_BASE_ADDRESS_SPACE_MEMORY,
  PCI_ROM_SLOT,
  PCI_STATUS,
} from "../pci/regs.js";

/** One BAR of a stock device: enough for firmware, monitors and lspci to see what QEMU shows. */
export interface StockBar {
  index: number;
  kind: "io" | "mem";
  size: number;
  is64?: boolean;
  prefetch?: boolean;
  /** QEMU's MemoryRegion name (shows in `info mtree`). */
  name: string;
}

/** A capability placed as the QEMU model places it: id, size and its initial bytes after the header. */
export interface StockCapability {
  id: number;
  /** 0: first free space (pci_find_space). */
  offset: number;
  size: number;
  /** Bytes from offset+2 on (after id and next pointer). */
  body?: number[];
  /** Bytes (relative to the capability start) the guest may write, as masks. */
  writable?: { at: number; mask: number[] }[];
}

/** A config-level model of a stock QEMU device: IDs, BARs, ROM, capabilities; registers read as 0. */
export interface StockDeviceSpec {
  typeName: string;
  identity: PciIdentity;
  /** Initial status register (e.g. DEVSEL medium timing on PIIX functions). */
  status?: number;
  bars: StockBar[];
  /** The default option ROM file's size in bytes (QEMU rounds the BAR up to a power of two); absent: none. */
  romFile?: { name: string; bytes: number };
  capabilities?: StockCapability[];
  multifunction?: boolean;
  /** Extra config bytes the model sets at reset, e.g. PIIX3's PIRQ route registers. */
  configBytes?: { at: number; bytes: number[] }[];
  description: string;
}

/** Registers of a device we model only at config level: reads 0, writes ignored. */
const INERT_OPS: MemoryRegionOps = {
  read: () => 0,
  write: () => {},
};

export interface StockDeviceOptions {
  /** `romfile=` given: "" removes the ROM BAR (QEMU: no file, no BAR). */
  romfile?: string;
  /** `rombar=0`: the ROM is not exposed as a BAR. */
  rombar?: boolean;
}

export class StockPciDevice extends PciDevice {
  constructor(
    readonly spec: StockDeviceSpec,
    opts: StockDeviceOptions = {},
  ) {
    super(spec.typeName, spec.identity);
    this.multifunction = spec.multifunction ?? false;
    if (spec.status) this.config.setWord(PCI_STATUS, spec.status);
    for (const cb of spec.configBytes ?? []) this.config.bytes.set(cb.bytes, cb.at);
    for (const bar of spec.bars) {
      let type = bar.kind === "io" ? PCI_BASE_ADDRESS_SPACE_IO : PCI_BASE_ADDRESS_SPACE_MEMORY;
      if (bar.is64) type |= PCI_BASE_ADDRESS_MEM_TYPE_64;
      if (bar.prefetch) type |= PCI_BASE_ADDRESS_MEM_PREFETCH;
      this.registerBar(bar.index, type, MemoryRegion.io(bar.name, bar.size, INERT_OPS));
    }
    const hasRom = spec.romFile && opts.romfile !== "" && opts.rombar !== false;
    if (hasRom && spec.romFile) {
      const size = PciDevice.romSize(spec.romFile.bytes);
      this.registerBar(PCI_ROM_SLOT, PCI_BASE_ADDRESS_SPACE_MEMORY, MemoryRegion.io(`${spec.typeName}.rom`, size, INERT_OPS));
    }
    for (const cap of spec.capabilities ?? []) {
      const off = this.addCapability(cap.id, cap.offset, cap.size);
      if (cap.body) this.config.bytes.set(cap.body, off + 2);
      for (const w of cap.writable ?? []) this.config.wmask.set(w.mask, off + w.at);
    }
  }
}
