import { EAGAIN, EINVAL, ENOENT, ENOEXEC } from "../errno.js";
import type { Executable, Process } from "../process.js";
import { O_RDONLY } from "../vfs/file.js";
import { readAll, readText } from "./coreutils/util.js";

// kmod 30's tools (insmod, rmmod, lsmod, modinfo, modprobe) with their messages and exit codes
// (tools/insmod.c, rmmod.c, lsmod.c, modinfo.c, modprobe.c; libkmod's mod_strerror).

/** libkmod-module.c mod_strerror: what insmod says for init_module's errors. */
function modStrerror(p: Process, errno: number): string {
  switch (errno) {
    case ENOEXEC:
      return "Invalid module format";
    case ENOENT:
      return "Unknown symbol in module, or unknown parameter (see dmesg)";
    case 3: // ESRCH
      return "Module has wrong symbol version";
    case EINVAL:
      return "Invalid parameters";
    default:
      return p.strerror(errno);
  }
}

function release(p: Process): string {
  const r = readText(p, "/proc/sys/kernel/osrelease");
  return typeof r === "string" ? r.trim() : "";
}

/** Loads the module file at `path` with params; returns 0 or -errno (of open or of finit_module). */
function loadFile(p: Process, path: string, params: string): { stage: "load" | "insert"; err: number } {
  const fd = p.open(p.absolute(path), O_RDONLY);
  if (fd < 0) return { stage: "load", err: fd };
  const r = p.finitModule(fd, params);
  p.close(fd);
  return { stage: "insert", err: r };
}

export const insmod: Executable = {
  name: "insmod",
  main(p: Process, argv: string[]): number {
    const file = argv[1];
    if (!file) {
      p.eprintf("insmod: ERROR: missing filename.\n");
      return 1;
    }
    const r = loadFile(p, file, argv.slice(2).join(" "));
    if (r.err < 0) {
      if (r.stage === "load") p.eprintf(`insmod: ERROR: could not load module ${file}: ${p.strerror(-r.err)}\n`);
      else p.eprintf(`insmod: ERROR: could not insert module ${file}: ${modStrerror(p, -r.err)}\n`);
      return 1;
    }
    return 0;
  },
};

interface ProcModule {
  name: string;
  size: number;
  refcnt: number;
  holders: string[];
}

function procModules(p: Process): ProcModule[] {
  const t = readText(p, "/proc/modules");
  if (typeof t === "number") return [];
  return t
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [name, size, refcnt, deps] = l.split(" ");
      return { name, size: Number(size), refcnt: Number(refcnt), holders: deps === "-" ? [] : deps.split(",").filter(Boolean) };
    });
}

export const rmmod: Executable = {
  name: "rmmod",
  main(p: Process, argv: string[]): number {
    const args = argv.slice(1).filter((a) => !a.startsWith("-"));
    if (args.length === 0) {
      p.eprintf("rmmod: ERROR: missing module name.\n");
      return 1;
    }
    let status = 0;
    for (const arg of args) {
      const name = arg.replace(/^.*\//, "").replace(/\.ko$/, "").replace(/-/g, "_");
      const m = procModules(p).find((x) => x.name === name);
      if (!m) {
        p.eprintf(`rmmod: ERROR: Module ${name} is not currently loaded\n`);
        status = 1;
        continue;
      }
      if (m.refcnt > 0) {
        p.eprintf(`rmmod: ERROR: Module ${name} is in use${m.holders.length ? ` by: ${m.holders.join(" ")}` : ""}\n`);
        status = 1;
        continue;
      }
      const r = p.deleteModule(name);
      if (r < 0) {
        p.eprintf(r === -EAGAIN ? `rmmod: ERROR: Module ${name} is in use\n` : `rmmod: ERROR: could not remove module ${name}: ${p.strerror(-r)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const lsmod: Executable = {
  name: "lsmod",
  main(p: Process): number {
    let out = "Module                  Size  Used by\n";
    for (const m of procModules(p)) {
      out += `${m.name.padEnd(19)} ${String(m.size).padStart(8)}  ${m.refcnt}${m.holders.length ? ` ${m.holders.join(",")}` : ""}\n`;
    }
    p.write(1, out);
    return 0;
  },
};

/** modules.dep and modules.alias of /lib/modules/RELEASE, as depmod writes them. */
function moduleIndex(p: Process): { dir: string; dep: Map<string, string[]>; alias: [string, string][] } {
  const dir = `/lib/modules/${release(p)}`;
  const dep = new Map<string, string[]>();
  const depText = readText(p, `${dir}/modules.dep`);
  if (typeof depText === "string") {
    for (const l of depText.split("\n").filter(Boolean)) {
      const [file, deps] = l.split(":");
      dep.set(file.trim(), (deps ?? "").trim().split(/\s+/).filter(Boolean));
    }
  }
  const alias: [string, string][] = [];
  const aliasText = readText(p, `${dir}/modules.alias`);
  if (typeof aliasText === "string") {
    for (const l of aliasText.split("\n")) {
      const m = /^alias\s+(\S+)\s+(\S+)/.exec(l);
      if (m) alias.push([m[1], m[2]]);
    }
  }
  return { dir, dep, alias };
}

const modName = (file: string) => file.replace(/^.*\//, "").replace(/\.ko(\.[gx]z)?$/, "").replace(/-/g, "_");

/** fnmatch for modalias patterns ("*" and "?"). */
export function aliasMatch(pattern: string, text: string): boolean {
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return re.test(text);
}

export const modprobe: Executable = {
  name: "modprobe",
  main(p: Process, argv: string[]): number {
    const remove = argv.includes("-r");
    const args = argv.slice(1).filter((a) => !a.startsWith("-"));
    if (args.length === 0) {
      p.eprintf("modprobe: ERROR: missing parameters. See -h.\n");
      return 1;
    }
    const idx = moduleIndex(p);
    const want = args[0];
    const names = [modName(want), ...idx.alias.filter(([pat]) => aliasMatch(pat, want)).map(([, n]) => n.replace(/-/g, "_"))];
    const entry = [...idx.dep.keys()].find((f) => names.includes(modName(f)));
    if (remove) {
      const name = entry ? modName(entry) : modName(want);
      const m = procModules(p).find((x) => x.name === name);
      if (!m) return 0;
      if (m.refcnt > 0) {
        p.eprintf(`modprobe: FATAL: Module ${name} is in use.\n`);
        return 1;
      }
      return p.deleteModule(name) < 0 ? 1 : 0;
    }
    if (!entry) {
      p.eprintf(`modprobe: FATAL: Module ${want} not found in directory ${idx.dir}\n`);
      return 1;
    }
    const loaded = new Set(procModules(p).map((m) => m.name));
    for (const file of [...(idx.dep.get(entry) ?? []).reverse(), entry]) {
      if (loaded.has(modName(file))) continue;
      const r = loadFile(p, `${idx.dir}/${file}`, file === entry ? args.slice(1).join(" ") : "");
      if (r.err < 0) {
        p.eprintf(`modprobe: ERROR: could not insert '${modName(file)}': ${modStrerror(p, -r.err)}\n`);
        return 1;
      }
    }
    return 0;
  },
};

/** kmod modinfo: the .modinfo strings of a module file ("filename" first; parm lines with their type). */
export const modinfo: Executable = {
  name: "modinfo",
  main(p: Process, argv: string[]): number {
    const arg = argv.slice(1).find((a) => !a.startsWith("-"));
    if (!arg) {
      p.eprintf("modinfo: ERROR: missing module or filename.\n");
      return 1;
    }
    let path = arg;
    if (!arg.includes("/") && !arg.endsWith(".ko")) {
      const idx = moduleIndex(p);
      const entry = [...idx.dep.keys()].find((f) => modName(f) === modName(arg));
      if (!entry) {
        p.eprintf(`modinfo: ERROR: Module ${arg} not found.\n`);
        return 1;
      }
      path = `${idx.dir}/${entry}`;
    }
    const abs = path.startsWith("/") ? path : `${p.env.get("PWD") ?? "/"}/${path}`;
    const data = readAll(p, abs);
    if (typeof data === "number") {
      p.eprintf(`modinfo: ERROR: Module ${arg} not found.\n`);
      return 1;
    }
    const lines = new TextDecoder().decode(data).split("\n");
    if (!lines[0].startsWith("\x7fELF")) {
      p.eprintf(`modinfo: ERROR: could not get modinfo from '${modName(arg)}': Invalid argument\n`);
      return 1;
    }
    const fields = lines.slice(1).filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const);
    const types = new Map(fields.filter(([k]) => k === "parmtype").map(([, v]) => [v.slice(0, v.indexOf(":")), v.slice(v.indexOf(":") + 1)]));
    const described = new Set<string>();
    let out = `${"filename:".padEnd(16)}${abs}\n`;
    for (const [k, v] of fields) {
      if (k === "parmtype") continue;
      if (k === "parm") {
        const name = v.slice(0, v.indexOf(":"));
        described.add(name);
        out += `${"parm:".padEnd(16)}${v}${types.has(name) ? ` (${types.get(name)})` : ""}\n`;
        continue;
      }
      out += `${(k + ":").padEnd(16)}${v}\n`;
    }
    for (const [name, type] of types) if (!described.has(name)) out += `${"parm:".padEnd(16)}${name}:(${type})\n`;
    p.write(1, out);
    return 0;
  },
};
