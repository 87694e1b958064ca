import { EBUSY, ENODEV } from "./errno.js";
import type { IoMem, Kernel } from "./kernel.js";
import type { LoadedModule } from "./module.js";
import { IORESOURCE_IO, IORESOURCE_MEM, pciConfRead, pciConfWrite, type PciDev } from "./pci-core.js";
import { dir, gen, type DirInode, type Inode } from "./vfs/inode.js";

/** struct pci_device_id (PCI_DEVICE(vendor, device); subsystem ids PCI_ANY_ID when absent). */
export interface PciDeviceId {
  vendor: number;
  device: number;
  subvendor?: number;
  subdevice?: number;
}

/** struct pci_driver, named as in Linux. probe returns 0 or -errno. */
export interface PciDriver {
  name: string;
  idTable: readonly PciDeviceId[];
  probe(dev: PciDev, id: PciDeviceId): number;
  remove(dev: PciDev): void;
  /** THIS_MODULE, for refcounts and ownership. */
  owner?: LoadedModule;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

/**
 * The PCI driver core (drivers/pci/pci-driver.c, bus.c): matching id tables, probe/remove, bind/unbind
 * through sysfs, and the helpers a PCI driver calls.
 */
export class PciCore {
  readonly drivers = new Map<string, { drv: PciDriver; sysfs: DirInode }>();
  /** Per-device state the core keeps: enable count, claimed BARs, driver data. */
  private readonly state = new Map<PciDev, { enableCnt: number; regions: number[]; drvdata: unknown }>();

  constructor(private readonly k: Kernel) {}

  private st(dev: PciDev) {
    let s = this.state.get(dev);
    if (!s) {
      s = { enableCnt: 0, regions: [], drvdata: undefined };
      this.state.set(dev, s);
    }
    return s;
  }

  /** pci_match_id */
  match(drv: PciDriver, dev: PciDev): PciDeviceId | undefined {
    const c = (off: number) => pciConfRead(this.k, dev.devfn, off, 2);
    return drv.idTable.find(
      (id) =>
        id.vendor === dev.vendor &&
        id.device === dev.device &&
        (id.subvendor === undefined || id.subvendor === c(0x2c)) &&
        (id.subdevice === undefined || id.subdevice === c(0x2e)),
    );
  }

  /** pci_register_driver: the driver appears in sysfs and probes every unbound matching function. */
  register(drv: PciDriver): number {
    if (this.drivers.has(drv.name)) return -EBUSY;
    const sysfs = dir({
      bind: gen(() => "", 0o200, undefined),
      unbind: gen(() => "", 0o200, undefined),
    });
    (sysfs.entries.get("bind") as Extract<Inode, { kind: "gen" }>).store = (data) => this.bindStore(drv, data);
    (sysfs.entries.get("unbind") as Extract<Inode, { kind: "gen" }>).store = (data) => this.unbindStore(drv, data);
    if (drv.owner) sysfs.entries.set("module", { kind: "link", mode: 0o777, target: `../../../../module/${drv.owner.name}` });
    sysfs.list = () => {
      const m = new Map(sysfs.entries);
      for (const d of this.k.pciDevs) if (d.driver === drv.name) m.set(d.name, { kind: "link", mode: 0o777, target: `../../../../devices/pci0000:00/${d.name}` });
      return m;
    };
    this.drivers.set(drv.name, { drv, sysfs });
    this.k.vfs.install(`/sys/bus/pci/drivers/${drv.name}`, sysfs);
    for (const dev of this.k.pciDevs) if (!dev.driver) this.probeOne(drv, dev);
    return 0;
  }

  /** pci_unregister_driver: remove() for every bound function, then the driver leaves sysfs. */
  unregister(drv: PciDriver): void {
    if (this.drivers.get(drv.name)?.drv !== drv) return;
    for (const dev of this.k.pciDevs) if (dev.driver === drv.name) this.removeOne(drv, dev);
    this.drivers.delete(drv.name);
    this.k.vfs.remove(`/sys/bus/pci/drivers/${drv.name}`, true);
  }

  /** pci_bus_add_device: a new function (hotplug) is offered to the registered drivers, in order. */
  addDevice(dev: PciDev): void {
    for (const { drv } of this.drivers.values()) if (!dev.driver && this.match(drv, dev)) this.probeOne(drv, dev);
  }

  /** pci_stop_and_remove_bus_device: the bound driver's remove() runs, then the core forgets the function. */
  removeDevice(dev: PciDev): void {
    const bound = dev.driver ? this.drivers.get(dev.driver) : undefined;
    if (bound) this.removeOne(bound.drv, dev);
    this.state.delete(dev);
  }

  private probeOne(drv: PciDriver, dev: PciDev): number {
    const id = this.match(drv, dev);
    if (!id) return -ENODEV;
    dev.driver = drv.name;
    const ret = this.k.withModule(drv.owner, () => drv.probe(dev, id));
    if (ret < 0) {
      dev.driver = undefined;
      // really_probe: -ENODEV and -ENXIO are quiet; anything else is reported.
      if (ret !== -ENODEV && ret !== -6) this.k.printk(`${drv.name}: probe of ${dev.name} failed with error ${ret}`);
      return ret;
    }
    return 0;
  }

  private removeOne(drv: PciDriver, dev: PciDev): void {
    this.k.withModule(drv.owner, () => drv.remove(dev));
    dev.driver = undefined;
    const s = this.st(dev);
    s.drvdata = undefined;
  }

  /** /sys/bus/pci/drivers/NAME/bind: "0000:00:04.0" binds that function if it matches and is free. */
  private bindStore(drv: PciDriver, data: Uint8Array): number {
    const name = new TextDecoder().decode(data).trim();
    const dev = this.k.pciDevs.find((d) => d.name === name);
    if (!dev || dev.driver || !this.match(drv, dev)) return -ENODEV;
    const r = this.probeOne(drv, dev);
    return r < 0 ? r : data.length;
  }

  private unbindStore(drv: PciDriver, data: Uint8Array): number {
    const name = new TextDecoder().decode(data).trim();
    const dev = this.k.pciDevs.find((d) => d.name === name);
    if (!dev || dev.driver !== drv.name) return -ENODEV;
    this.removeOne(drv, dev);
    return data.length;
  }

  // --- helpers drivers call ---

  /** pci_enable_device: turns on I/O and memory decoding for the BARs it has (and says so if it changes). */
  enableDevice(dev: PciDev): number {
    const s = this.st(dev);
    if (s.enableCnt++ > 0) return 0;
    const cmd = pciConfRead(this.k, dev.devfn, 4, 2);
    let want = cmd;
    for (const r of dev.resources.slice(0, 6)) {
      if (r.flags & IORESOURCE_IO) want |= 1;
      if (r.flags & IORESOURCE_MEM) want |= 2;
    }
    if (want !== cmd) {
      this.k.printk(`${dev.driver ?? "pci"} ${dev.name}: enabling device (${hex(cmd, 4)} -> ${hex(want, 4)})`);
      pciConfWrite(this.k, dev.devfn, 4, 2, want);
    }
    return 0;
  }

  /** pci_set_master: bus mastering on, so the function can DMA and send MSIs. */
  setMaster(dev: PciDev): void {
    const cmd = pciConfRead(this.k, dev.devfn, 4, 2);
    if (!(cmd & 4)) pciConfWrite(this.k, dev.devfn, 4, 2, cmd | 4);
  }

  disableDevice(dev: PciDev): void {
    const s = this.st(dev);
    if (s.enableCnt > 0) s.enableCnt--;
  }

  isEnabled(dev: PciDev): boolean {
    return this.st(dev).enableCnt > 0;
  }

  /** pci_request_regions: every BAR, or none (EBUSY with Linux's "can't reserve" line). */
  requestRegions(dev: PciDev, name: string): number {
    const s = this.st(dev);
    const taken: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = dev.resources[i];
      if (!r.flags || r.flags & 0x10 || r.end <= r.start) continue;
      const len = r.end - r.start + 1;
      const ret = r.flags & IORESOURCE_IO ? this.k.requestRegion(r.start, len, name) : this.k.requestMemRegion(r.start, len, name);
      if (ret < 0) {
        const io = (r.flags & IORESOURCE_IO) !== 0;
        this.k.printk(`${dev.driver ?? name} ${dev.name}: BAR ${i}: can't reserve [${io ? "io " : "mem"} 0x${hex(r.start, io ? 4 : 8)}-0x${hex(r.end, io ? 4 : 8)}]`);
        for (const j of taken) this.releaseBar(dev, j);
        return -EBUSY;
      }
      taken.push(i);
    }
    s.regions = taken;
    return 0;
  }

  private releaseBar(dev: PciDev, i: number): void {
    const r = dev.resources[i];
    const len = r.end - r.start + 1;
    if (r.flags & IORESOURCE_IO) this.k.releaseRegion(r.start, len);
    else this.k.releaseMemRegion(r.start, len);
  }

  releaseRegions(dev: PciDev): void {
    const s = this.st(dev);
    for (const i of s.regions) this.releaseBar(dev, i);
    s.regions = [];
  }

  /** pci_iomap(dev, bar, maxlen): a mapping of the BAR (0 = whole length), or undefined. */
  iomap(dev: PciDev, bar: number, maxlen = 0): IoMem | undefined {
    const r = dev.resources[bar];
    if (!r || !r.flags || !(r.flags & IORESOURCE_MEM) || r.end <= r.start) return undefined;
    const len = r.end - r.start + 1;
    return this.k.ioremap(r.start, maxlen && maxlen < len ? maxlen : len);
  }

  resourceStart(dev: PciDev, bar: number): number {
    return dev.resources[bar]?.start ?? 0;
  }

  resourceLen(dev: PciDev, bar: number): number {
    const r = dev.resources[bar];
    return r && r.flags ? r.end - r.start + 1 : 0;
  }

  /** pci_get_device: the next function with these IDs after `from`. */
  getDevice(vendor: number, device: number, from?: PciDev): PciDev | undefined {
    const list = this.k.pciDevs;
    const start = from ? list.indexOf(from) + 1 : 0;
    return list.slice(start).find((d) => d.vendor === vendor && d.device === device);
  }

  setDrvdata(dev: PciDev, data: unknown): void {
    this.st(dev).drvdata = data;
  }

  getDrvdata<T>(dev: PciDev): T | undefined {
    return this.st(dev).drvdata as T | undefined;
  }

  /** pci_read_config_dword and friends. */
  readConfig(dev: PciDev, off: number, len: 1 | 2 | 4): number {
    return pciConfRead(this.k, dev.devfn, off, len);
  }
}

