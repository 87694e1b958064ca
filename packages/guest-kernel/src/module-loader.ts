import { EAGAIN, EEXIST, EINVAL, ENOENT, ENOEXEC } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { LoadedModule, moduleSysfs, parseParam, type ModuleImage } from "./module.js";

/** The marker a .ko file written by the composer carries, naming the image it holds. */
export const MODULE_MAGIC = "\x7fELF rnglab-module:";

/**
 * A .ko file's bytes: the marker line, then the .modinfo strings (key=value, one a line) in the order
 * `modinfo` lists them, which is all user space reads of a module file.
 */
export function moduleFileBytes(image: ModuleImage, release: string): Uint8Array {
  const info: string[] = [];
  if (image.description) info.push(`description=${image.description}`);
  if (image.author) info.push(`author=${image.author}`);
  info.push(`license=${image.license}`);
  for (const a of image.aliases) info.push(`alias=${a}`);
  info.push(`depends=${image.depends.join(",")}`, "retpoline=Y", `name=${image.name}`, `vermagic=${release} SMP preempt mod_unload modversions `);
  for (const p of image.params) {
    if (p.description) info.push(`parm=${p.name}:${p.description}`);
    info.push(`parmtype=${p.name}:${p.type}`);
  }
  return new TextEncoder().encode(`${MODULE_MAGIC}${image.name}\n${info.join("\n")}\n`);
}

/** TAINT_OOT_MODULE (O, bit 12) and TAINT_UNSIGNED_MODULE (E, bit 13). */
export const TAINT_OOT_MODULE = 1 << 12;
export const TAINT_UNSIGNED_MODULE = 1 << 13;

/**
 * The module loader (kernel/module/main.c): images the kernel can recognise, loaded modules in load
 * order, the taint mask. Each step prints and fails as Linux 6.1 does.
 */
export class ModuleLoader {
  private readonly images = new Map<string, ModuleImage>();
  readonly loaded: LoadedModule[] = [];
  tainted = 0;
  private nextAddress = 0xffffffffc0438000n;

  constructor(private readonly k: Kernel) {}

  /** Makes an image recognisable (the composer's "module store"). */
  registerImage(image: ModuleImage): void {
    this.images.set(image.name, image);
  }

  imageOf(bytes: Uint8Array): ModuleImage | undefined {
    const text = new TextDecoder().decode(bytes);
    if (!text.startsWith(MODULE_MAGIC)) return undefined;
    return this.images.get(text.slice(MODULE_MAGIC.length).split("\n")[0]);
  }

  find(name: string): LoadedModule | undefined {
    return this.loaded.find((m) => m.name === name || m.name === name.replace(/-/g, "_"));
  }

  /** load_module + do_init_module: 0 or -errno (finit_module(2)). */
  load(bytes: Uint8Array, args: string): number {
    const k = this.k;
    const image = this.imageOf(bytes);
    if (!image) return -ENOEXEC;
    if (this.find(image.name)) return -EEXIST;
    if (image.outOfTree && !(this.tainted & TAINT_OOT_MODULE)) {
      k.printk(`${image.name}: loading out-of-tree module taints kernel.`);
    }
    if (image.outOfTree && !(this.tainted & TAINT_UNSIGNED_MODULE)) {
      k.printk(`${image.name}: module verification failed: signature and/or required key missing - tainting kernel`);
    }
    if (image.outOfTree) this.tainted |= TAINT_OOT_MODULE | TAINT_UNSIGNED_MODULE;
    const m = new LoadedModule(image, this.nextAddress);
    // parse_args: name=value pairs in order; unknown names are warned about and ignored.
    for (const arg of splitArgs(args)) {
      const eq = arg.indexOf("=");
      const key = (eq < 0 ? arg : arg.slice(0, eq)).replace(/-/g, "_");
      const value = eq < 0 ? undefined : arg.slice(eq + 1);
      const spec = image.params.find((p) => p.name === key);
      if (!spec) {
        k.printk(`${image.name}: unknown parameter '${key}' ignored`);
        continue;
      }
      const v = value === undefined ? (spec.type === "bool" ? true : undefined) : parseParam(spec.type, value);
      if (v === undefined) {
        k.printk(`${image.name}: \`${value ?? ""}' invalid for parameter \`${key}'`);
        return -EINVAL;
      }
      m.values.set(key, v);
    }
    this.loaded.unshift(m); // newest first, as /proc/modules lists them
    this.nextAddress += 0x9000n;
    k.vfs.install(`/sys/module/${image.name}`, moduleSysfs(k, m));
    const ret = k.withModule(m, () => image.init(k, m));
    if (ret < 0) {
      // A failed init leaves nothing behind: what it registered and did not undo is released.
      m.state = "going";
      this.release(m);
      return ret;
    }
    m.state = "live";
    return 0;
  }

  /** delete_module(2): -ENOENT when not loaded, -EAGAIN while in use (refcnt > 0). */
  unload(name: string): number {
    const m = this.find(name);
    if (!m) return -ENOENT;
    if (m.refcnt > 0) return -EAGAIN;
    m.state = "going";
    if (m.image.exit) this.k.withModule(m, () => m.image.exit?.(this.k, m));
    this.release(m);
    return 0;
  }

  private release(m: LoadedModule): void {
    for (const undo of m.owned.splice(0).reverse()) undo();
    const i = this.loaded.indexOf(m);
    if (i >= 0) this.loaded.splice(i, 1);
    this.k.vfs.remove(`/sys/module/${m.name}`, true);
  }

  /** /proc/modules: "name size refcnt deps state address (taint)". */
  procModules(): string {
    return this.loaded
      .map((m) => `${m.name} ${m.image.size} ${m.refcnt} - ${m.state === "live" ? "Live" : m.state === "coming" ? "Loading" : "Unloading"} 0x${m.address.toString(16)}${m.image.outOfTree ? " (OE)" : ""}\n`)
      .join("");
  }
}

/** The parameter string insmod passes (words joined by spaces; quotes group a value with spaces). */
function splitArgs(args: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of args) {
    if (ch === '"') quoted = !quoted;
    else if (ch === " " && !quoted) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
