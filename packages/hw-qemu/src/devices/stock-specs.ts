import type { StockDeviceSpec } from "./stock-device.js";
import { PCI_CAP_ID_MSI, PCI_CAP_ID_MSIX, PCI_CAP_ID_VNDR, PCI_STATUS_DEVSEL_MEDIUM, PCI_STATUS_FAST_BACK } from "../pci/regs.js";

// Stock QEMU 7.2 devices at config-space level. IDs, classes, revisions and the first 64 config bytes are
// checked against the captures of real QEMU 7.2 + SeaBIOS 1.16.2 (test fixtures *.config.txt); the rest
// (capabilities, ROM sizes) follows each model's realize function, cited per device.

/** hw/pci-host/i440fx.c: the 82441FX PMC host bridge at 00.0. */
export const I440FX: StockDeviceSpec = {
  typeName: "i440FX",
  identity: { vendorId: 0x8086, deviceId: 0x1237, revision: 0x02, classId: 0x0600 },
  bars: [],
  description: "Host bridge",
};

/** hw/isa/piix3.c: PIIX3 PCI-to-ISA bridge, function 0 of the multifunction slot 1. */
export const PIIX3: StockDeviceSpec = {
  typeName: "PIIX3",
  identity: { vendorId: 0x8086, deviceId: 0x7000, revision: 0x00, classId: 0x0601 },
  status: PCI_STATUS_DEVSEL_MEDIUM,
  multifunction: true,
  bars: [],
  // piix3_reset: PIRQ route control registers 0x60-0x63 start disabled (bit 7 set).
  configBytes: [{ at: 0x60, bytes: [0x80, 0x80, 0x80, 0x80] }],
  description: "ISA bridge",
};

/** hw/ide/piix.c: PIIX3 IDE in ISA compatibility mode (prog-if 0x80); only the bus-master BAR4 is a BAR. */
export const PIIX3_IDE: StockDeviceSpec = {
  typeName: "piix3-ide",
  identity: { vendorId: 0x8086, deviceId: 0x7010, revision: 0x00, classId: 0x0101, progIf: 0x80 },
  status: PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
  bars: [{ index: 4, kind: "io", size: 16, name: "piix-bmdma-container" }],
  description: "IDE controller",
};

/** hw/acpi/piix4.c: PIIX4 power management (ACPI), function 3 of slot 1; SCI on INTA (SeaBIOS routes it to 9). */
export const PIIX4_PM: StockDeviceSpec = {
  typeName: "PIIX4_PM",
  identity: { vendorId: 0x8086, deviceId: 0x7113, revision: 0x03, classId: 0x0680, interruptPin: 1 },
  status: PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
  bars: [],
  description: "Bridge",
};

/**
 * hw/display/vga-pci.c, "VGA": Bochs/std VGA, 1234:1111 rev 2. BAR0 is the 16 MiB framebuffer (vgamem_mb=16,
 * prefetchable), BAR2 the 4 KiB MMIO (bochs dispi + VGA ioports); ROM vgabios-stdvga.bin (under 64 KiB).
 */
export const VGA_STD: StockDeviceSpec = {
  typeName: "VGA",
  identity: { vendorId: 0x1234, deviceId: 0x1111, revision: 0x02, classId: 0x0300 },
  bars: [
    { index: 0, kind: "mem", size: 16 * 1024 * 1024, prefetch: true, name: "vga.vram" },
    { index: 2, kind: "mem", size: 4096, name: "vga.mmio" },
  ],
  romFile: { name: "vgabios-stdvga.bin", bytes: 39424 },
  description: "VGA controller",
};

/** hw/net/e1000.c: 82540EM, 8086:100e rev 3; 128 KiB MMIO, 64-byte I/O; ROM efi-e1000.rom (256 KiB BAR). */
export const E1000: StockDeviceSpec = {
  typeName: "e1000",
  identity: { vendorId: 0x8086, deviceId: 0x100e, revision: 0x03, classId: 0x0200, interruptPin: 1 },
  bars: [
    { index: 0, kind: "mem", size: 0x20000, name: "e1000-mmio" },
    { index: 1, kind: "io", size: 0x40, name: "e1000-io" },
  ],
  romFile: { name: "efi-e1000.rom", bytes: 197120 },
  description: "Intel Gigabit Ethernet",
};

/** hw/net/rtl8139.c: RTL-8139, 10ec:8139 rev 0x20; 256-byte I/O BAR0 and MMIO BAR1; ROM efi-rtl8139.rom. */
export const RTL8139: StockDeviceSpec = {
  typeName: "rtl8139",
  identity: { vendorId: 0x10ec, deviceId: 0x8139, revision: 0x20, classId: 0x0200, interruptPin: 1 },
  bars: [
    { index: 0, kind: "io", size: 0x100, name: "rtl8139" },
    { index: 1, kind: "mem", size: 0x100, name: "rtl8139" },
  ],
  romFile: { name: "efi-rtl8139.rom", bytes: 195584 },
  description: "Realtek RTL8139",
};

/**
 * hw/misc/edu.c: QEMU's educational device, 1234:11e8 rev 0x10, class 0x00ff; 1 MiB MMIO BAR0; INTA; an MSI
 * capability from msi_init(pdev, 0, 1, true, false): 64-bit address, one vector, no masking, at 0x40.
 */
export const EDU: StockDeviceSpec = {
  typeName: "edu",
  identity: { vendorId: 0x1234, deviceId: 0x11e8, revision: 0x10, classId: 0x00ff, interruptPin: 1 },
  bars: [{ index: 0, kind: "mem", size: 1024 * 1024, name: "edu-mmio" }],
  capabilities: [
    {
      id: PCI_CAP_ID_MSI,
      offset: 0,
      size: 0x0e,
      body: [0x80, 0x00], // Message Control: 64-bit capable, 1 vector
      writable: [
        { at: 2, mask: [0x71, 0x00] }, // enable, multiple message enable
        { at: 4, mask: [0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] }, // address, data
      ],
    },
  ],
  description: "EDU device",
};

/** hw/misc/pci-testdev.c: 1b36:0005, class 0x00ff; 4 KiB MMIO BAR0 and 256-byte I/O BAR1; no IRQ. */
export const PCI_TESTDEV: StockDeviceSpec = {
  typeName: "pci-testdev",
  identity: { vendorId: 0x1b36, deviceId: 0x0005, revision: 0x00, classId: 0x00ff },
  bars: [
    { index: 0, kind: "mem", size: 4096, name: "pci-testdev-mmio" },
    { index: 1, kind: "io", size: 256, name: "pci-testdev-portio" },
  ],
  description: "PCI Test Device",
};

/** A virtio vendor capability (struct virtio_pci_cap): cfg_type, bar, offset, length (virtio 1.x §4.1.4). */
function virtioCap(cfgType: number, bar: number, offset: number, length: number, extra: number[] = []) {
  const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const size = 16 + extra.length;
  return { id: PCI_CAP_ID_VNDR, offset: 0, size, body: [size, cfgType, bar, 0, 0, 0, ...le32(offset), ...le32(length), ...extra] };
}

/**
 * hw/virtio/virtio-pci.c + virtio-rng-pci.c: a transitional virtio-rng (legacy ID 1af4:1005, subsystem
 * 1af4:0004, revision 0) on a conventional PCI bus. BAR0 legacy I/O (24 bytes with MSI-X, rounded up to
 * 32), BAR1 the MSI-X table (exclusive 4 KiB BAR, 2 vectors), BAR4 the 16 KiB 64-bit prefetchable modern
 * BAR (common 0x0000, ISR 0x1000, device 0x2000, notify 0x3000). Capabilities are added common, ISR,
 * device, notify, PCI-cfg, then MSI-X, each at the head of the list.
 */
export const VIRTIO_RNG_PCI: StockDeviceSpec = {
  typeName: "virtio-rng-pci",
  identity: {
    vendorId: 0x1af4,
    deviceId: 0x1005,
    revision: 0x00,
    classId: 0x00ff,
    subsystemVendorId: 0x1af4,
    subsystemId: 0x0004,
    interruptPin: 1,
  },
  bars: [
    { index: 0, kind: "io", size: 32, name: "virtio-pci" },
    { index: 1, kind: "mem", size: 4096, name: "virtio-rng-pci-msix" },
    { index: 4, kind: "mem", size: 0x4000, is64: true, prefetch: true, name: "virtio-pci" },
  ],
  capabilities: [
    virtioCap(1, 4, 0x0000, 0x1000),
    virtioCap(3, 4, 0x1000, 0x1000),
    virtioCap(4, 4, 0x2000, 0x1000),
    virtioCap(2, 4, 0x3000, 0x1000, [4, 0, 0, 0]), // notify_off_multiplier 4
    virtioCap(5, 0, 0, 0, [0, 0, 0, 0]), // PCI configuration access
    {
      id: PCI_CAP_ID_MSIX,
      offset: 0,
      size: 12,
      body: [0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00], // 2 vectors; table BAR1+0, PBA BAR1+0x800
      writable: [{ at: 3, mask: [0xc0] }], // MSI-X enable, function mask
    },
  ],
  description: "virtio-rng-pci",
};

/** Stock -device models, by QOM type name. */
export const STOCK_DEVICE_MODELS: Readonly<Record<string, StockDeviceSpec>> = {
  e1000: E1000,
  rtl8139: RTL8139,
  edu: EDU,
  "pci-testdev": PCI_TESTDEV,
  "virtio-rng-pci": VIRTIO_RNG_PCI,
  VGA: VGA_STD,
};
