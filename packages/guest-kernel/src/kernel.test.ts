import fc from "fast-check";
import { COST_PROFILES, PcMachine } from "@rng/hw-qemu";
import { describe, expect, it } from "vitest";
import { consoleFile } from "./console.js";
import { EBADF, EBUSY, EFAULT, ENOENT, ENOTTY, ENXIO } from "./errno.js";
import { Kernel } from "./kernel.js";
import { O_CREAT, O_RDONLY, O_RDWR, O_WRONLY, type FileOperations } from "./vfs/file.js";

function boot(args = ["-device", "my_rng"]) {
  const m = PcMachine.fromArgs(args);
  const k = new Kernel(m.cpuView(), COST_PROFILES.tcg);
  k.boot();
  let out = "";
  const dec = new TextDecoder();
  const p = k.createProcess(undefined, [consoleFile("c", undefined), consoleFile("c", (b) => (out += dec.decode(b))), consoleFile("c", undefined)]);
  return { m, k, p, out: () => out };
}
const text = (b: Uint8Array | number) => (typeof b === "number" ? `errno ${-b}` : new TextDecoder().decode(b));

describe("boot", () => {
  it("enumerates bus 0 through config cycles and logs each function as Linux does", () => {
    const { k } = boot();
    expect(k.pciDevs.map((d) => d.name)).toEqual(["0000:00:00.0", "0000:00:01.0", "0000:00:01.1", "0000:00:01.3", "0000:00:02.0", "0000:00:03.0", "0000:00:04.0"]);
    const log = k.log.text();
    expect(log).toContain("pci 0000:00:04.0: [1234:cafe] type 00 class 0x00ff00");
    // Linux 6.1 (Debian 6.1.192) wording, as in the reference guest's dmesg
    for (const line of [
      "pci 0000:00:04.0: BAR 0 [mem 0xfebf1000-0xfebf1fff]",
      "pci 0000:00:02.0: BAR 0 [mem 0xfd000000-0xfdffffff pref]",
      "pci 0000:00:01.1: BAR 4 [io  0xc040-0xc04f]",
      "pci 0000:00:01.1: BAR 1 [io  0x03f6]: legacy IDE quirk",
      "pci 0000:00:01.3: quirk: [io  0x0600-0x063f] claimed by PIIX4 ACPI",
      "pci 0000:00:01.3: quirk: [io  0x0700-0x070f] claimed by PIIX4 SMB",
      "pci 0000:00:02.0: ROM [mem 0xfebe0000-0xfebeffff pref]",
      "pci 0000:00:02.0: Video device with shadowed ROM at [mem 0x000c0000-0x000dffff]",
      "pci 0000:00:03.0: ROM [mem 0xfeb80000-0xfebbffff pref]",
    ])
      expect(log).toContain(line);
    expect(log).toMatch(/^\[ {4}0\.\d{6}\] Linux version/);
  });
  it("sizing BARs leaves them as firmware set them (decode restored)", () => {
    const { m, k } = boot();
    const rng = k.pciDevs.find((d) => d.vendor === 0x1234 && d.device === 0xcafe);
    expect(rng?.resources[0]).toEqual({ start: 0xfebf1000, end: 0xfebf1fff, flags: 0x40200 });
    expect(m.cpuView().load32(0xfebf1000)).toBe(1804289383);
  });
});

describe("character devices and /proc/devices", () => {
  const fops: FileOperations = {};
  it("register_chrdev: a fixed major, EBUSY when taken, dynamic majors from 254 down", () => {
    const { k } = boot();
    expect(k.registerChrdev(250, "my_rng_driver", fops)).toBe(0);
    expect(k.registerChrdev(250, "again", fops)).toBe(-EBUSY);
    expect(k.registerChrdev(0, "a", fops)).toBe(254);
    expect(k.registerChrdev(0, "b", fops)).toBe(253);
  });
  it("/proc/devices lists what is registered, in major order", () => {
    const { k, p } = boot();
    k.registerChrdev(250, "my_rng_driver", fops);
    const fd = p.open("/proc/devices", O_RDONLY);
    expect(text(p.read(fd, 4096))).toBe("Character devices:\n  1 mem\n 10 misc\n250 my_rng_driver\n\nBlock devices:\n");
  });
  it("open of a node whose major has no driver: ENXIO; ioctl on a file without unlocked_ioctl: ENOTTY", () => {
    const { p } = boot();
    expect(p.mknod("/dev/x", "c", 99, 0)).toBe(0);
    expect(p.open("/dev/x", O_RDWR)).toBe(-ENXIO);
    expect(p.open("/nope", O_RDONLY)).toBe(-ENOENT);
    const fd = p.open("/dev/null", O_RDWR);
    expect(p.ioctl(fd, 0x5401, 0)).toBe(-ENOTTY);
    expect(p.ioctl(77, 0x5401, 0)).toBe(-EBADF);
  });
  it("the owner module is held while a file is open: two references per open file (cdev_get + fops_get)", () => {
    const { k, p } = boot();
    let refs = 0;
    k.registerChrdev(240, "held", { owner: { get: () => (refs++, true), put: () => void refs-- } });
    p.mknod("/dev/held", "c", 240, 0);
    const fd = p.open("/dev/held", O_RDWR);
    const fd2 = p.fcntlDupfd(fd, 10);
    expect(refs).toBe(2);
    p.close(fd);
    expect(refs).toBe(2);
    p.close(fd2);
    expect(refs).toBe(0);
  });
});

describe("user memory and copies", () => {
  it("copy_to_user into any range outside the process faults and writes nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 64 }), (ptr, len) => {
        const { k, p } = boot();
        k.current = p;
        const inside = p.mem.range(ptr, len) !== undefined;
        const left = k.copyToUser(ptr, new Uint8Array(len).fill(7));
        return inside ? left === 0 : left === len;
      }),
      { numRuns: 100 },
    );
  });
  it("read(2) into a bad pointer is EFAULT", () => {
    const { p } = boot();
    const fd = p.open("/proc/cmdline", O_RDONLY);
    expect(p.readToUser(fd, 0x10, 16)).toBe(-EFAULT);
  });
  it("files: create, write, append, read back; pipes carry bytes", () => {
    const { p } = boot();
    const fd = p.open("/tmp/f", O_WRONLY | O_CREAT);
    expect(p.write(fd, "hello ")).toBe(6);
    p.close(fd);
    const fa = p.open("/tmp/f", O_WRONLY | 0o2000);
    p.write(fa, "world\n");
    p.close(fa);
    expect(text(p.read(p.open("/tmp/f", O_RDONLY), 100))).toBe("hello world\n");
    const pipe = p.pipe();
    if (typeof pipe === "number") throw new Error("pipe failed");
    p.write(pipe[1], "abc");
    expect(text(p.read(pipe[0], 2))).toBe("ab");
    expect(text(p.read(pipe[0], 10))).toBe("c");
  });
  it("each syscall charges its entry/exit cost to `syscall`", () => {
    const { m, p } = boot();
    const before = m.clock.totalNs("syscall");
    p.open("/nope", O_RDONLY);
    expect(m.clock.totalNs("syscall") - before).toBe(COST_PROFILES.tcg.ns.syscallNs);
  });
});

describe("signals from the terminal", () => {
  it("a pending SIGINT kills the foreground program at its next syscall (status 130); the interactive shell survives", async () => {
    const { BASE_PROGRAMS } = await import("./userspace/index.js");
    const { k, p } = boot();
    for (const exe of BASE_PROGRAMS) k.installExecutable(exe);
    p.interactive = true;
    let reads = 0;
    k.signalSource = () => (++reads > 50 ? 2 : 0);
    expect(p.spawnWait(["cat", "/dev/zero"], new Map())).toBe(130);
    expect(p.open("/proc/cmdline", O_RDONLY)).toBeGreaterThanOrEqual(0); // the shell's own syscalls go on
  });
});

describe("the schedule hook (where the interactive session runs a foreground command beside a job)", () => {
  it("runs at syscall entry, never inside itself, and the interrupted task continues with its own context", async () => {
    const { BASE_PROGRAMS } = await import("./userspace/index.js");
    const { k, p } = boot();
    for (const exe of BASE_PROGRAMS) k.installExecutable(exe);
    const job = k.createProcess(p);
    let ran = 0;
    let nested = 0;
    k.scheduleHook = () => {
      if (ran++ !== 3) return;
      // Another task's syscalls in between: they do not re-enter the hook.
      const before = ran;
      expect(p.open("/proc/cmdline", O_RDONLY)).toBeGreaterThanOrEqual(0);
      nested = ran - before;
    };
    const fd = job.open("/proc/cmdline", O_RDONLY);
    expect(fd).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 5; i++) job.read(fd, 16);
    expect(ran).toBeGreaterThan(4);
    expect(nested).toBe(0);
    expect(k.current).toBe(job);
  });
});

describe("/proc/interrupts (Linux 6.1 show_interrupts)", () => {
  it("the SCI line as the real guest prints it (reference guest/lab.txt)", async () => {
    const { PcMachine, COST_PROFILES } = await import("@rng/hw-qemu");
    const { Kernel } = await import("./kernel.js");
    const k = new Kernel(PcMachine.fromArgs(["-M", "pc", "-m", "128"]).cpuView(), COST_PROFILES.tcg);
    k.boot();
    const p = k.createProcess(undefined, []);
    const fd = p.open("/proc/interrupts", 0);
    const b = p.read(fd, 4096);
    expect(typeof b === "number" ? "" : new TextDecoder().decode(b)).toContain("\n  9:          0   IO-APIC   9-fasteoi   acpi\n");
  });
});
