/** x86 port I/O as a CPU issues it (in/out instructions). */
export interface PortIo {
  inb(port: number): number;
  inw(port: number): number;
  inl(port: number): number;
  outb(port: number, value: number): void;
  outw(port: number, value: number): void;
  outl(port: number, value: number): void;
}

export const PORT_PCI_CMD = 0xcf8;
export const PORT_PCI_DATA = 0xcfc;

/** PCI configuration mechanism #1 from the CPU side, as SeaBIOS and Linux's pci_conf1 use it. */
export class PciConfigAccess {
  constructor(private readonly io: PortIo) {}

  private select(bdf: number, reg: number): void {
    this.io.outl(PORT_PCI_CMD, (0x80000000 | (bdf << 8) | (reg & 0xfc)) >>> 0);
  }
  readl(bdf: number, reg: number): number {
    this.select(bdf, reg);
    return this.io.inl(PORT_PCI_DATA) >>> 0;
  }
  readw(bdf: number, reg: number): number {
    this.select(bdf, reg);
    return this.io.inw(PORT_PCI_DATA + (reg & 2));
  }
  readb(bdf: number, reg: number): number {
    this.select(bdf, reg);
    return this.io.inb(PORT_PCI_DATA + (reg & 3));
  }
  writel(bdf: number, reg: number, v: number): void {
    this.select(bdf, reg);
    this.io.outl(PORT_PCI_DATA, v >>> 0);
  }
  writew(bdf: number, reg: number, v: number): void {
    this.select(bdf, reg);
    this.io.outw(PORT_PCI_DATA + (reg & 2), v & 0xffff);
  }
  writeb(bdf: number, reg: number, v: number): void {
    this.select(bdf, reg);
    this.io.outb(PORT_PCI_DATA + (reg & 3), v & 0xff);
  }
}
