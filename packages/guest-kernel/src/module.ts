import { EINVAL } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { dir, gen, type DirInode } from "./vfs/inode.js";

/** module_param types (include/linux/moduleparam.h), as modinfo names them. */
export type ParamType = "int" | "uint" | "long" | "ulong" | "short" | "ushort" | "charp" | "bool" | "invbool" | "byte" | "hexint";

export interface ModuleParamSpec {
  name: string;
  type: ParamType;
  /** sysfs permissions (0 = not in sysfs). */
  perm: number;
  /** MODULE_PARM_DESC. */
  description?: string;
  /** The variable's initial value, as the module's C source sets it. */
  initial: number | bigint | string | boolean;
}

/**
 * What a .ko file holds, as far as insmod, modinfo and the kernel see it: the .modinfo strings, the
 * parameters, init and exit. The composer writes such images into /lib/modules (DESIGN.md §1).
 */
export interface ModuleImage {
  name: string;
  license: string;
  author?: string;
  description?: string;
  /** modalias patterns (MODULE_DEVICE_TABLE), e.g. "pci:v00001234d0000CAFEsv*sd*bc*sc*i*". */
  aliases: string[];
  depends: string[];
  params: ModuleParamSpec[];
  /** Built outside the kernel tree, unsigned: taints O and E on first load. */
  outOfTree: boolean;
  /** Core size as /proc/modules shows it (page-rounded). */
  size: number;
  init(k: Kernel, m: LoadedModule): number;
  exit?(k: Kernel, m: LoadedModule): void;
}

/** A loaded module: its parameters' current values and its reference count (struct module). */
export class LoadedModule {
  readonly values = new Map<string, number | bigint | string | boolean>();
  refcnt = 0;
  state: "coming" | "live" | "going" = "coming";
  /** The module's own global variables (what its C file declares static). */
  readonly globals = new Map<string, unknown>();
  /** Cleanups for what init registered through the kernel on the module's behalf (see Kernel.track). */
  readonly owned: (() => void)[] = [];

  constructor(
    readonly image: ModuleImage,
    /** A kernel-virtual address for /proc/modules (modules live at 0xffffffffc0000000 and up). */
    readonly address: bigint,
  ) {
    for (const p of image.params) this.values.set(p.name, p.initial);
  }

  get name(): string {
    return this.image.name;
  }

  param<T extends number | bigint | string | boolean>(name: string): T {
    return this.values.get(name) as T;
  }

  /** try_module_get: fails once the module is going away. */
  get(): boolean {
    if (this.state === "going") return false;
    this.refcnt++;
    return true;
  }

  put(): void {
    if (this.refcnt > 0) this.refcnt--;
  }
}

/** The text of a parameter's value as sysfs shows it (param_get_*). */
export function paramToString(type: ParamType, v: number | bigint | string | boolean): string {
  if (type === "bool" || type === "invbool") return (type === "invbool" ? !v : v) ? "Y" : "N";
  if (type === "charp") return v === "" ? "(null)" : String(v);
  if (type === "hexint") return `0x${(typeof v === "bigint" ? v : BigInt(v as number)).toString(16)}`;
  return String(v);
}

const LIMITS: Record<string, [bigint, bigint]> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  uint: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  ulong: [0n, 2n ** 64n - 1n],
  short: [-(2n ** 15n), 2n ** 15n - 1n],
  ushort: [0n, 2n ** 16n - 1n],
  byte: [0n, 255n],
  hexint: [0n, 2n ** 32n - 1n],
};

/**
 * param_set_*: kstrtoX with base 0 (decimal, 0x-hex, 0-octal; a trailing newline allowed), range checked;
 * bool takes y/n/1/0/on/off. Returns the value, or undefined when it does not parse (EINVAL).
 */
export function parseParam(type: ParamType, text: string): number | bigint | string | boolean | undefined {
  // param_set_charp keeps the string as written, newline included (so `echo x >` shows "x\n\n" back).
  if (type === "charp") return text;
  const t = text.replace(/\n$/, "");
  if (type === "bool" || type === "invbool") {
    const v = /^(y|Y|1|on)$/.test(t) ? true : /^(n|N|0|off)$/.test(t) ? false : undefined;
    if (v === undefined) return undefined;
    return type === "invbool" ? !v : v;
  }
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (!m) return undefined;
  let n = m[2].startsWith("0x") || m[2].startsWith("0X") ? BigInt(m[2]) : m[2].length > 1 && m[2].startsWith("0") ? BigInt("0o" + m[2].slice(1)) : BigInt(m[2]);
  if (m[1] === "-") n = -n;
  const [lo, hi] = LIMITS[type];
  // kstrtoul rejects a minus sign; signed types take it.
  if (n < lo || n > hi) return undefined;
  return type === "ulong" || type === "long" ? n : Number(n);
}

/** The sysfs tree /sys/module/NAME (kernel/module/sysfs.c + kernel/params.c). */
export function moduleSysfs(k: Kernel, m: LoadedModule): DirInode {
  const params = dir();
  for (const p of m.image.params) {
    if (!p.perm) continue;
    const writable = (p.perm & 0o222) !== 0;
    params.entries.set(
      p.name,
      gen(
        () => paramToString(p.type, m.values.get(p.name) as number) + "\n",
        p.perm,
        writable
          ? (data) => {
              const v = parseParam(p.type, new TextDecoder().decode(data));
              if (v === undefined) return -EINVAL;
              m.values.set(p.name, v);
              return data.length;
            }
          : undefined,
      ),
    );
  }
  const taint = m.image.outOfTree ? "OE" : "";
  return dir({
    coresize: gen(() => `${m.image.size}\n`),
    holders: dir(),
    initsize: gen(() => "0\n"),
    initstate: gen(() => `${m.state}\n`),
    notes: dir(),
    parameters: params,
    refcnt: gen(() => `${m.refcnt}\n`),
    sections: dir(),
    taint: gen(() => `${taint}\n`),
    uevent: gen(() => "", 0o200, (d) => d.length),
  });
}

