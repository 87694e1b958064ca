import { describe, expect, it } from "vitest";
import { lab, numbers, SRAND0 } from "./test-lab.js";

const ROUNDS = [...SRAND0, ...SRAND0];

describe("scenario: the default machine (-M pc -m 128 -device my_rng)", () => {
  it("built-in driver: mknod + rng-lab", () => {
    const g = lab("builtin");
    expect(numbers(g.run("mknod /dev/my_rng_driver c 250 0; rng-lab").stdout)).toEqual(ROUNDS);
  });
  it("my_rng.ko without base fails with EINVAL and a dmesg line saying what to do", () => {
    const g = lab("module");
    const r = g.run("insmod my_rng.ko");
    expect(r).toMatchObject({ code: 1, stderr: "insmod: ERROR: could not insert module my_rng.ko: Invalid parameters\n" });
    expect(r.dmesg.at(-1)).toBe("my_rng: no base address: load with base=0x... (the Memory at ... address lspci -v shows)");
    expect(g.run("lsmod").stdout).toBe("Module                  Size  Used by\n");
  });
  it("my_rng.ko with the base lspci -v shows works, and rmmod undoes it", () => {
    const g = lab("module");
    expect(g.run("lspci -v -s 04.0 | grep Memory").stdout).toBe("\tMemory at febf1000 (32-bit, non-prefetchable) [size=4K]\n");
    const r = g.run("insmod my_rng.ko base=0xfebf1000 && mknod /dev/my_rng_driver c 250 0 && rng-lab");
    expect(numbers(r.stdout)).toEqual(ROUNDS);
    expect(g.run("grep my_rng /proc/iomem").stdout).toBe("    febf1000-febf1fff : my_rng\n");
    expect(g.run("grep 250 /proc/devices").stdout).toBe("250 my_rng_driver\n");
    expect(g.run("rmmod my_rng && grep -c my_rng /proc/iomem /proc/devices").stdout).toBe("/proc/iomem:0\n/proc/devices:0\n");
  });
  it("my_rng_pci finds the device itself: /dev/my_rng0, lspci -k shows the driver and the module", () => {
    const g = lab("pci");
    const r = g.run("modprobe my_rng_pci && rng-lab /dev/my_rng0");
    expect(numbers(r.stdout)).toEqual(ROUNDS);
    expect(g.run("lspci -k -s 04.0").stdout).toBe(
      "00:04.0 Unclassified device [00ff]: Device 1234:cafe (rev 10)\n\tSubsystem: Red Hat, Inc. Device 1100\n\tKernel driver in use: my_rng_pci\n\tKernel modules: my_rng_pci, my_rng_fast\n",
    );
    expect(g.run("readlink /sys/bus/pci/devices/0000:00:04.0/driver").stdout).toBe("../../../bus/pci/drivers/my_rng_pci\n");
    expect(g.run("cat /sys/bus/pci/devices/0000:00:04.0/enable").stdout).toBe("1\n");
  });
});

describe("scenario: the device moved (-device e1000 -device my_rng)", () => {
  const moved = ["-M", "pc", "-m", "128", "-device", "e1000", "-device", "my_rng"];
  it("the hard-coded built-in driver reads nothing but zeros", () => {
    const g = lab("builtin", moved);
    expect(numbers(g.run("mknod /dev/my_rng_driver c 250 0; rng-lab").stdout)).toEqual(new Array(10).fill(0));
  });
  it("my_rng.ko with the old address fails (ENODEV); with the address lspci -v now shows, it works", () => {
    const g = lab("module", moved);
    expect(g.run("insmod my_rng.ko base=0xfebf1000")).toMatchObject({ code: 1, stderr: "insmod: ERROR: could not insert module my_rng.ko: No such device\n" });
    const base = /Memory at ([0-9a-f]+)/.exec(g.run("lspci -v -d 1234:cafe").stdout)?.[1];
    expect(base).toBe("febd1000");
    expect(numbers(g.run(`insmod my_rng.ko base=0x${base} && mknod /dev/my_rng_driver c 250 0 && rng-lab`).stdout)).toEqual(ROUNDS);
  });
  it("my_rng_pci works with no help", () => {
    const g = lab("pci", moved);
    expect(numbers(g.run("modprobe my_rng_pci && rng-lab /dev/my_rng0").stdout)).toEqual(ROUNDS);
  });
});

describe("scenario: -nodefaults -device my_rng and two devices", () => {
  it("-nodefaults: the built-in driver misses it, my_rng_pci finds it at 0xfebff000", () => {
    const args = ["-M", "pc", "-m", "128", "-nodefaults", "-device", "my_rng"];
    expect(numbers(lab("builtin", args).run("mknod /dev/my_rng_driver c 250 0; rng-lab").stdout)).toEqual(new Array(10).fill(0));
    const g = lab("pci", args);
    const r = g.run("modprobe my_rng_pci && rng-lab /dev/my_rng0");
    expect(numbers(r.stdout)).toEqual(ROUNDS);
    expect(r.dmesg).toContain("my_rng_pci 0000:00:02.0: my_rng at 0xfebff000, /dev/my_rng0 (major 254, minor 0)");
  });
  it("two devices: two nodes, one shared stream (the C device's global rand())", () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng", "-device", "my_rng"]);
    g.run("modprobe my_rng_pci");
    expect(g.run("ls /dev").stdout).toBe("hwrng\nmem\nmy_rng0\nmy_rng1\nnull\nzero\n");
    // rng-lab seeds with 0 on each node, so each run restarts the shared stream.
    expect(numbers(g.run("rng-lab /dev/my_rng1").stdout)).toEqual(ROUNDS);
    expect(numbers(g.run("rng-lab /dev/my_rng0 | head -2; rng-lab /dev/my_rng1 | head -1").stdout)).toEqual([SRAND0[0], SRAND0[1], SRAND0[0]]);
  });
});

describe("/dev/hwrng with no rng registered (Linux 6.1 hw_random core)", () => {
  it("open succeeds read-only and read fails with ENODEV; write access is refused with EINVAL", () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng"]);
    const r = g.run("cat /dev/hwrng; echo $?; echo x > /dev/hwrng");
    expect(r.stdout).toBe("1\n");
    expect(r.stderr).toContain("cat: read error: No such device\n");
    expect(r.stderr).toContain("can't create /dev/hwrng: Invalid argument");
  });
});

describe("conflicts, as in Linux", () => {
  it("built-in driver and my_rng.ko both want major 250: the module fails with EBUSY", () => {
    const g = lab("builtin");
    const r = g.run("insmod my_rng.ko base=0xfebf1000");
    expect(r).toMatchObject({ code: 1, stderr: "insmod: ERROR: could not insert module my_rng.ko: Device or resource busy\n" });
    expect(r.dmesg.at(-1)).toBe("my_rng: cannot register major 250 (error -16)");
    expect(g.run("grep -c my_rng /proc/iomem").stdout).toBe("0\n"); // the region it took is released
  });
  it("the built-in driver requests no region, so it and my_rng_pci both drive the device and share one stream", () => {
    const g = lab("builtin");
    g.run("mknod /dev/my_rng_driver c 250 0; modprobe my_rng_pci");
    const r = g.run("rng-lab /dev/my_rng_driver | head -1; rng-lab /dev/my_rng0 | head -1");
    expect(numbers(r.stdout)).toEqual([SRAND0[0], SRAND0[0]]);
    // One read through each node: the second node sees the next number of the same stream.
    const p = g.sh;
    const fd1 = p.open("/dev/my_rng_driver", 2);
    const fd2 = p.open("/dev/my_rng0", 2);
    const buf = p.mem.alloc(4);
    p.mem.storeU32(buf, 0);
    p.ioctl(fd1, 0x40047101, buf);
    const seen: number[] = [];
    for (const fd of [fd1, fd2, fd1, fd2]) {
      p.ioctl(fd, 0x80047101, buf);
      seen.push(p.mem.loadU32(buf));
    }
    expect(seen).toEqual(SRAND0.slice(0, 4));
  });
  it("my_rng.ko requests its region, so my_rng_pci's probe fails with EBUSY (and the reverse)", () => {
    const g = lab("module");
    g.run("insmod my_rng.ko base=0xfebf1000");
    const r = g.run("modprobe my_rng_pci");
    expect(r.code).toBe(0); // the driver registers; only the probe failed
    expect(r.dmesg.slice(-2)).toEqual(["my_rng_pci 0000:00:04.0: BAR 0: can't reserve [mem 0xfebf1000-0xfebf1fff]", "my_rng_pci: probe of 0000:00:04.0 failed with error -16"]);
    expect(g.run("ls /dev").stdout).not.toContain("my_rng0");
    const h = lab("module");
    h.run("modprobe my_rng_pci");
    const s = h.run("insmod my_rng.ko base=0xfebf1000");
    expect(s).toMatchObject({ code: 1, stderr: "insmod: ERROR: could not insert module my_rng.ko: Device or resource busy\n" });
    expect(s.dmesg.at(-1)).toBe("my_rng: registers at 0xfebf1000 are already claimed by another driver");
  });
});

describe("bind, unbind, rmmod with open files", () => {
  it("sysfs unbind removes the node and frees the region; bind brings them back", () => {
    const g = lab("pci");
    g.run("modprobe my_rng_pci");
    expect(g.run("echo 0000:00:04.0 > /sys/bus/pci/drivers/my_rng_pci/unbind; ls /dev; grep -c my_rng /proc/iomem").stdout).toBe("hwrng\nmem\nnull\nzero\n0\n");
    expect(g.run("echo 0000:00:04.0 > /sys/bus/pci/drivers/my_rng_pci/bind; ls /dev/my_rng0").stdout).toBe("/dev/my_rng0\n");
    expect(g.run("echo 0000:00:09.0 > /sys/bus/pci/drivers/my_rng_pci/bind").code).not.toBe(0);
  });
  it("rmmod my_rng_pci is refused while a node is open, then removes everything", () => {
    const g = lab("pci");
    g.run("modprobe my_rng_pci");
    expect(g.run("exec 3</dev/my_rng0; rmmod my_rng_pci")).toMatchObject({ code: 1, stderr: "rmmod: ERROR: Module my_rng_pci is in use\n" });
    expect(g.run("exec 3<&-; rmmod my_rng_pci; ls /dev; ls /sys/bus/pci/drivers; cat /sys/bus/pci/devices/0000:00:04.0/enable").stdout).toBe("hwrng\nmem\nnull\nzero\n0\n");
  });
});
