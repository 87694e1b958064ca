import type { Executable, Process } from "../../process.js";
import { O_RDONLY, O_RDWR, O_WRONLY } from "../../vfs/file.js";
import { cantOpen, readAll } from "./util.js";

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

/** hexdump -C (busybox, same layout as util-linux): 16 bytes a line, "*" for repeats, final offset. */
export function hexdumpC(data: Uint8Array): string {
  let out = "";
  let prev: string | undefined;
  let starred = false;
  for (let off = 0; off < data.length; off += 16) {
    const chunk = data.subarray(off, off + 16);
    const key = Array.from(chunk).join(",");
    if (key === prev && chunk.length === 16) {
      if (!starred) out += "*\n";
      starred = true;
      continue;
    }
    prev = key;
    starred = false;
    let hexPart = "";
    for (let i = 0; i < 16; i++) {
      hexPart += i < chunk.length ? `${hex(chunk[i], 2)} ` : "   ";
      if (i === 7) hexPart += " ";
    }
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    out += `${hex(off, 8)}  ${hexPart} |${ascii}|\n`;
  }
  if (data.length > 0) out += `${hex(data.length, 8)}\n`;
  return out;
}

export const hexdump: Executable = {
  name: "hexdump",
  main(p: Process, argv: string[]): number {
    const files = argv.slice(1).filter((a) => !a.startsWith("-"));
    if (!argv.includes("-C")) {
      p.eprintf("hexdump: only -C is supported here\n");
      return 1;
    }
    const parts: Uint8Array[] = [];
    for (const f of files) {
      const d = readAll(p, f);
      if (typeof d === "number") {
        cantOpen(p, "hexdump", f, d);
        return 1;
      }
      parts.push(d);
    }
    const all = new Uint8Array(parts.reduce((s, x) => s + x.length, 0));
    let at = 0;
    for (const x of parts) {
      all.set(x, at);
      at += x.length;
    }
    p.write(1, hexdumpC(all));
    return 0;
  },
};

/**
 * busybox devmem ADDRESS [WIDTH [VALUE]]: one access of WIDTH bits (8, 16, 32, 64; default 32) to a
 * physical address through /dev/mem; a read prints "0x%0*llX".
 */
export const devmem: Executable = {
  name: "devmem",
  main(p: Process, argv: string[]): number {
    const [, addrText, widthText = "32", valueText] = argv;
    const usage = () => {
      p.eprintf("BusyBox v1.35.0 multi-call binary.\n\nUsage: devmem ADDRESS [WIDTH [VALUE]]\n");
      return 1;
    };
    if (!addrText) return usage();
    const addr = parseCNumber(addrText);
    const width = { "8": 8, b: 8, "16": 16, h: 16, "32": 32, w: 32, "64": 64, l: 64 }[widthText];
    if (addr === undefined || width === undefined) return usage();
    const fd = p.open("/dev/mem", valueText === undefined ? O_RDONLY : O_RDWR);
    if (fd < 0) {
      cantOpen(p, "devmem", "/dev/mem", fd);
      return 1;
    }
    p.lseek(fd, addr);
    if (valueText === undefined) {
      const b = p.read(fd, width / 8);
      if (typeof b === "number") {
        p.eprintf(`devmem: read: ${p.strerror(-b)}\n`);
        return 1;
      }
      let v = 0n;
      for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
      p.printf(`0x${v.toString(16).toUpperCase().padStart(width / 4, "0")}\n`);
      return 0;
    }
    const value = parseCNumber(valueText);
    if (value === undefined) return usage();
    const bytes = new Uint8Array(width / 8);
    let v = BigInt(value);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    const r = p.write(fd, bytes);
    p.close(fd);
    if (r < 0) {
      p.eprintf(`devmem: write: ${p.strerror(-r)}\n`);
      return 1;
    }
    return 0;
  },
};

/** strtoull(s, NULL, 0): decimal, 0x-hex or 0-octal. */
function parseCNumber(s: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return Number.parseInt(s, 16);
  if (/^0[0-7]*$/.test(s)) return Number.parseInt(s, 8);
  if (/^[1-9][0-9]*$/.test(s)) return Number(s);
  return undefined;
}

/** Register names setpci knows (pciutils setpci.c), with offset and width in bytes. */
const SETPCI_REGS: Record<string, [number, 1 | 2 | 4]> = {
  VENDOR_ID: [0x00, 2],
  DEVICE_ID: [0x02, 2],
  COMMAND: [0x04, 2],
  STATUS: [0x06, 2],
  REVISION: [0x08, 1],
  CLASS_PROG: [0x09, 1],
  CLASS_DEVICE: [0x0a, 2],
  CACHE_LINE_SIZE: [0x0c, 1],
  LATENCY_TIMER: [0x0d, 1],
  HEADER_TYPE: [0x0e, 1],
  BIST: [0x0f, 1],
  BASE_ADDRESS_0: [0x10, 4],
  BASE_ADDRESS_1: [0x14, 4],
  BASE_ADDRESS_2: [0x18, 4],
  BASE_ADDRESS_3: [0x1c, 4],
  BASE_ADDRESS_4: [0x20, 4],
  BASE_ADDRESS_5: [0x24, 4],
  CARDBUS_CIS: [0x28, 4],
  SUBSYSTEM_VENDOR_ID: [0x2c, 2],
  SUBSYSTEM_ID: [0x2e, 2],
  ROM_ADDRESS: [0x30, 4],
  CAPABILITY_LIST: [0x34, 1],
  INTERRUPT_LINE: [0x3c, 1],
  INTERRUPT_PIN: [0x3d, 1],
  MIN_GNT: [0x3e, 1],
  MAX_LAT: [0x3f, 1],
};

/**
 * setpci [-s [[dom:]bus:]slot[.func]] REG[.B|.W|.L][=VALUE[:MASK]]...: reads print the value in hex,
 * writes go through the sysfs config file (pciutils setpci).
 */
export const setpci: Executable = {
  name: "setpci",
  main(p: Process, argv: string[]): number {
    let selector: string | undefined;
    const ops: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === "-s") selector = argv[++i];
      else if (argv[i] === "-v" || argv[i] === "-D") continue;
      else ops.push(argv[i]);
    }
    if (!selector || ops.length === 0) {
      p.eprintf("setpci: No devices selected.\n");
      return 1;
    }
    const m = /^(?:(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):)?([0-9a-fA-F]{1,2})(?:\.([0-7]))?$/.exec(selector);
    if (!m) {
      p.eprintf(`setpci: -s: Invalid slot number\n`);
      return 1;
    }
    const name = `${(m[1] ?? "0000").padStart(4, "0")}:${(m[2] ?? "00").padStart(2, "0")}:${m[3].padStart(2, "0")}.${m[4] ?? "0"}`.toLowerCase();
    const path = `/sys/bus/pci/devices/${name}/config`;
    for (const op of ops) {
      const om = /^([A-Za-z_0-9]+)(?:\.([bBwWlL]))?(?:=([0-9a-fA-Fx]+)(?::([0-9a-fA-Fx]+))?)?$/.exec(op);
      if (!om) {
        p.eprintf(`setpci: Invalid operation "${op}"\n`);
        return 1;
      }
      const reg = SETPCI_REGS[om[1].toUpperCase()];
      const offset = reg ? reg[0] : /^[0-9a-fA-F]+$/.test(om[1]) ? Number.parseInt(om[1], 16) : undefined;
      if (offset === undefined || offset > 0xfff) {
        p.eprintf(`setpci: Unknown register "${om[1]}".\n`);
        return 1;
      }
      const width = om[2] ? ({ b: 1, w: 2, l: 4 } as const)[om[2].toLowerCase() as "b" | "w" | "l"] : reg ? reg[1] : undefined;
      if (!width) {
        p.eprintf(`setpci: Missing width.\n`);
        return 1;
      }
      const fd = p.open(path, om[3] === undefined ? O_RDONLY : O_WRONLY);
      if (fd < 0) {
        p.eprintf(`setpci: Cannot open ${path}: ${p.strerror(-fd)}\n`);
        return 1;
      }
      p.lseek(fd, offset);
      if (om[3] === undefined) {
        const b = p.read(fd, width);
        p.close(fd);
        if (typeof b === "number" || b.length < width) return 1;
        let v = 0;
        for (let i = width - 1; i >= 0; i--) v = v * 256 + b[i];
        p.printf(`${hex(v, width * 2)}\n`);
        continue;
      }
      let value = Number.parseInt(om[3], 16);
      if (om[4] !== undefined) {
        const mask = Number.parseInt(om[4], 16);
        p.lseek(fd, offset);
        const rfd = p.open(path, O_RDONLY);
        p.lseek(rfd, offset);
        const cur = p.read(rfd, width);
        p.close(rfd);
        let old = 0;
        if (typeof cur !== "number") for (let i = width - 1; i >= 0; i--) old = old * 256 + cur[i];
        value = ((old & ~mask) | (value & mask)) >>> 0;
      }
      const bytes = new Uint8Array(width);
      for (let i = 0; i < width; i++) bytes[i] = (value >>> (8 * i)) & 0xff;
      p.write(fd, bytes);
      p.close(fd);
    }
    return 0;
  },
};
