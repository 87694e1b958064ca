import type { MemoryRegion } from "../memory/region.js";
import { PCI_BAR_UNMAPPED, type PciBusView, type PciDevice, type PciMappingListener } from "./device.js";
import {
  PCI_BASE_ADDRESS_MEM_TYPE_64,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_COMMAND,
  PCI_COMMAND_IO,
  PCI_COMMAND_MASTER,
  PCI_COMMAND_MEMORY,
  PCI_CONFIG_SPACE_SIZE,
  PCI_ROM_ADDRESS_ENABLE,
  PCI_ROM_SLOT,
  barOffset,
  pciFunc,
  pciSlot,
} from "./regs.js";

/** An error QEMU would report while plugging a device (the message is QEMU's). */
export class PciPlugError extends Error {}

/** Guest memory as a bus master sees it (the machine's system address space, RAM only for DMA). */
export interface DmaTarget {
  dmaWrite(addr: number, data: Uint8Array): boolean;
  dmaRead(addr: number, out: Uint8Array): boolean;
}

/**
 * A conventional PCI bus (bus 0 of the i440FX host): 32 slots × 8 functions, and the two address spaces
 * its BARs decode in. Mapping follows QEMU's pci_update_mappings/pci_bar_address: a BAR is mapped only when
 * its command-register enable bit is set and its address is sane.
 */
export class PciBus implements PciMappingListener {
  readonly devices: (PciDevice | undefined)[] = new Array(256);
  /** IRQ levels of each device's INTx pin, for the host's routing. */
  onIrq: ((dev: PciDevice, level: 0 | 1) => void) | undefined;
  /** MSI writes from bus masters. */
  onMsi: ((dev: PciDevice, address: number, data: number) => void) | undefined;

  constructor(
    readonly name: string,
    /** Container for memory BARs (QEMU's pci_memory, the whole 64-bit PCI address space). */
    readonly memorySpace: MemoryRegion,
    /** Container for I/O BARs (the x86 I/O port space). */
    readonly ioSpace: MemoryRegion,
    private readonly dma: DmaTarget,
    /** x86 `pc` does not map a BAR at address 0 (MachineClass pci_allow_0_address is false). */
    private readonly allowZeroAddress = false,
  ) {}

  /** In-use check and first-free-slot search of QEMU's do_pci_register_device. */
  plug(dev: PciDevice, requestedDevfn?: number): void {
    let fn = requestedDevfn;
    if (fn === undefined) {
      for (let d = 0; d < 256; d += 8) {
        if (!this.devices[d]) {
          fn = d;
          break;
        }
      }
      if (fn === undefined) throw new PciPlugError(`PCI: no slot/function available for ${dev.typeName}, all in use or reserved`);
    } else if (this.devices[fn]) {
      const other = this.devices[fn] as PciDevice;
      throw new PciPlugError(
        `PCI: slot ${pciSlot(fn)} function ${pciFunc(fn)} not available for ${dev.typeName}, in use by ${other.typeName},id=${other.qdevId ?? "(null)"}`,
      );
    }
    // pci_init_multifunction: function 0 decides whether the slot may hold other functions.
    const slot = pciSlot(fn);
    if (pciFunc(fn) !== 0) {
      const f0 = this.devices[fn & ~7];
      if (f0 && !f0.multifunction) {
        throw new PciPlugError(`PCI: single function device can't be populated in function ${slot.toString(16)}.${pciFunc(fn).toString(16)}`);
      }
    } else if (!dev.multifunction) {
      for (let f = 1; f < 8; f++) {
        if (this.devices[fn + f]) {
          throw new PciPlugError(`PCI: ${slot.toString(16)}.0 indicates single function, but ${slot.toString(16)}.${f.toString(16)} is already populated.`);
        }
      }
    }
    dev.devfn = fn;
    this.devices[fn] = dev;
    dev.mappingListener = this;
    dev.realize(this.busViewFor(dev));
  }

  unplug(dev: PciDevice): void {
    if (this.devices[dev.devfn] !== dev) return;
    for (const bar of dev.bars) {
      if (bar && bar.addr !== PCI_BAR_UNMAPPED) {
        (bar.region.parent as MemoryRegion).removeSubregion(bar.region);
        bar.addr = PCI_BAR_UNMAPPED;
      }
    }
    this.devices[dev.devfn] = undefined;
    dev.mappingListener = undefined;
    dev.unrealize();
  }

  /** pci_find_device on this bus. */
  find(devfn: number): PciDevice | undefined {
    return this.devices[devfn];
  }

  /** Plugged functions in devfn order. */
  functions(): PciDevice[] {
    return this.devices.filter((d): d is PciDevice => d !== undefined);
  }

  /** Config read as the host bridge forwards it: all ones where no function answers (pci_data_read). */
  configRead(devfn: number, off: number, len: number): number {
    const dev = this.devices[devfn];
    if (!dev || off + len > PCI_CONFIG_SPACE_SIZE) return len === 4 ? 0xffffffff : (1 << (len * 8)) - 1;
    return dev.configRead(off, len);
  }

  configWrite(devfn: number, off: number, value: number, len: number): void {
    const dev = this.devices[devfn];
    if (!dev || off + len > PCI_CONFIG_SPACE_SIZE) return;
    dev.configWrite(off, value, len);
  }

  /** pci_update_mappings: (re)maps every BAR of `dev` where pci_bar_address says it now lives. */
  updateMappings(dev: PciDevice): void {
    for (const bar of dev.bars) {
      if (!bar) continue;
      const addr = this.barAddress(dev, bar.index, bar.type, bar.size);
      if (addr === bar.addr) continue;
      if (bar.addr !== PCI_BAR_UNMAPPED) (bar.region.parent as MemoryRegion).removeSubregion(bar.region);
      bar.addr = addr;
      if (addr !== PCI_BAR_UNMAPPED) {
        const space = bar.type & PCI_BASE_ADDRESS_SPACE_IO ? this.ioSpace : this.memorySpace;
        // QEMU maps BARs with priority 1 over other regions in the PCI address space.
        space.addSubregion(addr, bar.region, 1);
      }
    }
  }

  /** pci_bar_address (QEMU 7.2 hw/pci/pci.c): where a BAR decodes, or PCI_BAR_UNMAPPED. */
  barAddress(dev: PciDevice, index: number, type: number, size: number): number {
    const cmd = dev.config.getWord(PCI_COMMAND);
    const off = barOffset(index);
    if (type & PCI_BASE_ADDRESS_SPACE_IO) {
      if (!(cmd & PCI_COMMAND_IO)) return PCI_BAR_UNMAPPED;
      const a = dev.config.getLong(off) - (dev.config.getLong(off) % size);
      const last = a + size - 1;
      if (last <= a || last >= 0xffffffff || (!this.allowZeroAddress && a === 0)) return PCI_BAR_UNMAPPED;
      return a;
    }
    if (!(cmd & PCI_COMMAND_MEMORY)) return PCI_BAR_UNMAPPED;
    let raw = dev.config.getLong(off);
    const is64 = index !== PCI_ROM_SLOT && (type & PCI_BASE_ADDRESS_MEM_TYPE_64) !== 0;
    if (index === PCI_ROM_SLOT && !(raw & PCI_ROM_ADDRESS_ENABLE)) return PCI_BAR_UNMAPPED;
    if (is64) raw += dev.config.getLong(off + 4) * 2 ** 32;
    const a = raw - (raw % size);
    const last = a + size - 1;
    if (last <= a || (!this.allowZeroAddress && a === 0)) return PCI_BAR_UNMAPPED;
    // A 32-bit BAR may not wrap past 4 GiB; addresses beyond what we can represent exactly stay unmapped.
    if (!is64 && last >= 0xffffffff) return PCI_BAR_UNMAPPED;
    if (last >= Number.MAX_SAFE_INTEGER) return PCI_BAR_UNMAPPED;
    return a;
  }

  private busViewFor(dev: PciDevice): PciBusView {
    const master = () => (dev.config.getWord(PCI_COMMAND) & PCI_COMMAND_MASTER) !== 0;
    return {
      dmaWrite: (addr, data) => master() && this.dma.dmaWrite(addr, data),
      dmaRead: (addr, out) => master() && this.dma.dmaRead(addr, out),
      setIrq: (level) => this.onIrq?.(dev, level),
      msi: (address, data) => {
        // MSI is a memory write by the function: it needs bus mastering, like DMA.
        if (master()) this.onMsi?.(dev, address, data);
      },
    };
  }
}
