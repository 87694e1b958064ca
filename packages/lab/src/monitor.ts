import { renderInfoMtree, renderInfoQtree, type PcMachine } from "@rng/hw-qemu";

export const MONITOR_HELP = `device_add driver[,prop=value][,...] -- add device, like -device on the command line
device_del device -- remove device
info mtree -- show memory tree
info pci  -- show PCI info
info qtree -- show device tree
xp /fmt addr -- physical memory dump starting at 'addr'
help|? [cmd] -- show the help
`;

/** QEMU's xp: /COUNT FORMAT SIZE (x, d, u; b h w g), 16 bytes a line, "%016x:" addresses. */
export function xp(m: PcMachine, arg: string): string {
  const mm = /^\/(\d*)([xduo]?)([bhwg]?)\s+(\S+)$/.exec(arg.trim());
  if (!mm) return "Invalid parameter\n";
  const count = Number(mm[1] || "1");
  const fmt = mm[2] || "x";
  const size = { b: 1, h: 2, w: 4, g: 8, "": 4 }[mm[3] as "b" | "h" | "w" | "g" | ""];
  const addr = Number(mm[4]);
  if (!Number.isSafeInteger(addr)) return `invalid char '${mm[4]}' in expression\n`;
  const cpu = m.cpuView();
  const perLine = Math.max(1, Math.floor(16 / size));
  let out = "";
  for (let i = 0; i < count; i++) {
    const a = addr + i * size;
    if (i % perLine === 0) out += `${i ? "\n" : ""}${a.toString(16).padStart(16, "0")}:`;
    const v = size === 8 ? cpu.load64(a) : BigInt(size === 4 ? cpu.load32(a) : size === 2 ? cpu.load16(a) : cpu.load8(a));
    const text = fmt === "x" ? `0x${v.toString(16).padStart(size * 2, "0")}` : fmt === "o" ? `0${v.toString(8)}` : v.toString();
    out += ` ${text}`;
  }
  return out + "\n";
}

const withNewline = (t: string) => (t && !t.endsWith("\n") ? t + "\n" : t);

/** One HMP command line against the machine, as QEMU's monitor answers it. */
export function runMonitorCommand(m: PcMachine, line: string): string {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(" ");
  if (!cmd) return "";
  if (cmd === "info") {
    if (arg === "pci") return m.infoPci();
    if (arg === "mtree") return renderInfoMtree(m);
    if (arg === "qtree") return renderInfoQtree(m);
    return "info: unknown or unsupported sub-command in rnglab (pci, mtree, qtree)\n";
  }
  if (cmd === "xp") return xp(m, arg);
  if (cmd === "help" || cmd === "?") return MONITOR_HELP;
  // hmp_device_add / hmp_device_del: silent on success, "Error: ..." otherwise (hmp_handle_error).
  if (cmd === "device_add") return arg ? withNewline(m.deviceAdd(arg)) : "Parameter 'driver' is missing\n";
  if (cmd === "device_del") return arg ? withNewline(m.deviceDel(arg)) : "Parameter 'id' is missing\n";
  return `unknown command: '${cmd}'\n`;
}
