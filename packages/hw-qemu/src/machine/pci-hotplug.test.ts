import { describe, expect, it } from "vitest";
import { PcMachine } from "./pc-machine.js";

// QEMU 7.2 hw/acpi/pcihp.c + qdev-monitor.c, observed through the ports a guest's AML uses.
describe("ACPI PCI hotplug on pc (device_add / device_del)", () => {
  const machine = () => PcMachine.fromArgs(["-M", "pc", "-m", "128", "-device", "my_rng"]);

  it("device_add takes the lowest free slot, leaves the BAR unprogrammed, sets PCI_UP (cleared on read) and raises the SCI", () => {
    const m = machine();
    const vectors: number[] = [];
    m.cpuView().onInterrupt((v) => vectors.push(v));
    expect(m.deviceAdd("my_rng,id=r2")).toBe("");
    expect(vectors).toEqual([0x30 + 9]);
    const cpu = m.cpuView();
    expect(cpu.inl(0xae00)).toBe(1 << 5);
    expect(cpu.inl(0xae00)).toBe(0);
    expect(m.infoPci()).toContain('Bus  0, device   5, function 0:\n    Class 0255: PCI device 1234:cafe\n      PCI subsystem 1af4:1100\n      BAR0: 32 bit memory at 0xffffffffffffffff [0x00000ffe].\n      id "r2"');
    expect(m.deviceAdd("my_rng,addr=6")).toBe("");
    expect(m.infoPci()).toContain("device   6, function 0:");
  });

  it("QEMU's error texts: duplicate id, occupied slot, unknown model, bad property, unknown id", () => {
    const m = machine();
    expect(m.deviceAdd("my_rng,id=a")).toBe("");
    expect(m.deviceAdd("my_rng,id=a")).toBe("Error: Duplicate device ID 'a'");
    expect(m.deviceAdd("my_rng,addr=4")).toBe("Error: PCI: slot 4 function 0 not available for my_rng, in use by my_rng,id=(null)");
    expect(m.deviceAdd("nosuch")).toBe("Error: 'nosuch' is not a valid device model name");
    expect(m.deviceAdd("my_rng,bogus=1")).toBe("Error: Property 'my_rng.bogus' not found");
    expect(m.deviceDel("zz")).toBe("Error: Device 'zz' not found");
  });

  it("device_del only asks (PCI_DOWN, SCI); the device leaves when _EJ0 writes its slot to PCI_EJ; asking twice is refused", () => {
    const m = machine();
    m.deviceAdd("my_rng,id=r2");
    const cpu = m.cpuView();
    cpu.inl(0xae00);
    expect(m.deviceDel("r2")).toBe("");
    expect(cpu.inl(0xae04)).toBe(1 << 5);
    expect(m.infoPci()).toContain('id "r2"');
    expect(m.deviceDel("r2")).toBe("Error: Device r2 is already in the process of unplug");
    cpu.outl(0xae08, 1 << 5);
    expect(m.infoPci()).not.toContain('id "r2"');
    expect(cpu.inl(0xae04)).toBe(0);
    // The freed slot is taken again.
    m.deviceAdd("my_rng,id=r3");
    expect(m.infoPci()).toContain('device   5, function 0:\n    Class 0255: PCI device 1234:cafe\n      PCI subsystem 1af4:1100\n      BAR0: 32 bit memory at 0xffffffffffffffff [0x00000ffe].\n      id "r3"');
  });

  it("the eject removes the function's BAR mapping from the address space", () => {
    const m = PcMachine.fromArgs(["-M", "pc", "-m", "128", "-device", "my_rng,id=r1"]);
    const cpu = m.cpuView();
    expect(cpu.load32(0xfebf1000)).not.toBe(0); // glibc rand()'s first output
    m.deviceDel("r1");
    cpu.outl(0xae08, 1 << 4);
    expect(m.infoPci()).not.toContain("1234:cafe");
    expect(cpu.load32(0xfebf1000)).toBe(0); // unassigned memory reads 0 in QEMU 7.2 (unassigned_mem_read)
  });
});
