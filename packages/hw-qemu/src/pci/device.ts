import type { MemoryRegion } from "../memory/region.js";
import { PciConfigSpace } from "./config-space.js";
import {
  PCI_BASE_ADDRESS_0,
  PCI_BASE_ADDRESS_MEM_TYPE_64,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_CAPABILITY_LIST,
  PCI_CLASS_DEVICE,
  PCI_CLASS_PROG,
  PCI_COMMAND,
  PCI_CONFIG_HEADER_SIZE,
  PCI_CONFIG_SPACE_SIZE,
  PCI_DEVICE_ID,
  PCI_HEADER_TYPE,
  PCI_INTERRUPT_PIN,
  PCI_REVISION_ID,
  PCI_ROM_ADDRESS,
  PCI_ROM_ADDRESS_ENABLE,
  PCI_ROM_SLOT,
  PCI_STATUS,
  PCI_STATUS_CAP_LIST,
  PCI_SUBSYSTEM_ID,
  PCI_SUBSYSTEM_VENDOR_ID,
  PCI_VENDOR_ID,
  barOffset,
} from "./regs.js";

/** What a PCI function is, as its QEMU class declares it (PCIDeviceClass). */
export interface PciIdentity {
  vendorId: number;
  deviceId: number;
  revision: number;
  /** 16-bit class code (base class << 8 | subclass). */
  classId: number;
  progIf?: number;
  /** QEMU gives every non-bridge device subsystem 1af4:1100 unless its class sets one (pci_set_default_subsystem_id). */
  subsystemVendorId?: number;
  subsystemId?: number;
  /** 0 none, 1 INTA … 4 INTD. */
  interruptPin?: number;
}

/** QEMU's defaults: Red Hat / Qumranet subsystem vendor, subsystem 0x1100. */
export const PCI_SUBVENDOR_ID_REDHAT_QUMRANET = 0x1af4;
export const PCI_SUBDEVICE_ID_QEMU = 0x1100;

/** An address QEMU reports for a BAR that is not mapped (PCI_BAR_UNMAPPED = ~0). */
export const PCI_BAR_UNMAPPED = -1;

export interface PciBar {
  readonly index: number;
  /** The type bits of the BAR's low dword (I/O, 64-bit, prefetchable). */
  readonly type: number;
  readonly size: number;
  readonly region: MemoryRegion;
  /** Where the bus has mapped it, or PCI_BAR_UNMAPPED. */
  addr: number;
}

/** What a device sees of its bus: DMA into guest memory and its interrupt line. */
export interface PciBusView {
  /** Bus-master DMA write; false when the transfer was refused (bus mastering off, bad address). */
  dmaWrite(addr: number, data: Uint8Array): boolean;
  dmaRead(addr: number, out: Uint8Array): boolean;
  /** Drives the function's INTx pin. */
  setIrq(level: 0 | 1): void;
  /** A message-signalled interrupt: the write of `data` to `address` (x86: the vector is data & 0xff). */
  msi?(address: number, data: number): void;
}

/** Notified when config writes may have changed BAR mappings. */
export interface PciMappingListener {
  updateMappings(dev: PciDevice): void;
}

/**
 * A PCI function as QEMU models it: config space with masks, up to six BARs and a ROM BAR, a capability
 * list. Subclasses are device models; they see only their config space, regions and bus view.
 */
export class PciDevice {
  readonly config = new PciConfigSpace();
  readonly bars: (PciBar | undefined)[] = new Array(PCI_ROM_SLOT + 1);
  /** The -device `id=` (qdev id), if any. */
  qdevId: string | undefined;
  /** Slot << 3 | function, once plugged. */
  devfn = -1;
  /** Set by `multifunction=on` or by models that are multifunction (PIIX3). */
  multifunction = false;
  /** Hot-plugged after the machine booted (affects nothing in config space; kept for monitors). */
  hotplugged = false;
  protected busView: PciBusView | undefined;
  mappingListener: PciMappingListener | undefined;
  /** Bytes of config space used by the header and capabilities (QEMU's `used`, for pci_find_space). */
  private readonly used = new Uint8Array(PCI_CONFIG_SPACE_SIZE);

  constructor(
    /** QOM type name, as `info qtree` and error messages print it (e.g. "e1000", "PIIX3"). */
    readonly typeName: string,
    readonly identity: PciIdentity,
  ) {
    const c = this.config;
    c.setWord(PCI_VENDOR_ID, identity.vendorId);
    c.setWord(PCI_DEVICE_ID, identity.deviceId);
    c.setByte(PCI_REVISION_ID, identity.revision);
    c.setByte(PCI_CLASS_PROG, identity.progIf ?? 0);
    c.setWord(PCI_CLASS_DEVICE, identity.classId);
    c.setWord(PCI_SUBSYSTEM_VENDOR_ID, identity.subsystemVendorId ?? PCI_SUBVENDOR_ID_REDHAT_QUMRANET);
    c.setWord(PCI_SUBSYSTEM_ID, identity.subsystemId ?? PCI_SUBDEVICE_ID_QEMU);
    c.setByte(PCI_INTERRUPT_PIN, identity.interruptPin ?? 0);
    this.used.fill(0xff, 0, PCI_CONFIG_HEADER_SIZE);
  }

  /** Called once the device is on a bus, before firmware runs. */
  realize(bus: PciBusView): void {
    this.busView = bus;
    if (this.multifunction) this.config.setByte(PCI_HEADER_TYPE, this.config.getByte(PCI_HEADER_TYPE) | 0x80);
  }

  /** Unplugged (hot-unplug eject): the device lets go of its bus; timers it set must not fire. */
  unrealize(): void {
    this.busView = undefined;
  }

  /** Machine reset. */
  reset(): void {}

  /**
   * pci_register_bar: the BAR's low bits are its read-only type; the address bits above the size are
   * writable, so writing all ones reads back the size mask. A ROM BAR's enable bit is writable too.
   */
  registerBar(index: number, type: number, region: MemoryRegion): void {
    const size = region.size;
    if (!(size >= 1) || !Number.isInteger(Math.log2(size))) throw new Error(`BAR size ${size} is not a power of two`);
    const off = barOffset(index);
    const is64 = index !== PCI_ROM_SLOT && !(type & PCI_BASE_ADDRESS_SPACE_IO) && (type & PCI_BASE_ADDRESS_MEM_TYPE_64) !== 0;
    // wmask = ~(size - 1), over 64 bits for a 64-bit BAR.
    const lowMask = size >= 2 ** 32 ? 0 : (~(size - 1) >>> 0) | (index === PCI_ROM_SLOT ? PCI_ROM_ADDRESS_ENABLE : 0);
    this.config.setLong(off, type);
    this.config.setLong(off, lowMask, this.config.wmask);
    if (is64) {
      const highMask = size > 2 ** 32 ? (~(size / 2 ** 32 - 1) >>> 0) : 0xffffffff;
      this.config.setLong(off + 4, 0);
      this.config.setLong(off + 4, highMask, this.config.wmask);
    }
    this.bars[index] = { index, type, size, region, addr: PCI_BAR_UNMAPPED };
  }

  /** The ROM BAR for an option ROM file of `romBytes` bytes: QEMU rounds the size up to a power of two. */
  static romSize(romBytes: number): number {
    let s = 1;
    while (s < romBytes) s *= 2;
    return s;
  }

  /**
   * pci_add_capability: places a capability of `size` bytes at `offset` (0: the first free space after the
   * header), links it at the head of the list and sets the status bit. Returns the offset.
   */
  addCapability(capId: number, offset: number, size: number): number {
    let off = offset;
    if (off === 0) {
      off = PCI_CONFIG_HEADER_SIZE;
      let found = -1;
      for (let i = PCI_CONFIG_HEADER_SIZE; i < PCI_CONFIG_SPACE_SIZE; i++) {
        if (this.used[i]) off = i + 1;
        else if (i - off + 1 === size) {
          found = off;
          break;
        }
      }
      if (found < 0) throw new Error(`no space for capability 0x${capId.toString(16)}`);
      off = found;
    }
    const c = this.config;
    c.setByte(off, capId);
    c.setByte(off + 1, c.getByte(PCI_CAPABILITY_LIST));
    c.setByte(PCI_CAPABILITY_LIST, off);
    c.setWord(PCI_STATUS, c.getWord(PCI_STATUS) | PCI_STATUS_CAP_LIST);
    this.used.fill(0xff, off, off + Math.ceil(size / 4) * 4);
    c.wmask.fill(0, off, off + size);
    return off;
  }

  /** A config-space read from the host bridge (pci_default_read_config). */
  configRead(off: number, len: number): number {
    return this.config.read(off, len);
  }

  /** A config-space write; BAR, ROM or command changes remap the device (pci_default_write_config). */
  configWrite(off: number, value: number, len: number): void {
    this.config.write(off, value, len);
    const end = off + len;
    if (
      rangesOverlap(off, end, PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_0 + 24) ||
      rangesOverlap(off, end, PCI_ROM_ADDRESS, PCI_ROM_ADDRESS + 4) ||
      rangesOverlap(off, end, PCI_COMMAND, PCI_COMMAND + 2)
    ) {
      this.mappingListener?.updateMappings(this);
    }
  }
}

function rangesOverlap(a0: number, a1: number, b0: number, b1: number): boolean {
  return a0 < b1 && b0 < a1;
}
