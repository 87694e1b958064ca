// PCI configuration-space register offsets and bits (PCI Local Bus Specification 3.0, §6; Linux
// include/uapi/linux/pci_regs.h uses the same names).
export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_STATUS = 0x06;
export const PCI_REVISION_ID = 0x08;
export const PCI_CLASS_PROG = 0x09;
export const PCI_CLASS_DEVICE = 0x0a;
export const PCI_CACHE_LINE_SIZE = 0x0c;
export const PCI_LATENCY_TIMER = 0x0d;
export const PCI_HEADER_TYPE = 0x0e;
export const PCI_BASE_ADDRESS_0 = 0x10;
export const PCI_SUBSYSTEM_VENDOR_ID = 0x2c;
export const PCI_SUBSYSTEM_ID = 0x2e;
export const PCI_ROM_ADDRESS = 0x30;
export const PCI_CAPABILITY_LIST = 0x34;
export const PCI_INTERRUPT_LINE = 0x3c;
export const PCI_INTERRUPT_PIN = 0x3d;
export const PCI_CONFIG_HEADER_SIZE = 0x40;
export const PCI_CONFIG_SPACE_SIZE = 0x100;

export const PCI_COMMAND_IO = 0x1;
export const PCI_COMMAND_MEMORY = 0x2;
export const PCI_COMMAND_MASTER = 0x4;
export const PCI_COMMAND_SERR = 0x100;
export const PCI_COMMAND_INTX_DISABLE = 0x400;

export const PCI_STATUS_INTERRUPT = 0x08;
export const PCI_STATUS_CAP_LIST = 0x10;
export const PCI_STATUS_FAST_BACK = 0x80;
export const PCI_STATUS_DEVSEL_MEDIUM = 0x200;
/** Status bits that are cleared by writing 1 (RW1C). */
export const PCI_STATUS_W1C = 0xf900;

export const PCI_HEADER_TYPE_MULTI_FUNCTION = 0x80;

export const PCI_BASE_ADDRESS_SPACE_IO = 0x01;
export const PCI_BASE_ADDRESS_SPACE_MEMORY = 0x00;
export const PCI_BASE_ADDRESS_MEM_TYPE_64 = 0x04;
export const PCI_BASE_ADDRESS_MEM_PREFETCH = 0x08;
export const PCI_ROM_ADDRESS_ENABLE = 0x01;
/** Index of the expansion ROM in a device's region table, as QEMU's PCI_ROM_SLOT. */
export const PCI_ROM_SLOT = 6;
export const PCI_NUM_REGIONS = 7;

export const PCI_CAP_ID_PM = 0x01;
export const PCI_CAP_ID_MSI = 0x05;
export const PCI_CAP_ID_VNDR = 0x09;
export const PCI_CAP_ID_MSIX = 0x11;

/** Config offset of BAR `index` (0–5) or of the ROM BAR (6) in a type-0 header. */
export function barOffset(index: number): number {
  return index === PCI_ROM_SLOT ? PCI_ROM_ADDRESS : PCI_BASE_ADDRESS_0 + 4 * index;
}

export function devfn(slot: number, fn: number): number {
  return (slot << 3) | fn;
}
export function pciSlot(devfn: number): number {
  return devfn >> 3;
}
export function pciFunc(devfn: number): number {
  return devfn & 7;
}
