// The machine panel's form, kept in step with the QEMU options text: the options the lab changes (memory,
// -nodefaults, the -device list in order, the accelerator) are fields; anything else stays as text.

export interface MachineForm {
  /** -m, as typed (128, 512M, 1G). */
  memory: string;
  nodefaults: boolean;
  kvm: boolean;
  /** -device values, in command-line order (order decides slots, hence BAR addresses). */
  devices: string[];
  /** Options the form has no field for, kept as they were. */
  other: string[];
}

/** Device models rnglab has, as the form offers them. */
export const DEVICE_CHOICES = ["my_rng", "my_rng,version=2", "e1000", "rtl8139", "edu", "pci-testdev", "virtio-rng-pci", "VGA"] as const;

export function formFromArgs(args: readonly string[]): MachineForm {
  const f: MachineForm = { memory: "128", nodefaults: false, kvm: false, devices: [], other: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if ((a === "-m" || a === "--m") && next !== undefined) {
      f.memory = next;
      i++;
    } else if ((a === "-M" || a === "-machine") && next === "pc") i++;
    else if (a === "-nodefaults") f.nodefaults = true;
    else if (a === "-enable-kvm") f.kvm = true;
    else if (a === "-accel" && next === "kvm") {
      f.kvm = true;
      i++;
    } else if (a === "-accel" && next === "tcg") i++;
    else if (a === "-device" && next !== undefined) {
      f.devices.push(next);
      i++;
    } else f.other.push(a);
  }
  return f;
}

export function argsFromForm(f: MachineForm): string[] {
  return [
    "-M", "pc", "-m", f.memory,
    ...(f.kvm ? ["-accel", "kvm"] : []),
    ...(f.nodefaults ? ["-nodefaults"] : []),
    ...f.devices.flatMap((d) => ["-device", d]),
    ...f.other,
  ];
}

/** argv as shell text, quoting only what needs it. */
export function textFromArgs(args: readonly string[]): string {
  return args.map((a) => (a === "" || /[\s'"\\$`]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(" ");
}
