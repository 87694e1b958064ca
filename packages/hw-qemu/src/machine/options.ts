import { QemuError, QemuHelp } from "./qemu-error.js";
import { parseQemuOpts, parseSize } from "./qemu-opts.js";

/** A `-device` request, properties in command-line order. */
export interface DeviceRequest {
  driver: string;
  props: [string, string][];
  /** The option as typed, for QEMU's error location ("-device e1000,addr=04.0"). */
  location: string;
}

export interface NicRequest {
  model: string;
  location: string;
}

/** The machine a QEMU command line describes (the parts rnglab models). */
export interface MachineConfig {
  machineType: "pc";
  ramBytes: number;
  nodefaults: boolean;
  /** -vga: "std" or "none"; undefined: the default (std unless -nodefaults). */
  vga: "std" | "none" | undefined;
  /** NICs from -nic / -net nic, in order; undefined when no network option disabled the default NIC. */
  nics: NicRequest[] | undefined;
  devices: DeviceRequest[];
  /** -accel / -enable-kvm, for the cost profile. */
  accel: "kvm" | "tcg" | undefined;
  /** One line per accepted option that does not change the modeled machine. */
  notes: string[];
}

export const DEFAULT_RAM_BYTES = 128 * 2 ** 20;

/** Options that do not change the modeled machine: accepted, with a note. true = takes an argument. */
const IGNORED_OPTIONS: Record<string, boolean> = {
  display: true,
  nographic: false,
  "no-reboot": false,
  serial: true,
  monitor: true,
  qmp: true,
  kernel: true,
  initrd: true,
  append: true,
  hda: true,
  cpu: true,
  smp: true,
  name: true,
};

/** Options rnglab models, and whether each takes an argument. */
const MODELED_OPTIONS: Record<string, boolean> = {
  M: true,
  machine: true,
  m: true,
  nodefaults: false,
  vga: true,
  net: true,
  nic: true,
  device: true,
  accel: true,
  "enable-kvm": false,
};

/** QEMU PCI NIC models we can build (hw/pci/pci.c pci_nic_models lists more; those are not modeled). */
const NIC_MODELS = ["e1000", "rtl8139"];
const QEMU_ONLY_NIC_MODELS = ["e1000e", "e1000-82544gc", "e1000-82545em", "i82550", "i82551", "i82557a", "i82557b", "i82557c", "i82558a", "i82558b", "i82559a", "i82559b", "i82559c", "i82559er", "i82562", "i82801", "ne2k_pci", "pcnet", "virtio", "virtio-net-pci", "vmxnet3", "tulip", "igb"];

const VGA_TYPES_NOT_MODELED = ["cirrus", "vmware", "qxl", "virtio", "bochs", "ati", "xenfb", "tcx", "cg3"];

/** -help: the options rnglab models (QEMU prints its full option list here). */
export const OPTIONS_HELP = `usage: qemu-system-x86_64 [options] (the options rnglab models)

-M pc | -machine pc[,accel=tcg|kvm]   the i440FX + PIIX3 machine
-m [size=]SIZE        guest RAM (MiB without a suffix; k, M, G, T suffixes)
-nodefaults           no default VGA or NIC
-vga std|none         the default VGA card
-net none | -net nic[,model=M]        legacy NIC options
-nic [TYPE][,model=e1000|rtl8139] | -nic none
-device NAME[,addr=SS.F][,id=ID][,prop=value...]   (-device help lists the models)
-accel kvm|tcg, -enable-kvm           select the cost profile
`;

export const MACHINE_HELP = [
  "Supported machines are:",
  `${"pc".padEnd(20)} Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)`,
  `${"pc-i440fx-7.2".padEnd(20)} Standard PC (i440FX + PIIX, 1996) (default)`,
  "",
].join("\n");

/**
 * Parses QEMU command-line options (without the program name) as qemu-system-x86_64 7.2 would, for the
 * parts rnglab models. Throws QemuError with QEMU's own text for bad input, QemuHelp for `help` requests.
 */
export function parseMachineOptions(args: readonly string[]): MachineConfig {
  const cfg: MachineConfig = {
    machineType: "pc",
    ramBytes: DEFAULT_RAM_BYTES,
    nodefaults: false,
    vga: undefined,
    nics: undefined,
    devices: [],
    accel: undefined,
    notes: [],
  };
  let i = 0;
  while (i < args.length) {
    const raw = args[i];
    if (!raw.startsWith("-") || raw === "-") {
      // QEMU takes a bare argument as the first disk image (-hda).
      cfg.notes.push(`disk image '${raw}' ignored: rnglab models no disks`);
      i++;
      continue;
    }
    const name = raw.replace(/^--?/, "");
    if (name === "help" || name === "h") throw new QemuHelp(OPTIONS_HELP);
    const takesArg = MODELED_OPTIONS[name] ?? IGNORED_OPTIONS[name];
    if (takesArg === undefined) throw new QemuError(raw, "invalid option");
    let arg = "";
    if (takesArg) {
      if (i + 1 >= args.length) throw new QemuError(raw, "requires an argument");
      arg = args[i + 1];
    }
    const location = takesArg ? `${raw} ${arg}` : raw;
    i += takesArg ? 2 : 1;
    if (name in IGNORED_OPTIONS) {
      cfg.notes.push(`${location}: accepted; it does not change the modeled machine`);
      continue;
    }
    switch (name) {
      case "M":
      case "machine":
        parseMachine(arg, location, cfg);
        break;
      case "m":
        cfg.ramBytes = parseMemory(arg, location, cfg);
        break;
      case "nodefaults":
        cfg.nodefaults = true;
        break;
      case "vga":
        cfg.vga = parseVga(arg);
        break;
      case "nic":
        parseNic(arg, location, cfg);
        break;
      case "net":
        parseNet(arg, location, cfg);
        break;
      case "device":
        cfg.devices.push(parseDevice(arg, location));
        break;
      case "accel":
        parseAccel(arg, location, cfg);
        break;
      case "enable-kvm":
        cfg.accel = "kvm";
        break;
    }
  }
  const ids = new Set<string>();
  for (const d of cfg.devices) {
    const id = d.props.find(([k]) => k === "id")?.[1];
    if (id === undefined) continue;
    if (ids.has(id)) throw new QemuError(d.location, `Duplicate ID '${id}' for device`);
    ids.add(id);
  }
  return cfg;
}

function parseMachine(arg: string, location: string, cfg: MachineConfig): void {
  const opts = parseQemuOpts(arg, "type", location);
  for (const [k, v] of opts) {
    if (k === "type") {
      if (v === "help" || v === "?") throw new QemuHelp(MACHINE_HELP);
      if (v === "pc" || v === "pc-i440fx-7.2") continue;
      if (/^(q35|pc-q35-.*|pc-i440fx-.*|microvm|isapc|x-remote|none)$/.test(v)) {
        throw new QemuError(location, `machine type '${v}' is not modeled by rnglab (only pc, i440FX + PIIX3)`);
      }
      throw new QemuError("", "unsupported machine type", "Use -machine help to list supported machines\n");
    } else if (k === "accel") {
      parseAccel(v, location, cfg);
    } else {
      cfg.notes.push(`${location}: machine property '${k}' accepted; it does not change the modeled machine`);
    }
  }
}

function parseMemory(arg: string, location: string, cfg: MachineConfig): number {
  const opts = parseQemuOpts(arg, "size", location);
  let bytes = cfg.ramBytes;
  for (const [k, v] of opts) {
    if (k === "size") {
      // A size with no suffix is in MiB (parse_memory_options' legacy suffix-less format).
      const sz = parseSize(v, 2 ** 20);
      if (sz === undefined) {
        throw new QemuError(
          location,
          "Parameter 'size' expects a non-negative number below 2^64",
          "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.\n",
        );
      }
      bytes = sz;
    } else if (k === "slots" || k === "maxmem") {
      cfg.notes.push(`${location}: '${k}' accepted; memory hotplug is not modeled`);
    } else {
      throw new QemuError(location, `Invalid parameter '${k}'`);
    }
  }
  // "-m 0" means the default size; sizes are rounded up to 8 KiB.
  if (bytes === 0) bytes = DEFAULT_RAM_BYTES;
  bytes = Math.ceil(bytes / 8192) * 8192;
  if (bytes > 2 ** 42) throw new QemuError("", `rnglab models guest RAM up to 4 TiB; -m asked for ${bytes} bytes`);
  return bytes;
}

function parseVga(arg: string): "std" | "none" {
  if (arg === "std" || arg === "none") return arg;
  if (arg === "help") {
    throw new QemuHelp(`${"none".padEnd(20)} no graphic card\n${"std".padEnd(20)} standard VGA (default)\n`);
  }
  if (VGA_TYPES_NOT_MODELED.includes(arg)) throw new QemuError("", `${arg} not available in rnglab (only -vga std|none are modeled)`);
  throw new QemuError("", `unknown vga type: ${arg}`);
}

function nicModel(model: string, location: string): NicRequest {
  if (model === "help" || model === "?") {
    throw new QemuHelp(["Available NIC models:", ...NIC_MODELS, ""].join("\n"));
  }
  if (NIC_MODELS.includes(model)) return { model, location };
  if (QEMU_ONLY_NIC_MODELS.includes(model)) throw new QemuError(location, `NIC model ${model} is not modeled by rnglab (only ${NIC_MODELS.join(", ")})`);
  throw new QemuError("", `Unsupported NIC model: ${model}`);
}

const NET_BACKENDS = ["none", "user", "tap", "bridge", "socket", "l2tpv3", "vde", "netmap", "vhost-user", "vhost-vdpa", "stream", "dgram", "hubport"];

/** -nic [TYPE][,model=M][,...]: one NIC per option (default model e1000 on pc); `-nic none` adds none. */
function parseNic(arg: string, location: string, cfg: MachineConfig): void {
  const opts = parseQemuOpts(arg, "type", location);
  const type = opts.find(([k]) => k === "type")?.[1] ?? "user";
  if (!NET_BACKENDS.includes(type)) throw new QemuError(location, `Invalid parameter '${type}'`);
  cfg.nics ??= [];
  if (type === "none") return;
  const model = opts.filter(([k]) => k === "model").pop()?.[1] ?? "e1000";
  cfg.nics.push(nicModel(model, location));
}

/** Legacy -net: `-net none` removes the default NIC; `-net nic[,model=M]` adds one; backends add none. */
function parseNet(arg: string, location: string, cfg: MachineConfig): void {
  const opts = parseQemuOpts(arg, "type", location);
  const type = opts.find(([k]) => k === "type")?.[1] ?? "";
  if (type !== "nic" && !NET_BACKENDS.includes(type)) throw new QemuError(location, `Invalid parameter '${type}'`);
  cfg.nics ??= [];
  if (type === "nic") {
    const model = opts.filter(([k]) => k === "model").pop()?.[1] ?? "e1000";
    cfg.nics.push(nicModel(model, location));
  }
}

export function parseDevice(arg: string, location: string): DeviceRequest {
  const props = parseQemuOpts(arg, "driver", location);
  const driverIdx = props.findIndex(([k]) => k === "driver");
  if (driverIdx < 0) throw new QemuError(location, "Parameter 'driver' is missing");
  const driver = props[driverIdx][1];
  const rest = props.filter((_, j) => j !== driverIdx);
  const id = rest.find(([k]) => k === "id")?.[1];
  if (id !== undefined && !/^[A-Za-z][A-Za-z0-9\-._]*$/.test(id)) {
    throw new QemuError(location, "Parameter 'id' expects an identifier", "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.\n");
  }
  return { driver, props: rest, location };
}

function parseAccel(arg: string, location: string, cfg: MachineConfig): void {
  const opts = parseQemuOpts(arg, "accel", location);
  const accel = opts.find(([k]) => k === "accel")?.[1] ?? "";
  const first = accel.split(":")[0];
  if (first === "kvm" || first === "tcg") cfg.accel = first;
  else if (accel === "help") throw new QemuHelp("Accelerators supported in QEMU binary:\ntcg\nkvm\n");
  else throw new QemuError(location, `invalid accelerator ${accel}`);
}
