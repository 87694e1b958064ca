/**
 * What firmware tells the OS about the platform: the e820 map (SeaBIOS, from QEMU's fw_cfg) and the
 * ACPI tables QEMU builds (the PCI host bridge's _CRS windows, legacy devices, hotplug slots).
 */
export interface E820Entry {
  start: number;
  /** Exclusive end. */
  end: number;
  type: "RAM" | "RESERVED";
}

export interface FirmwareTables {
  e820: E820Entry[];
  /** The 32-bit and 64-bit PCI windows of the host bridge's _CRS (inclusive ends). */
  pciHole32: [number, number];
  pciHole64: [number, number];
  /** ISA serial ports present (COM1 ...). */
  serialPorts: number;
  /** A VGA device decodes the legacy VGA ranges. */
  vga: boolean;
  /** Slots with ACPI hotplug objects (Linux's acpiphp registers them: /sys/bus/pci/slots/N). */
  hotplugSlots: number[];
  /** Option ROMs SeaBIOS copied below 1 MiB, as Linux's probe_roms finds them: [start, bytes, kind]. */
  shadowRoms: { start: number; bytes: number; kind: "Video ROM" | "Adapter ROM" }[];
}

const GiB = 2 ** 30;

/**
 * SeaBIOS's e820 for QEMU's pc machine: low RAM up to the EBDA at 0x9fc00, the BIOS area, RAM from 1 MiB
 * to 128 KiB below the top of low memory (SeaBIOS keeps that for its tables), the BIOS ROM below 4 GiB,
 * RAM above 4 GiB, and the reserved HyperTransport range QEMU 7.x declares at 1012 GiB (captured log:
 * "e820 map has 8 items"; the KVM-only identity-map page at 0xfeffc000 appears only under KVM).
 */
export function seabiosE820(ramBelow4G: number, ramAbove4G: number, kvm: boolean): E820Entry[] {
  const e: E820Entry[] = [
    { start: 0, end: 0x9fc00, type: "RAM" },
    { start: 0x9fc00, end: 0xa0000, type: "RESERVED" },
    { start: 0xf0000, end: 0x100000, type: "RESERVED" },
    { start: 0x100000, end: ramBelow4G - 0x20000, type: "RAM" },
    { start: ramBelow4G - 0x20000, end: ramBelow4G, type: "RESERVED" },
  ];
  if (kvm) e.push({ start: 0xfeffc000, end: 0xff000000, type: "RESERVED" });
  e.push({ start: 0xfffc0000, end: 2 ** 32, type: "RESERVED" });
  if (ramAbove4G > 0) e.push({ start: 2 ** 32, end: 2 ** 32 + ramAbove4G, type: "RAM" });
  e.push({ start: 0xfd00000000, end: 0x10000000000, type: "RESERVED" });
  return e;
}

/** pc_pci_hole64_start: the 64-bit window starts past RAM above 4 GiB, 1 GiB aligned; 2 GiB by default. */
export function pciHole64(ramAbove4G: number): [number, number] {
  const start = Math.ceil((2 ** 32 + ramAbove4G) / GiB) * GiB;
  return [start, start + 2 * GiB - 1];
}
