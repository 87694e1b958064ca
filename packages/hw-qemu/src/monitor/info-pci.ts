import type { PciBus } from "../pci/bus.js";
import { PCI_BAR_UNMAPPED } from "../pci/device.js";
import {
  PCI_BASE_ADDRESS_MEM_PREFETCH,
  PCI_BASE_ADDRESS_MEM_TYPE_64,
  PCI_BASE_ADDRESS_SPACE_IO,
  PCI_CLASS_DEVICE,
  PCI_INTERRUPT_LINE,
  PCI_INTERRUPT_PIN,
  PCI_SUBSYSTEM_ID,
  PCI_SUBSYSTEM_VENDOR_ID,
  pciFunc,
  pciSlot,
} from "../pci/regs.js";

/** hw/pci/pci.c pci_class_descriptions: matched on the exact 16-bit class (get_class_desc). */
const CLASS_DESCRIPTIONS: Record<number, string> = {
  0x0001: "VGA controller",
  0x0100: "SCSI controller",
  0x0101: "IDE controller",
  0x0102: "Floppy controller",
  0x0103: "IPI controller",
  0x0104: "RAID controller",
  0x0106: "SATA controller",
  0x0107: "SAS controller",
  0x0180: "Storage controller",
  0x0200: "Ethernet controller",
  0x0201: "Token Ring controller",
  0x0202: "FDDI controller",
  0x0203: "ATM controller",
  0x0280: "Network controller",
  0x0300: "VGA controller",
  0x0301: "XGA controller",
  0x0302: "3D controller",
  0x0380: "Display controller",
  0x0400: "Video controller",
  0x0401: "Audio controller",
  0x0402: "Phone",
  0x0403: "Audio controller",
  0x0480: "Multimedia controller",
  0x0500: "RAM controller",
  0x0501: "Flash controller",
  0x0580: "Memory controller",
  0x0600: "Host bridge",
  0x0601: "ISA bridge",
  0x0602: "EISA bridge",
  0x0603: "MC bridge",
  0x0604: "PCI bridge",
  0x0605: "PCMCIA bridge",
  0x0606: "NUBUS bridge",
  0x0607: "CARDBUS bridge",
  0x0608: "RACEWAY bridge",
  0x0680: "Bridge",
  0x0700: "Serial port",
  0x0701: "Parallel port",
  0x0800: "Interrupt controller",
  0x0801: "DMA controller",
  0x0802: "Timer",
  0x0803: "RTC",
  0x0900: "Keyboard",
  0x0901: "Pen",
  0x0902: "Mouse",
  0x0a00: "Dock station",
  0x0b00: "i386 cpu",
  0x0c00: "Firewire controller",
  0x0c01: "Access bus controller",
  0x0c02: "SSA controller",
  0x0c03: "USB controller",
  0x0c04: "Fibre channel controller",
  0x0c05: "SMBus",
};

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
/** 64-bit hex of a possibly wrapped address (QEMU prints addr + size - 1 in uint64 arithmetic). */
const hex64 = (n: bigint, w: number) => BigInt.asUintN(64, n).toString(16).padStart(w, "0");

/** HMP `info pci` as QEMU 7.2 prints it (hmp_info_pci_device), for bus 0. */
export function renderInfoPci(bus: PciBus): string {
  let out = "";
  for (const dev of bus.functions()) {
    const c = dev.config;
    out += `  Bus  0, device ${String(pciSlot(dev.devfn)).padStart(3)}, function ${pciFunc(dev.devfn)}:\n`;
    const cls = c.getWord(PCI_CLASS_DEVICE);
    const desc = CLASS_DESCRIPTIONS[cls];
    // A class without a description prints as "Class %04" PRId64: decimal, hence "Class 0255" for 0x00ff.
    out += `    ${desc ?? `Class ${String(cls).padStart(4, "0")}`}: PCI device ${hex(dev.identity.vendorId, 4)}:${hex(dev.identity.deviceId, 4)}\n`;
    out += `      PCI subsystem ${hex(c.getWord(PCI_SUBSYSTEM_VENDOR_ID), 4)}:${hex(c.getWord(PCI_SUBSYSTEM_ID), 4)}\n`;
    const pin = c.getByte(PCI_INTERRUPT_PIN);
    if (pin) out += `      IRQ ${c.getByte(PCI_INTERRUPT_LINE)}, pin ${String.fromCharCode(64 + pin)}\n`;
    for (const bar of dev.bars) {
      if (!bar) continue;
      const addr = bar.addr === PCI_BAR_UNMAPPED ? 2n ** 64n - 1n : BigInt(bar.addr);
      const last = addr + BigInt(bar.size) - 1n;
      out += `      BAR${bar.index}: `;
      if (bar.type & PCI_BASE_ADDRESS_SPACE_IO) {
        out += `I/O at 0x${hex64(addr, 4)} [0x${hex64(last, 4)}].\n`;
      } else {
        const bits = bar.type & PCI_BASE_ADDRESS_MEM_TYPE_64 ? 64 : 32;
        const pref = bar.type & PCI_BASE_ADDRESS_MEM_PREFETCH ? " prefetchable" : "";
        out += `${bits} bit${pref} memory at 0x${hex64(addr, 8)} [0x${hex64(last, 8)}].\n`;
      }
    }
    out += `      id "${dev.qdevId ?? ""}"\n`;
  }
  return out;
}
