import type { Executable } from "../process.js";
import { cat, dmesg, falseProg, jobs, kill, ls, mknod, sleep, trueProg } from "./coreutils/basic.js";
import { devmem, hexdump, setpci } from "./coreutils/hw-tools.js";
import { grep, head, readlink, tail, wc } from "./coreutils/text.js";
import { lspciProgram } from "./lspci-program.js";
import { shProgram } from "./sh-program.js";
import { insmod, lsmod, modinfo, modprobe, rmmod } from "./kmod.js";

/** The guest's /bin: busybox-like applets and pciutils, as the lab's Alpine/busybox image has them. */
export const BASE_PROGRAMS: readonly Executable[] = [shProgram, cat, ls, mknod, dmesg, sleep, kill, jobs, trueProg, falseProg, hexdump, devmem, setpci, lspciProgram, grep, head, tail, wc, readlink, insmod, rmmod, lsmod, modinfo, modprobe];

export { hexdumpC } from "./coreutils/hw-tools.js";
export { lspci, type SysfsPciFunction, type LspciResult } from "./lspci/index.js";
export { runShell } from "./sh-program.js";
