import { ENODEV, ENOMEM, ENXIO, type File, type FileOperations, type IoMem, type Kernel, type LoadedModule, type ModuleImage, type PciDev, type PciDriver } from "@rng/guest-kernel";
import { myRngIoctl } from "./rng-ioctl.js";

export const MY_RNG_PCI_NAME = "my_rng_pci";
const MAX_DEVICES = 256;

interface RngDevice {
  minor: number;
  io: IoMem;
  word: Uint8Array;
  /** Set by remove(): the function is gone (unbind, rmmod or hot-unplug) while a file may still be open. */
  gone: boolean;
}

/**
 * my_rng_pci.ko: a pci_driver for 1234:cafe. Probe: pci_enable_device, pci_request_regions(pdev, "my_rng"),
 * pci_iomap of BAR0, a minor and the node /dev/my_rngN (devtmpfs); remove undoes each step. One dynamic
 * major for the driver (register_chrdev(0, ...) at module init), one minor per device.
 */
export const myRngPciModule: ModuleImage = {
  name: MY_RNG_PCI_NAME,
  license: "GPL",
  author: "virt-101 lab",
  description: "my_rng random number generator, PCI driver",
  aliases: ["pci:v00001234d0000CAFEsv*sd*bc*sc*i*"],
  depends: [],
  outOfTree: true,
  size: 16384,
  params: [],
  init(k: Kernel, m: LoadedModule): number {
    const devices: (RngDevice | undefined)[] = [];
    const fops: FileOperations = {
      owner: m,
      open: (_inode, file: File) => {
        const d = devices[k.iminor(file)];
        if (!d) return -ENXIO;
        file.privateData = d;
        return 0;
      },
      unlockedIoctl: (file, cmd, arg) => {
        const d = file.privateData as RngDevice;
        // An fd opened before the device was removed must not touch the unmapped registers.
        if (d.gone) return -ENODEV;
        return myRngIoctl(k, d.io, cmd, arg, d.word);
      },
    };
    const major = k.registerChrdev(0, MY_RNG_PCI_NAME, fops);
    if (major < 0) return major;
    const driver: PciDriver = {
      name: MY_RNG_PCI_NAME,
      owner: m,
      idTable: [{ vendor: 0x1234, device: 0xcafe }],
      probe(dev: PciDev): number {
        const minor = devices.findIndex((d) => d === undefined) === -1 ? devices.length : devices.findIndex((d) => d === undefined);
        if (minor >= MAX_DEVICES) return -ENODEV;
        let r = k.pci.enableDevice(dev);
        if (r < 0) return r;
        r = k.pci.requestRegions(dev, "my_rng");
        if (r < 0) {
          k.pci.disableDevice(dev);
          return r;
        }
        const io = k.pci.iomap(dev, 0, 4096);
        if (!io) {
          k.pci.releaseRegions(dev);
          k.pci.disableDevice(dev);
          return -ENOMEM;
        }
        r = k.deviceCreate(major, minor, `my_rng${minor}`);
        if (r < 0) {
          k.iounmap(io);
          k.pci.releaseRegions(dev);
          k.pci.disableDevice(dev);
          return r;
        }
        const d: RngDevice = { minor, io, word: new Uint8Array(4), gone: false };
        devices[minor] = d;
        k.pci.setDrvdata(dev, d);
        k.printk(`${MY_RNG_PCI_NAME} ${dev.name}: my_rng at 0x${io.phys.toString(16)}, /dev/my_rng${minor} (major ${major}, minor ${minor})`);
        return 0;
      },
      remove(dev: PciDev): void {
        const d = k.pci.getDrvdata<RngDevice>(dev);
        if (!d) return;
        d.gone = true;
        k.deviceDestroy(major, d.minor, `my_rng${d.minor}`);
        k.iounmap(d.io);
        k.pci.releaseRegions(dev);
        k.pci.disableDevice(dev);
        devices[d.minor] = undefined;
      },
    };
    const r = k.pciRegisterDriver(driver);
    if (r < 0) {
      k.unregisterChrdev(major);
      return r;
    }
    m.globals.set("major", major);
    m.globals.set("driver", driver);
    return 0;
  },
  exit(k: Kernel, m: LoadedModule): void {
    k.pciUnregisterDriver(m.globals.get("driver") as PciDriver);
    k.unregisterChrdev(m.globals.get("major") as number);
  },
};
