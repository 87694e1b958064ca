import type { Prng, PrngFactory } from "@rng/prngs";
import { VirtualClock } from "../clock.js";
import { COST_PROFILES, type CostProfile } from "../cost-profile.js";
import { EventQueue } from "../events.js";
import { StockPciDevice } from "../devices/stock-device.js";
import type { DeviceTiming } from "../devices/my-rng.js";
import { E1000, I440FX, PIIX3, PIIX3_IDE, PIIX4_PM, RTL8139, VGA_STD } from "../devices/stock-specs.js";
import { runSeaBiosPciInit, type SeaBiosResult } from "../firmware/seabios.js";
import type { PortIo } from "../firmware/port-io.js";
import { pciHole64, seabiosE820, type FirmwareTables } from "../firmware/tables.js";
import { AddressSpace } from "../memory/address-space.js";
import { GuestRam } from "../memory/guest-ram.js";
import { MemoryRegion } from "../memory/region.js";
import { renderInfoPci } from "../monitor/info-pci.js";
import { PciBus, PciPlugError } from "../pci/bus.js";
import type { PciDevice } from "../pci/device.js";
import { PciHostConfig } from "../pci/host.js";
import { PCI_INTERRUPT_PIN, devfn as mkDevfn, pciSlot } from "../pci/regs.js";
import type { CpuView } from "./cpu-view.js";
import { createDevice, findDeviceModel, type DeviceContext } from "./device-models.js";
import { parseDevice, parseMachineOptions, type MachineConfig } from "./options.js";
import { AcpiPciHotplug, ACPI_PCIHP_ADDR, ACPI_SCI_IRQ } from "./pci-hotplug.js";
import { QemuError, QemuHelp } from "./qemu-error.js";

const GiB = 2 ** 30;
/** The 64-bit physical address space we represent exactly (JS numbers are exact to 2^53). */
const ADDRESS_SPACE_SIZE = 2 ** 52;

/** VGA drivers that replace the default VGA when given with -device (vl.c default_list). */
const VGA_DRIVERS = ["VGA"];

/**
 * QEMU's `pc` machine (pc-i440fx-7.2) at the level a guest observes: RAM, the i440FX host bridge and its
 * config ports, PIIX3/IDE/ACPI at slot 1, the default VGA and NIC, -device functions, SeaBIOS's PCI setup.
 */
export class PcMachine {
  readonly clock = new VirtualClock();
  /** Device timers (DMA completions): the CPU runs them when it idles waiting. */
  readonly events = new EventQueue(this.clock);
  readonly ram: GuestRam;
  readonly ramBelow4G: number;
  readonly ramAbove4G: number;
  readonly systemMemory = MemoryRegion.container("system", ADDRESS_SPACE_SIZE);
  readonly pciMemory = MemoryRegion.container("pci", ADDRESS_SPACE_SIZE);
  readonly systemIo = MemoryRegion.container("io", 0x10000);
  readonly memory: AddressSpace;
  readonly io: AddressSpace;
  readonly bus: PciBus;
  readonly host: PciHostConfig;
  /** LOG_GUEST_ERROR messages, as `-d guest_errors` would print them. */
  readonly guestErrors: string[] = [];
  firmware: SeaBiosResult | undefined;
  private readonly sharedPrngs = new Map<string, Prng>();
  private readonly irqHandlers: ((irq: number) => void)[] = [];
  /** PIIX4 PM's ACPI PCI hotplug block (device_add / device_del with the guest's acpiphp). */
  readonly pcihp = new AcpiPciHotplug((mask) => this.ejectSlots(mask));
  /** Devices device_del asked the guest to eject (QEMU's pending_deleted_event). */
  private readonly pendingUnplug = new Set<PciDevice>();
  private deviceCtx: DeviceContext | undefined;

  private profile: CostProfile = COST_PROFILES.tcg;
  /** What device models charge, kept as plain fields: the MMIO hot path reads them on every access. */
  private readonly timing: DeviceTiming = { clock: this.clock, deviceAccessNs: 0, prngWordNs: 0 };

  /** The accelerator's cost profile: what guest-visible work costs in virtual time. */
  get costs(): CostProfile {
    return this.profile;
  }
  set costs(p: CostProfile) {
    this.profile = p;
    this.timing.deviceAccessNs = p.ns.deviceAccessNs;
    this.timing.prngWordNs = p.ns.prngWordNs;
  }

  constructor(readonly config: MachineConfig) {
    // pc_init1: RAM at or above max_ram_below_4g (3.5 GiB) splits at 3 GiB (gigabyte_align); the rest
    // is mapped from 4 GiB.
    const size = config.ramBytes;
    const lowmem = size >= 0xe0000000 ? 0xc0000000 : 0xe0000000;
    this.ramBelow4G = size >= lowmem ? lowmem : size;
    this.ramAbove4G = size - this.ramBelow4G;
    this.ram = new GuestRam(size);
    this.systemMemory.addSubregion(0, MemoryRegion.ram("pc.ram below-4g", this.ramBelow4G, 0));
    if (this.ramAbove4G > 0) this.systemMemory.addSubregion(2 ** 32, MemoryRegion.ram("pc.ram above-4g", this.ramAbove4G, this.ramBelow4G));
    // pc_pci_as_mapping_init: the PCI address space sits under RAM at priority -1.
    this.systemMemory.addSubregion(0, this.pciMemory, -1);
    const log = { invalidAccess: (space: string, region: string, off: number, sz: number, w: boolean) => this.logInvalid(space, region, off, sz, w) };
    this.memory = new AddressSpace("memory", this.systemMemory, { unassignedAllOnes: false, ram: this.ram, log });
    this.io = new AddressSpace("I/O", this.systemIo, { unassignedAllOnes: true, log });
    this.bus = new PciBus("pci.0", this.pciMemory, this.systemIo, {
      dmaWrite: (addr, data) => this.dmaAccess(addr, data, true),
      dmaRead: (addr, out) => this.dmaAccess(addr, out, false),
    });
    this.bus.onIrq = (dev, level) => this.intx(dev, level);
    // x86 MSI: a write to 0xfeeXXXXX carrying the vector in the data's low byte (Intel SDM 10.11).
    this.bus.onMsi = (_dev, address, data) => {
      if (Math.floor(address / 2 ** 20) !== 0xfee) return;
      for (const h of this.irqHandlers) h(data & 0xff);
    };
    this.host = new PciHostConfig(this.bus);
    this.costs = COST_PROFILES.tcg;
    this.systemIo.addSubregion(0xcf8, this.host.confRegion);
    this.systemIo.addSubregion(0xcfc, this.host.dataRegion);
    this.systemIo.addSubregion(ACPI_PCIHP_ADDR, this.pcihp.region);
  }

  /** Builds the machine a QEMU command line describes and runs the firmware's PCI setup. */
  static fromArgs(args: readonly string[], costs?: CostProfile): PcMachine {
    const m = new PcMachine(parseMachineOptions(args));
    if (costs) m.costs = costs;
    m.build();
    m.boot();
    return m;
  }

  /** Creates the devices in QEMU's order: host, PIIX3, VGA, NICs, IDE, ACPI, then each -device. */
  build(): void {
    const cfg = this.config;
    this.plugBuiltin(new StockPciDevice(I440FX), mkDevfn(0, 0));
    this.plugBuiltin(new StockPciDevice(PIIX3), undefined);
    const vgaByDevice = cfg.devices.some((d) => VGA_DRIVERS.includes(findDeviceModel(d.driver)?.name ?? ""));
    const wantVga = cfg.vga === "std" || (cfg.vga === undefined && !cfg.nodefaults && !vgaByDevice);
    if (wantVga) this.plugBuiltin(new StockPciDevice(VGA_STD), undefined);
    const nics = cfg.nics ?? (cfg.nodefaults ? [] : [{ model: "e1000", location: "" }]);
    for (const nic of nics) this.plugBuiltin(new StockPciDevice(nic.model === "rtl8139" ? RTL8139 : E1000), undefined, nic.location);
    this.plugBuiltin(new StockPciDevice(PIIX3_IDE), mkDevfn(1, 1));
    this.plugBuiltin(new StockPciDevice(PIIX4_PM), mkDevfn(1, 3));
    const ctx: DeviceContext = {
      prngStates: { shared: (f: PrngFactory) => this.sharedPrng(f) },
      guestError: (msg: string) => this.guestErrors.push(msg),
      timing: this.timing,
      clock: this.clock,
      events: this.events,
      costs: () => this.profile.ns,
    };
    this.deviceCtx = ctx;
    for (const req of cfg.devices) {
      const { dev, devfn } = createDevice(req, ctx);
      try {
        this.bus.plug(dev, devfn);
      } catch (e) {
        if (e instanceof PciPlugError) throw new QemuError(req.location, e.message);
        throw e;
      }
    }
  }

  /**
   * HMP `device_add DRIVER[,PROP=VALUE...]` on the running machine. QEMU prints nothing on success and
   * "Error: MSG" on failure (hmp_handle_error). The device takes the lowest free slot (or addr=) with its
   * BARs unprogrammed; ACPI PCI hotplug then sets the slot's PCI_UP bit and raises the SCI (GPE0 bit 1):
   * the guest's acpiphp scans the slot and assigns the BARs itself (no firmware runs).
   */
  deviceAdd(spec: string): string {
    const ctx = this.deviceCtx;
    if (!ctx) return "Error: the machine is not built";
    let dev: PciDevice;
    let devfn: number | undefined;
    try {
      const req = parseDevice(spec, "");
      ({ dev, devfn } = createDevice(req, ctx));
    } catch (e) {
      if (e instanceof QemuHelp) return e.text;
      if (e instanceof QemuError) return `Error: ${e.detail}`;
      throw e;
    }
    // qdev_set_id: ids are unique across the machine.
    if (dev.qdevId !== undefined && this.bus.functions().some((d) => d.qdevId === dev.qdevId)) return `Error: Duplicate device ID '${dev.qdevId}'`;
    try {
      this.bus.plug(dev, devfn);
    } catch (e) {
      if (e instanceof PciPlugError) return `Error: ${e.message}`;
      throw e;
    }
    dev.hotplugged = true;
    const slot = pciSlot(dev.devfn);
    this.pcihp.removable |= 1 << slot;
    // acpi_pcihp_device_plug_cb: function 0 announces the slot; other functions wait for it.
    if ((dev.devfn & 7) === 0) {
      this.pcihp.up |= 1 << slot;
      this.raiseSci();
    }
    return "";
  }

  /**
   * HMP `device_del ID`: asks the guest to eject (PCI_DOWN bit, SCI). The device stays until the guest's
   * _EJ0 writes the slot to PCI_EJ; until then a second request fails as QEMU 7.2's does.
   */
  deviceDel(id: string): string {
    const dev = this.bus.functions().find((d) => d.qdevId === id);
    if (!dev) return `Error: Device '${id}' not found`;
    if (this.pendingUnplug.has(dev)) return `Error: Device ${id} is already in the process of unplug`;
    const slot = pciSlot(dev.devfn);
    // acpi_pcihp_pc_no_hotplug: the chipset's own functions cannot be removed.
    if (slot < 2 && !dev.hotplugged) return `Error: Bus 'pci.0' does not support hotplugging`;
    this.pendingUnplug.add(dev);
    this.pcihp.down |= 1 << slot;
    this.raiseSci();
    return "";
  }

  /** acpi_pcihp_eject_slot: the guest's _EJ0 wrote these slots to PCI_EJ; their functions go away. */
  private ejectSlots(mask: number): void {
    for (let slot = 2; slot < 32; slot++) {
      if (!(mask & (1 << slot))) continue;
      this.pcihp.up &= ~(1 << slot);
      this.pcihp.down &= ~(1 << slot);
      for (let fn = 0; fn < 8; fn++) {
        const dev = this.bus.find(mkDevfn(slot, fn));
        if (!dev) continue;
        this.bus.unplug(dev);
        this.pendingUnplug.delete(dev);
      }
      this.pcihp.removable &= ~(1 << slot);
    }
  }

  /** The SCI: PIIX4 PM's interrupt, ISA IRQ 9, delivered as vector 0x30 + 9 through the IO-APIC. */
  private raiseSci(): void {
    for (const h of this.irqHandlers) h(0x30 + ACPI_SCI_IRQ);
  }

  /** Power-on: SeaBIOS assigns BARs and IRQ lines and enables decoding, through config cycles. */
  boot(): void {
    this.firmware = runSeaBiosPciInit(this.portIo, { ramBelow4G: this.ramBelow4G, ramAbove4G: this.ramAbove4G });
  }

  private plugBuiltin(dev: PciDevice, devfn: number | undefined, location = ""): void {
    try {
      this.bus.plug(dev, devfn);
    } catch (e) {
      if (e instanceof PciPlugError) throw new QemuError(location, e.message);
      throw e;
    }
  }

  /** One generator state per algorithm for the whole machine, like the C device's global rand(). */
  private sharedPrng(f: PrngFactory): Prng {
    let p = this.sharedPrngs.get(f.info.name);
    if (!p) {
      p = f.create();
      this.sharedPrngs.set(f.info.name, p);
    }
    return p;
  }

  private logInvalid(space: string, region: string, off: number, size: number, isWrite: boolean): void {
    this.guestErrors.push(`Invalid ${isWrite ? "write" : "read"} at addr 0x${off.toString(16).toUpperCase()}, size ${size}, region '${region}', reason: invalid size or alignment (${space})`);
  }

  private dmaAccess(addr: number, data: Uint8Array, isWrite: boolean): boolean {
    // Bus-master DMA reaches RAM only; every byte must be backed.
    const end = addr + data.length;
    const low = this.ramBelow4G;
    let ramOff: number;
    if (end <= low) ramOff = addr;
    else if (addr >= 2 ** 32 && end <= 2 ** 32 + this.ramAbove4G) ramOff = addr - 2 ** 32 + low;
    else return false;
    if (addr < 0) return false;
    if (isWrite) this.ram.writeBytes(ramOff, data);
    else this.ram.readBytes(ramOff, data);
    return true;
  }

  /** PIIX3 INTx routing: PIRQ = (pin - 1 + slot - 1) & 3, then the ISA IRQ in config 0x60 + PIRQ. */
  private intx(dev: PciDevice, level: 0 | 1): void {
    if (!level) return;
    const pin = dev.config.getByte(PCI_INTERRUPT_PIN);
    if (!pin) return;
    const piix3 = this.bus.find(mkDevfn(1, 0));
    if (!piix3) return;
    const pirq = (pin - 1 + pciSlot(dev.devfn) - 1) & 3;
    const route = piix3.config.getByte(0x60 + pirq);
    if (route & 0x80 || route >= 16) return;
    // The IO-APIC delivers ISA IRQ n as vector 0x30 + n (Linux's ISA_IRQ_VECTOR).
    for (const h of this.irqHandlers) h(0x30 + route);
  }

  /** Port I/O as a CPU performs it. */
  readonly portIo: PortIo = {
    inb: (p) => this.io.read(p, 1),
    inw: (p) => this.io.read(p, 2),
    inl: (p) => this.io.read(p, 4),
    outb: (p, v) => this.io.write(p, v, 1),
    outw: (p, v) => this.io.write(p, v, 2),
    outl: (p, v) => this.io.write(p, v, 4),
  };

  /** The e820 map and ACPI facts firmware hands the OS for this machine. */
  firmwareTables(): FirmwareTables {
    const fns = this.bus.functions();
    // QEMU's ACPI DSDT describes a hotplug slot for every slot but those holding devices that cannot be
    // unplugged: the host bridge, the PIIX3 functions and the VGA (reference guest: Slot [3]..[31]).
    const fixed = new Set(fns.filter((d) => ["i440FX", "PIIX3", "piix3-ide", "PIIX4_PM", "VGA"].includes(d.typeName)).map((d) => pciSlot(d.devfn)));
    const hotplugSlots: number[] = [];
    for (let s = 1; s < 32; s++) if (!fixed.has(s)) hotplugSlots.push(s);
    const vga = fns.some((d) => d.typeName === "VGA");
    const shadowRoms: FirmwareTables["shadowRoms"] = [];
    // SeaBIOS copies the VGA BIOS to 0xc0000 and each NIC's iPXE ROM after it, then the kvmvapic ROM
    // (reference guest: Video ROM 0xc0000-0xc9bff, Adapter ROMs at 0xca000 and 0xcb000).
    let next = 0xc0000;
    if (vga) {
      shadowRoms.push({ start: next, bytes: 0x9c00, kind: "Video ROM" });
      next = 0xca000;
    }
    const nicRoms = fns.filter((f) => (f.typeName === "e1000" || f.typeName === "rtl8139") && f.bars[6]).length;
    for (let i = 0; i < nicRoms; i++) {
      shadowRoms.push({ start: next, bytes: 0xe00, kind: "Adapter ROM" });
      next += 0x1000;
    }
    shadowRoms.push({ start: next, bytes: 0x600, kind: "Adapter ROM" });
    return {
      e820: seabiosE820(this.ramBelow4G, this.ramAbove4G, this.config.accel === "kvm"),
      pciHole32: [this.ramBelow4G, 0xfebfffff],
      pciHole64: pciHole64(this.ramAbove4G),
      serialPorts: this.config.nodefaults ? 0 : 1,
      vga,
      hotplugSlots,
      shadowRoms,
    };
  }

  /** What the guest kernel may touch. */
  cpuView(): CpuView {
    const mem = this.memory;
    const io = this.portIo;
    const ranges = [{ start: 0, size: this.ramBelow4G }];
    if (this.ramAbove4G) ranges.push({ start: 2 ** 32, size: this.ramAbove4G });
    return {
      load8: (a) => mem.read(a, 1),
      load16: (a) => mem.read(a, 2),
      load32: (a) => mem.read(a, 4),
      load64: (a) => mem.read64(a),
      store8: (a, v) => mem.write(a, v, 1),
      store16: (a, v) => mem.write(a, v, 2),
      store32: (a, v) => mem.write(a, v, 4),
      store64: (a, v) => mem.write64(a, v),
      ...io,
      ram: this.ram,
      ramRanges: ranges,
      firmware: this.firmwareTables(),
      onInterrupt: (h) => void this.irqHandlers.push(h),
      clock: this.clock,
      runDueEvents: () => this.events.runDue(),
      waitForEvent: () => this.events.runNext(),
    };
  }

  /** HMP `info pci`. */
  infoPci(): string {
    return renderInfoPci(this.bus);
  }

  /** The firmware's debug-console lines for the PCI phase. */
  firmwareLog(): string[] {
    return this.firmware?.log ?? [];
  }
}

export { GiB };
