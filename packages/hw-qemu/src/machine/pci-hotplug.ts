import { MemoryRegion } from "../memory/region.js";

/** hw/acpi/pcihp.c: the "acpi-pci-hotplug" I/O block of PIIX4 PM, at ACPI_PCIHP_ADDR. */
export const ACPI_PCIHP_ADDR = 0xae00;
export const ACPI_PCIHP_SIZE = 0x14;
/** PIIX4 PM's SCI, which SeaBIOS routes to ISA IRQ 9. */
export const ACPI_SCI_IRQ = 9;

/**
 * QEMU's ACPI PCI hotplug registers for bus 0 (hw/acpi/pcihp.c pci_read/pci_write): PCI_UP (0x00, slots
 * with a device to add; cleared when read, as with the pc machine's bridge hotplug), PCI_DOWN (0x04,
 * slots asked to eject), PCI_EJ (0x08, the guest's _EJ0 writes a slot's bit to eject it), PCI_RMV_BASE
 * (0x0c, slots that may be removed), PCI_SEL (0x10, bus select, bus 0 only here).
 */
export class AcpiPciHotplug {
  up = 0;
  down = 0;
  /** Slots that hold hot-pluggable devices (everything but what QEMU marks as not hotpluggable). */
  removable = 0;
  private sel = 0;

  constructor(private readonly eject: (slotMask: number) => void) {}

  readonly region = MemoryRegion.io("acpi-pci-hotplug", ACPI_PCIHP_SIZE, {
    read: (offset) => {
      switch (offset) {
        case 0x00: {
          const v = this.up;
          this.up = 0;
          return v >>> 0;
        }
        case 0x04:
          return this.down >>> 0;
        case 0x0c:
          return this.removable >>> 0;
        case 0x10:
          return this.sel;
        default:
          return 0;
      }
    },
    write: (offset, value) => {
      if (offset === 0x08 && this.sel === 0) this.eject(value >>> 0);
      else if (offset === 0x10) this.sel = value >>> 0;
    },
  });
}
