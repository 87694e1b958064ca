import type { Kernel } from "./kernel.js";
import { pciConfRead, pciConfWrite, type PciDev } from "./pci-core.js";
import { dir, gen, type DirInode, type Inode } from "./vfs/inode.js";

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
const hex64 = (n: number) => "0x" + BigInt(n).toString(16).padStart(16, "0");

/** The `config` attribute: 256 bytes read through configuration cycles, as root reads them. */
export function readConfigSpace(k: Kernel, dev: PciDev): Uint8Array {
  const out = new Uint8Array(256);
  for (let off = 0; off < 256; off += 4) {
    const v = pciConfRead(k, dev.devfn, off, 4);
    out[off] = v & 0xff;
    out[off + 1] = (v >>> 8) & 0xff;
    out[off + 2] = (v >>> 16) & 0xff;
    out[off + 3] = v >>> 24;
  }
  return out;
}

/** pci_write_config: aligned dword/word/byte config cycles, as the sysfs config file writes them. */
function writeConfig(k: Kernel, dev: PciDev, pos: number, data: Uint8Array): number {
  let off = pos;
  let i = 0;
  while (i < data.length && off < 256) {
    const left = data.length - i;
    const len: 1 | 2 | 4 = off % 4 === 0 && left >= 4 ? 4 : off % 2 === 0 && left >= 2 ? 2 : 1;
    let v = 0;
    for (let j = len - 1; j >= 0; j--) v = v * 256 + data[i + j];
    pciConfWrite(k, dev.devfn, off, len, v);
    off += len;
    i += len;
  }
  return i;
}

/** The `resource` attribute: 13 lines (6 BARs, ROM, 6 bridge windows) of start, end, flags. */
export function resourceFile(dev: PciDev): string {
  let out = "";
  for (let i = 0; i < 13; i++) {
    const r = dev.resources[i];
    out += r && r.flags ? `${hex64(r.start)} ${hex64(r.end)} ${hex64(r.flags)}\n` : `${hex64(0)} ${hex64(0)} ${hex64(0)}\n`;
  }
  return out;
}

/** /sys/devices/pci0000:00/NAME: the attributes of drivers/pci/pci-sysfs.c that the lab reads. */
function deviceDir(k: Kernel, dev: PciDev): DirInode {
  const cfg = () => readConfigSpace(k, dev);
  const word = (off: number) => () => {
    const c = cfg();
    return `0x${hex(c[off] | (c[off + 1] << 8), 4)}\n`;
  };
  const entries: Record<string, Inode> = {
    vendor: gen(word(0)),
    device: gen(word(2)),
    subsystem_vendor: gen(word(0x2c)),
    subsystem_device: gen(word(0x2e)),
    class: gen(() => `0x${hex(dev.classCode, 6)}\n`),
    revision: gen(() => `0x${hex(dev.revision, 2)}\n`),
    irq: gen(() => `${dev.irq}\n`),
    resource: gen(() => resourceFile(dev)),
    enable: gen(() => (k.pci.isEnabled(dev) ? "1\n" : "0\n"), 0o644),
    config: { kind: "gen", mode: 0o644, show: cfg, storeAt: (pos, data) => writeConfig(k, dev, pos, data) },
    modalias: gen(() => {
      const c = cfg();
      const w = (o: number) => hex(c[o] | (c[o + 1] << 8), 8).toUpperCase();
      return `pci:v${w(0)}d${w(2)}sv${w(0x2c)}sd${w(0x2e)}bc${hex(c[0x0b], 2).toUpperCase()}sc${hex(c[0x0a], 2).toUpperCase()}i${hex(c[0x09], 2).toUpperCase()}\n`;
    }),
    numa_node: gen(() => "-1\n"),
    local_cpus: gen(() => "1\n"),
    local_cpulist: gen(() => "0\n"),
    dma_mask_bits: gen(() => "32\n"),
    consistent_dma_mask_bits: gen(() => "32\n"),
    broken_parity_status: gen(() => "0\n", 0o644),
    msi_bus: gen(() => "1\n", 0o644),
    d3cold_allowed: gen(() => "1\n", 0o644),
    ari_enabled: gen(() => "0\n"),
    driver_override: gen(() => "(null)\n", 0o644),
    power_state: gen(() => "D0\n"),
    uevent: gen(() => `PCI_CLASS=${hex(dev.classCode, 0).toUpperCase()}\nPCI_ID=${hex(dev.vendor, 4).toUpperCase()}:${hex(dev.device, 4).toUpperCase()}\nPCI_SLOT_NAME=${dev.name}\n`, 0o644),
    waiting_for_supplier: gen(() => "0\n"),
    subsystem: { kind: "link", mode: 0o777, target: "../../../bus/pci" },
    firmware_node: { kind: "link", mode: 0o777, target: `../../LNXSYSTM:00/LNXSYBUS:00/PNP0A03:00/device:${hex(dev.devfn, 2)}` },
    power: dir(),
    link: dir(),
    remove: gen(() => "", 0o200),
    rescan: gen(() => "", 0o200),
  };
  dev.resources.forEach((r, i) => {
    if (i < 6 && r.flags && !(r.flags & 0x10)) entries[`resource${i}`] = gen(() => "", 0o600);
  });
  const d = dir(entries);
  // The driver link appears while a driver is bound.
  d.list = () => {
    const m = new Map(d.entries);
    if (dev.driver) m.set("driver", { kind: "link", mode: 0o777, target: `../../../bus/pci/drivers/${dev.driver}` });
    return m;
  };
  return d;
}

/** /sys/bus/pci/devices (links to /sys/devices/pci0000:00/...) and /sys/bus/pci/slots/N/address. */
export function installPciSysfs(k: Kernel): void {
  const root = dir();
  // Functions come and go with hotplug: the directory lists what the PCI core holds now.
  const dirs = new Map<PciDev, Inode>();
  root.list = () =>
    new Map(
      k.pciDevs.map((d) => {
        let node = dirs.get(d);
        if (!node) dirs.set(d, (node = deviceDir(k, d)));
        return [d.name, node];
      }),
    );
  k.vfs.install("/sys/devices/pci0000:00", root);
  const links = dir();
  links.list = () => new Map(k.pciDevs.map((d) => [d.name, { kind: "link", mode: 0o777, target: `../../../devices/pci0000:00/${d.name}` } as Inode]));
  k.vfs.install("/sys/bus/pci/devices", links);
  k.vfs.install("/sys/bus/pci/drivers", dir());
  const slots = dir();
  for (const s of k.cpu.firmware.hotplugSlots) slots.entries.set(String(s), dir({ address: gen(() => `0000:00:${hex(s, 2)}\n`) }));
  k.vfs.install("/sys/bus/pci/slots", slots);
}
