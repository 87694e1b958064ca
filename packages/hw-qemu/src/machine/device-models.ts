import { findPrng, PRNGS, type PrngFactory } from "@rng/prngs";
import { MyRngDevice, type DeviceTiming, type PrngStateProvider } from "../devices/my-rng.js";
import { MyRngV2Device } from "../devices/my-rng-v2.js";
import type { VirtualClock } from "../clock.js";
import type { CostNumbers } from "../cost-profile.js";
import type { EventQueue } from "../events.js";
import { StockPciDevice, type StockDeviceSpec } from "../devices/stock-device.js";
import { STOCK_DEVICE_MODELS, VGA_STD } from "../devices/stock-specs.js";
import type { PciDevice } from "../pci/device.js";
import type { DeviceRequest } from "./options.js";
import { QemuError, QemuHelp } from "./qemu-error.js";
import { parseSize } from "./qemu-opts.js";

type PropType = "devfn" | "bool" | "uint32" | "uint64" | "size" | "string";

interface PropDef {
  type: PropType;
  help: string;
}

/** Properties every PCI device has (hw/pci/pci.c pci_props). */
const PCI_PROPS: Record<string, PropDef> = {
  addr: { type: "devfn", help: "Slot and optional function number, example: 06.0 or 06" },
  romfile: { type: "string", help: "option ROM file name; empty: no ROM" },
  rombar: { type: "uint32", help: "0: do not expose the ROM as a BAR" },
  multifunction: { type: "bool", help: "on/off" },
};

export interface DeviceContext {
  prngStates: PrngStateProvider;
  guestError: (msg: string) => void;
  timing?: DeviceTiming;
  clock: VirtualClock;
  events: EventQueue;
  costs: () => Readonly<CostNumbers>;
}

interface DeviceModel {
  name: string;
  aliases: string[];
  category: string;
  desc: string;
  props: Record<string, PropDef>;
  create(props: Map<string, string | bigint | boolean>, ctx: DeviceContext, location: string): PciDevice;
}

function stockModel(spec: StockDeviceSpec, category: string, extra: Record<string, PropDef> = {}): DeviceModel {
  return {
    name: spec.typeName,
    aliases: [],
    category,
    desc: spec.description,
    props: { ...PCI_PROPS, ...extra },
    create: (props) =>
      new StockPciDevice(spec, {
        romfile: props.get("romfile") as string | undefined,
        rombar: props.has("rombar") ? props.get("rombar") !== 0n : undefined,
      }),
  };
}

/** VGA's `vgamem_mb`: the framebuffer BAR is the video memory, clamped to 1..512 MiB and rounded to a power of two. */
function vgaModel(): DeviceModel {
  const base = stockModel(VGA_STD, "Display", { vgamem_mb: { type: "uint32", help: "video memory in MiB (default 16)" } });
  return {
    ...base,
    create: (props, ctx, location) => {
      const mb = props.get("vgamem_mb") as bigint | undefined;
      if (mb === undefined) return base.create(props, ctx, location);
      let size = Math.min(Math.max(Number(mb), 1), 512);
      let p = 1;
      while (p < size) p *= 2;
      size = p;
      const spec: StockDeviceSpec = {
        ...VGA_STD,
        bars: VGA_STD.bars.map((b) => (b.index === 0 ? { ...b, size: size * 2 ** 20 } : b)),
      };
      return new StockPciDevice(spec, {
        romfile: props.get("romfile") as string | undefined,
        rombar: props.has("rombar") ? props.get("rombar") !== 0n : undefined,
      });
    },
  };
}

/** pci-testdev's `membar=SIZE`: an extra 64-bit prefetchable memory BAR2 of that size. */
function testdevModel(): DeviceModel {
  const spec = STOCK_DEVICE_MODELS["pci-testdev"];
  const base = stockModel(spec, "Misc", { membar: { type: "size", help: "size of an extra 64-bit prefetchable BAR2 (power of 2)" } });
  return {
    ...base,
    create: (props, ctx, location) => {
      const size = Number(props.get("membar") ?? 0n);
      if (size === 0) return base.create(props, ctx, location);
      if (!Number.isInteger(Math.log2(size))) {
        throw new QemuError(location, "pci-testdev: membar size must be a power of 2");
      }
      const bars = [...spec.bars, { index: 2, kind: "mem" as const, size, is64: true, prefetch: true, name: "pci-testdev-membar" }];
      return new StockPciDevice({ ...spec, bars });
    },
  };
}

const MY_RNG: DeviceModel = {
  name: "my_rng",
  aliases: ["my-rng"],
  category: "Misc",
  desc: "virt-101 lab random number generator",
  props: {
    ...PCI_PROPS,
    version: { type: "uint32", help: "register set: 1 (the lab's) or 2 (64-bit, PRNG select, DMA, IRQ)" },
    dma_mask: { type: "uint32", help: "bits of DMA address the device can reach (default 40)" },
    prng: { type: "string", help: `generator: ${PRNGS.map((p) => p.info.name).join(", ")} (default glibc-rand)` },
    seed: { type: "uint64", help: "give this instance a private generator seeded with this value" },
  },
  create: (props, ctx, location) => {
    const version = Number(props.get("version") ?? 1n);
    if (version !== 1 && version !== 2) throw new QemuError(location, `my_rng: version must be 1 or 2, not ${version}`);
    const dmaMaskBits = Number(props.get("dma_mask") ?? 40n);
    if (dmaMaskBits < 12 || dmaMaskBits > 52) throw new QemuError(location, `my_rng: dma_mask must be 12 … 52 bits, not ${dmaMaskBits}`);
    const prngName = (props.get("prng") as string | undefined) ?? "glibc-rand";
    const prng: PrngFactory | undefined = findPrng(prngName);
    if (!prng) {
      throw new QemuError(location, `my_rng: unknown prng '${prngName}' (one of: ${PRNGS.map((p) => p.info.name).join(", ")})`);
    }
    const seed = props.get("seed") as bigint | undefined;
    if (seed !== undefined) {
      const why = prng.checkSeed(seed);
      if (why) throw new QemuError(location, `my_rng: ${why}`);
    }
    if (version === 2) {
      return new MyRngV2Device({ prng, seed, dmaMaskBits, guestError: ctx.guestError, clock: ctx.clock, events: ctx.events, costs: ctx.costs }, ctx.prngStates);
    }
    return new MyRngDevice({ version: 1, prng, seed, guestError: ctx.guestError, timing: ctx.timing }, ctx.prngStates);
  },
};

const MODELS: DeviceModel[] = [
  stockModel(STOCK_DEVICE_MODELS.e1000, "Network", { mac: { type: "string", help: "MAC address" }, netdev: { type: "string", help: "backend" } }),
  stockModel(STOCK_DEVICE_MODELS.rtl8139, "Network", { mac: { type: "string", help: "MAC address" }, netdev: { type: "string", help: "backend" } }),
  stockModel(STOCK_DEVICE_MODELS.edu, "Misc"),
  testdevModel(),
  { ...stockModel(STOCK_DEVICE_MODELS["virtio-rng-pci"], "Misc"), aliases: ["virtio-rng"] },
  vgaModel(),
  MY_RNG,
];

export function findDeviceModel(name: string): DeviceModel | undefined {
  return MODELS.find((m) => m.name === name || m.aliases.includes(name));
}

/** Drivers QEMU 7.2 has that rnglab does not model: a clear note instead of "not a valid device model". */
const QEMU_ONLY_DEVICES = /^(virtio-.*|e1000e|ich9-.*|piix.*|usb-.*|.*-usb|nec-usb-xhci|qemu-xhci|pci-bridge|pcie-.*|ahci|lsi53c895a|megasas.*|nvme|i6300esb|intel-hda|ich9-intel-hda|AC97|ES1370|cirrus-vga|qxl.*|vmware-svga|ati-vga|bochs-display|secondary-vga|ivshmem.*|pvpanic-pci|vmxnet3|pcnet|ne2k_pci|i8255.*|tulip|igb|sdhci-pci|ipoctal232|ramfb|isa-.*|sga|pc-testdev|pvpanic|edu-.*)$/;

export function deviceHelp(): string {
  const cats = [...new Set(MODELS.map((m) => m.category))];
  const blocks = cats.map((c) => {
    const lines = MODELS.filter((m) => m.category === c).map(
      (m) => `name "${m.name}", bus PCI${m.aliases.length ? `, alias "${m.aliases[0]}"` : ""}, desc "${m.desc}"`,
    );
    return `${c} devices:\n${lines.join("\n")}\n`;
  });
  return blocks.join("\n");
}

function propsHelp(model: DeviceModel): string {
  const lines = Object.entries(model.props)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, d]) => `  ${k}=<${d.type === "devfn" ? "int32" : d.type}> - ${d.help}`);
  return `${model.name} options:\n${lines.join("\n")}\n`;
}

/** The requested device's model and typed properties, or QEMU's error. Slot conflicts come later, at plug. */
export function createDevice(req: DeviceRequest, ctx: DeviceContext): { dev: PciDevice; devfn: number | undefined } {
  if (req.driver === "help" || req.driver === "?") throw new QemuHelp(deviceHelp());
  const model = findDeviceModel(req.driver);
  if (!model) {
    if (QEMU_ONLY_DEVICES.test(req.driver)) {
      throw new QemuError(req.location, `'${req.driver}' is a QEMU device that rnglab does not model (see -device help)`);
    }
    throw new QemuError(req.location, `'${req.driver}' is not a valid device model name`);
  }
  if (req.props.some(([k]) => k === "help" || k === "?")) throw new QemuHelp(propsHelp(model));
  const props = new Map<string, string | bigint | boolean>();
  let id: string | undefined;
  let devfn: number | undefined;
  for (const [k, v] of req.props) {
    if (k === "id") {
      id = v;
      continue;
    }
    const def = model.props[k];
    if (!def) throw new QemuError(req.location, `Property '${model.name}.${k}' not found`);
    switch (def.type) {
      case "devfn": {
        const d = parseDevfn(v);
        if (d === undefined) throw new QemuError(req.location, `Property '${model.name}.${k}' doesn't take value '${v}'`);
        devfn = d;
        break;
      }
      case "bool":
        if (["on", "yes", "true", "y"].includes(v)) props.set(k, true);
        else if (["off", "no", "false", "n"].includes(v)) props.set(k, false);
        else throw new QemuError(req.location, `Parameter '${k}' expects 'on' or 'off'`);
        break;
      case "uint32":
      case "uint64": {
        const n = parseUint(v);
        if (n === undefined) throw new QemuError(req.location, `Parameter '${k}' expects integer`);
        if (def.type === "uint32" && n > 0xffffffffn) throw new QemuError(req.location, `Parameter '${k}' expects uint32_t`);
        props.set(k, n);
        break;
      }
      case "size": {
        const n = parseSize(v, 1);
        if (n === undefined) throw new QemuError(req.location, `Parameter '${k}' expects size`);
        props.set(k, BigInt(n));
        break;
      }
      case "string":
        props.set(k, v);
        break;
    }
  }
  const dev = model.create(props, ctx, req.location);
  dev.qdevId = id;
  if (props.get("multifunction") === true) dev.multifunction = true;
  return { dev, devfn };
}

/** set_pci_devfn: "SS.F" or "SS" in hex (sscanf %x), slot ≤ 31, function ≤ 7. */
export function parseDevfn(text: string): number | undefined {
  const m = /^\s*([+-]?(?:0[xX])?[0-9a-fA-F]+)(?:\.([+-]?(?:0[xX])?[0-9a-fA-F]+))?$/.exec(text);
  if (!m) return undefined;
  const slot = Number.parseInt(m[1], 16);
  const fn = m[2] === undefined ? 0 : Number.parseInt(m[2], 16);
  if (!(slot >= 0 && slot <= 31 && fn >= 0 && fn <= 7)) return undefined;
  return (slot << 3) | fn;
}

/** qemu_strtou64 with base 0: decimal, 0x-hex or 0-octal; undefined when not an unsigned 64-bit number. */
export function parseUint(text: string): bigint | undefined {
  let n: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = BigInt(text);
  else if (/^0[0-7]+$/.test(text)) n = BigInt("0o" + text.slice(1));
  else if (/^[0-9]+$/.test(text)) n = BigInt(text);
  else return undefined;
  return n < 2n ** 64n ? n : undefined;
}
