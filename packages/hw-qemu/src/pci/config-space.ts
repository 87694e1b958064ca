import {
  PCI_CACHE_LINE_SIZE,
  PCI_COMMAND,
  PCI_COMMAND_INTX_DISABLE,
  PCI_COMMAND_IO,
  PCI_COMMAND_MASTER,
  PCI_COMMAND_MEMORY,
  PCI_COMMAND_SERR,
  PCI_CONFIG_HEADER_SIZE,
  PCI_CONFIG_SPACE_SIZE,
  PCI_INTERRUPT_LINE,
  PCI_STATUS,
  PCI_STATUS_W1C,
} from "./regs.js";

/**
 * One function's 256-byte configuration space with QEMU's per-byte masks: `wmask` marks the bits a guest
 * may write, `w1cmask` the bits a guest clears by writing 1 (hw/pci/pci.c, pci_init_wmask and
 * pci_default_write_config). Everything else is read-only.
 */
export class PciConfigSpace {
  readonly bytes = new Uint8Array(PCI_CONFIG_SPACE_SIZE);
  readonly wmask = new Uint8Array(PCI_CONFIG_SPACE_SIZE);
  readonly w1cmask = new Uint8Array(PCI_CONFIG_SPACE_SIZE);

  constructor() {
    // QEMU's defaults for every conventional PCI function (pci_init_wmask, pci_init_w1cmask): cache line
    // size, interrupt line, command IO/MEM/MASTER/SERR/INTX_DISABLE, and all of the device-specific area
    // past the header are writable; status error bits are RW1C.
    this.wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    this.wmask[PCI_INTERRUPT_LINE] = 0xff;
    this.setWord(
      PCI_COMMAND,
      PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE,
      this.wmask,
    );
    this.wmask.fill(0xff, PCI_CONFIG_HEADER_SIZE);
    this.setWord(PCI_STATUS, PCI_STATUS_W1C, this.w1cmask);
  }

  getByte(off: number): number {
    return this.bytes[off];
  }
  getWord(off: number): number {
    return this.bytes[off] | (this.bytes[off + 1] << 8);
  }
  getLong(off: number): number {
    const b = this.bytes;
    return (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0;
  }
  setByte(off: number, v: number, arr: Uint8Array = this.bytes): void {
    arr[off] = v & 0xff;
  }
  setWord(off: number, v: number, arr: Uint8Array = this.bytes): void {
    arr[off] = v & 0xff;
    arr[off + 1] = (v >>> 8) & 0xff;
  }
  setLong(off: number, v: number, arr: Uint8Array = this.bytes): void {
    arr[off] = v & 0xff;
    arr[off + 1] = (v >>> 8) & 0xff;
    arr[off + 2] = (v >>> 16) & 0xff;
    arr[off + 3] = (v >>> 24) & 0xff;
  }

  /** A guest read of `len` (1, 2 or 4) bytes at `off`, little-endian (pci_default_read_config). */
  read(off: number, len: number): number {
    let v = 0;
    for (let i = len - 1; i >= 0; i--) v = v * 256 + this.bytes[off + i];
    return v;
  }

  /** A guest write: only writable bits change; RW1C bits clear where 1 is written (pci_default_write_config). */
  write(off: number, value: number, len: number): void {
    let v = value >>> 0;
    for (let i = 0; i < len; i++) {
      const a = off + i;
      const byte = v & 0xff;
      const wm = this.wmask[a];
      const w1c = this.w1cmask[a];
      this.bytes[a] = ((this.bytes[a] & ~wm) | (byte & wm)) & ~(byte & w1c);
      v >>>= 8;
    }
  }
}
