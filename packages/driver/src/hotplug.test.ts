import { describe, expect, it } from "vitest";
import { lab, numbers, SRAND0 } from "./test-lab.js";

// PCI hotplug as QEMU 7.2's pc machine (ACPI pcihp: PCI_UP/PCI_DOWN at 0xae00, SCI on IRQ 9, _EJ0 writes
// PCI_EJ) and Linux 6.1's acpiphp do it: the guest assigns the new BAR itself, bottom-up from the start of
// the root window [mem 0x08000000-0xfebfffff] that QEMU's _CRS gives a 128 MiB machine.
describe("device_add / device_del with my_rng_pci loaded", () => {
  const boot = () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng"]);
    expect(g.run("modprobe my_rng_pci").code).toBe(0);
    return g;
  };

  it("device_add: lowest free slot (05.0), Linux's scan and assignment lines, probe, /dev/my_rng1 reads the stream", () => {
    const g = boot();
    const before = g.k.log.length;
    expect(g.m.deviceAdd("my_rng,id=rng2")).toBe("");
    const dmesg = g.k.log.text().split("\n").slice(before, -1).map((l) => l.replace(/^\[[ \d.]+\] /, ""));
    expect(dmesg).toEqual([
      "pci 0000:00:05.0: [1234:cafe] type 00 class 0x00ff00",
      "pci 0000:00:05.0: BAR 0 [mem 0x00000000-0x00000fff]",
      "pci 0000:00:05.0: BAR 0 [mem 0x08000000-0x08000fff]: assigned",
      "my_rng_pci 0000:00:05.0: enabling device (0000 -> 0002)",
      "my_rng_pci 0000:00:05.0: my_rng at 0x8000000, /dev/my_rng1 (major 254, minor 1)",
    ]);
    expect(g.run("ls /dev").stdout).toBe("hwrng\nmem\nmy_rng0\nmy_rng1\nnull\nzero\n");
    expect(numbers(g.run("rng-lab /dev/my_rng1").stdout).slice(0, 5)).toEqual(SRAND0);
    expect(g.run("cat /proc/iomem").stdout).toContain("08000000-febfffff : PCI Bus 0000:00\n  08000000-08000fff : 0000:00:05.0\n    08000000-08000fff : my_rng\n");
    expect(g.run("lspci -v -s 05.0").stdout).toContain("\tMemory at 08000000 (32-bit, non-prefetchable) [size=4K]\n\tKernel driver in use: my_rng_pci\n");
    // QEMU's view: the BAR the guest programmed.
    expect(g.m.infoPci()).toContain('BAR0: 32 bit memory at 0x08000000 [0x08000fff].\n      id "rng2"');
  });

  it("device_del: remove() runs, the node, region and slot go; the module's refcount is back; a re-add reuses 0x08000000", () => {
    const g = boot();
    const refcnt = g.run("cat /sys/module/my_rng_pci/refcnt").stdout;
    g.m.deviceAdd("my_rng,id=rng2");
    g.m.deviceAdd("my_rng,id=rng3");
    expect(g.run("grep 0000:00:06.0 /proc/iomem").stdout).toBe("  08001000-08001fff : 0000:00:06.0\n");
    expect(g.m.deviceDel("rng2")).toBe("");
    expect(g.run("ls /dev").stdout).toBe("hwrng\nmem\nmy_rng0\nmy_rng2\nnull\nzero\n");
    expect(g.run("grep -c 0000:00:05.0 /proc/iomem; ls /sys/bus/pci/devices").stdout).toBe("0\n0000:00:00.0\n0000:00:01.0\n0000:00:01.1\n0000:00:01.3\n0000:00:02.0\n0000:00:03.0\n0000:00:04.0\n0000:00:06.0\n");
    expect(g.m.infoPci()).not.toContain('id "rng2"');
    expect(g.run("cat /sys/module/my_rng_pci/refcnt").stdout).toBe(refcnt);
    expect(g.m.deviceDel("rng2")).toBe("Error: Device 'rng2' not found");
    expect(g.m.deviceAdd("my_rng,id=rng2")).toBe("");
    expect(g.run("lspci -v -s 05.0 | grep Memory").stdout).toBe("\tMemory at 08000000 (32-bit, non-prefetchable) [size=4K]\n");
    expect(g.run("rmmod my_rng_pci && ls /dev && grep -c my_rng /proc/iomem").stdout).toBe("hwrng\nmem\nnull\nzero\n0\n");
  });

  it("an fd open across the removal gets ENODEV from the driver and holds the module until closed", () => {
    const g = boot();
    g.m.deviceAdd("my_rng,id=rng2");
    expect(g.run("exec 3</dev/my_rng1").code).toBe(0);
    g.m.deviceDel("rng2");
    const p = g.sh;
    const buf = p.mem.alloc(4);
    // RAND ioctl on the stale fd (the lab's _IOR('q', 1, int)).
    expect(p.ioctl(3, 0x80047101, buf)).toBe(-19);
    expect(g.run("rmmod my_rng_pci").code).not.toBe(0);
    expect(g.run("exec 3<&-; rmmod my_rng_pci").code).toBe(0);
  });

  it("a hot-added function with an interrupt pin is routed as the DSDT's _PRT says: slot 5 pin A -> LNKA -> IRQ 10", () => {
    const g = boot();
    g.m.deviceAdd("e1000,id=n2");
    // SeaBIOS routes PIRQA-D to 10, 10, 11, 11; the slot-3 e1000 firmware saw has IRQ 11 ((3 + 0 - 1) & 3 = 2).
    expect(g.run("cat /sys/bus/pci/devices/0000:00:05.0/irq /sys/bus/pci/devices/0000:00:03.0/irq").stdout).toBe("10\n11\n");
    expect(g.run("lspci -v -s 05.0").stdout).toContain("IRQ 10");
    // QEMU sees the line the guest wrote; the BARs stay unmapped (no driver turned decoding on).
    expect(g.m.infoPci()).toContain('IRQ 10, pin A\n      BAR0: 32 bit memory at 0xffffffffffffffff [0x0001fffe].');
  });

  it("with no guest driver the function still appears (lspci, unbound) and its BAR is assigned", () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-nodefaults", "-device", "my_rng"]);
    g.m.deviceAdd("my_rng");
    // -nodefaults: my_rng at 02.0, the new one at 03.0.
    expect(g.run("lspci -n -s 03.0").stdout).toBe("00:03.0 00ff: 1234:cafe (rev 10)\n");
    expect(g.run("grep 0000:00:03.0 /proc/iomem").stdout).toBe("  08000000-08000fff : 0000:00:03.0\n");
  });

  it("a hot-added version 2 device: my_rng_fast probes it with MSI (hwirq = devfn << 11) and its DMA node reads the stream", () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng,version=2"]);
    expect(g.run("insmod my_rng_fast.ko").code).toBe(0);
    expect(g.m.deviceAdd("my_rng,version=2,id=f2")).toBe("");
    expect(g.run("read-numbers /dev/my_rng_dma1 2").stdout).toBe("1804289383\n846930886\n");
    // Linux 6.1 /proc/interrupts: 00:04.0 is 0x20 << 11 = 65536, 00:05.0 is 0x28 << 11 = 81920.
    const irqs = g.run("cat /proc/interrupts").stdout;
    expect(irqs).toContain(" 24:          0   PCI-MSI 65536-edge      my_rng_fast\n");
    expect(irqs).toMatch(/ 25: +\d+   PCI-MSI 81920-edge      my_rng_fast\n/);
  });

  it("device_del while a reader sleeps on its DMA: remove() wakes it with ENODEV; nothing is left behind", () => {
    const g = lab("pci", ["-M", "pc", "-m", "128", "-device", "my_rng,version=2,id=f1"]);
    expect(g.run("insmod my_rng_fast.ko").code).toBe(0);
    const refcnt = g.run("cat /sys/module/my_rng_fast/refcnt").stdout;
    const p = g.sh;
    const fd = p.open("/dev/my_rng_dma0", 0);
    expect(fd).toBeGreaterThanOrEqual(0);
    // The schedule hook runs at the read's syscall entry (1), then where the reader sleeps (2): the
    // monitor's device_del runs there, as it would while the reader is blocked.
    let calls = 0;
    let answer = "unset";
    g.k.scheduleHook = () => {
      if (++calls === 2) answer = g.m.deviceDel("f1");
    };
    expect(p.read(fd, 4096)).toBe(-19);
    g.k.scheduleHook = undefined;
    expect(answer).toBe("");
    expect(g.m.infoPci()).not.toContain('id "f1"');
    // The stale fd answers ENODEV, holds the module until closed, then everything goes.
    expect(p.read(fd, 4)).toBe(-19);
    expect(g.run("rmmod my_rng_fast").code).not.toBe(0);
    p.close(fd);
    expect(g.run("cat /sys/module/my_rng_fast/refcnt").stdout).toBe(refcnt);
    expect(g.run("rmmod my_rng_fast && ls /dev && grep -c my_rng /proc/iomem; grep -c my_rng_fast /proc/interrupts").stdout).toBe("hwrng\nmem\nnull\nzero\n0\n0\n");
    // The DMA the device had started never lands: its completion was cancelled with the device.
    g.m.events.runNext();
    expect(g.m.guestErrors.filter((e) => e.includes("DMA"))).toEqual([]);
  });
});
