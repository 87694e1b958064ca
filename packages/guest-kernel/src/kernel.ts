import { Cat, type CostProfile, type CpuView } from "@rng/hw-qemu";
import { EACCES, EBUSY, EINVAL, EISDIR, ENOENT, ENOTTY, ENXIO, strerror } from "./errno.js";
import { KernelLog } from "./printk.js";
import { Process, type Executable } from "./process.js";
import { O_ACCMODE, O_APPEND, O_CREAT, O_RDONLY, O_TRUNC, type File, type FileOperations } from "./vfs/file.js";
import { dir, gen, reg, type CharDevRegistration, type Inode } from "./vfs/inode.js";
import { Vfs } from "./vfs/vfs.js";
import { buildIomem, buildIoports, insertClaims, placeClaim, renderResources, type Claim, type Resource } from "./resources.js";
import { installPciSysfs } from "./sysfs.js";
import { LoadedModule } from "./module.js";
import { ModuleLoader, moduleFileBytes } from "./module-loader.js";
import { PciCore, type PciDriver } from "./pci-driver.js";
import { Acpiphp } from "./acpiphp.js";
import { IrqCore, type IrqHandler } from "./irq.js";
import { HwrngCore, type Hwrng } from "./hwrng.js";
import { Mutex, WouldBlock, runPreempting } from "./sched.js";
import type { ModuleImage } from "./module.js";
import { enumeratePciBus, type PciDev, type QuirkClaim } from "./pci-core.js";

const enc = new TextEncoder();

/** An I/O memory mapping from ioremap/pci_iomap: the physical base the CPU accesses. */
export interface IoMem {
  readonly phys: number;
  readonly size: number;
}

/** A built-in driver's init function (module_init in built-in code), run at boot in registration order. */
export type Initcall = (k: Kernel) => number;

export interface KernelOptions {
  release?: string;
  cmdline?: string;
  /** Called after initcalls, before init runs (where the lab's kernel_init self-test sits). */
  lateInit?: ((k: Kernel) => void)[];
}

/**
 * A small Linux: the parts the lab observes. It reaches the machine only through the CPU view; drivers and
 * programs reach it only through the API below (named as in Linux, camelCase).
 */
export class Kernel {
  readonly log: KernelLog;
  readonly vfs = new Vfs();
  readonly release: string;
  readonly cmdline: string;
  readonly executables = new Map<string, Executable>();
  readonly chrdevs = new Map<number, CharDevRegistration>();
  pciDevs: PciDev[] = [];
  /** I/O ranges PCI quirks claimed at boot (for /proc/ioports). */
  readonly ioQuirks: QuirkClaim[] = [];
  private readonly initcalls: { name: string; fn: Initcall }[] = [];
  private nextPid = 1;
  private mmioInCall = 0;
  readonly modules: ModuleLoader = new ModuleLoader(this);
  readonly pci: PciCore = new PciCore(this);
  readonly irqs: IrqCore;
  readonly hwrng: HwrngCore = new HwrngCore(this);
  /** Kernel memory for DMA buffers: a bump allocator in guest RAM above the kernel image. */
  private dmaNext = 0x3000000;
  /** The module whose code is running (init, exit, a driver callback), for ownership tracking. */
  private currentModule: LoadedModule | undefined;
  /** The process whose syscall is running (Linux's `current`). */
  current: Process | undefined;
  /** Trace hook (rnglab run --trace): one line per crossing with its virtual time and cost. */
  trace: ((line: string) => void) | undefined;
  /** Lines of crossings inside the running syscall, printed after its own line (strace prints at exit). */
  private nestedTrace: string[] = [];
  private inSyscall = false;

  /** Emits a crossing made inside a syscall (MMIO, port I/O) after that syscall's line. */
  traceNested(line: string): void {
    if (!this.trace) return;
    if (this.inSyscall) this.nestedTrace.push(line);
    else this.trace(line);
  }

  /** Called by the syscall layer once it printed its own line. */
  flushNestedTrace(): void {
    if (!this.trace) return;
    for (const l of this.nestedTrace) this.trace(l);
    this.nestedTrace.length = 0;
  }

  constructor(
    readonly cpu: CpuView,
    public costs: CostProfile,
    readonly opts: KernelOptions = {},
  ) {
    this.log = new KernelLog(cpu.clock);
    this.irqs = new IrqCore(this);
    this.release = opts.release ?? "6.1.0-rnglab";
    this.cmdline = opts.cmdline ?? "console=ttyS0";
    this.buildFs();
  }

  printk(msg: string): void {
    this.log.printk(msg);
  }

  strerror(errno: number): string {
    return strerror(errno);
  }

  // --- boot ---

  registerInitcall(name: string, fn: Initcall): void {
    this.initcalls.push({ name, fn });
  }

  /**
   * Puts a module file where a user has it after `make` and `make modules_install`: in
   * /lib/modules/RELEASE/extra/ (with depmod's modules.dep and modules.alias updated) and in `cwd`.
   */
  installModuleFile(image: ModuleImage, cwd = "/"): void {
    this.modules.registerImage(image);
    const bytes = moduleFileBytes(image, this.release);
    const dir = `/lib/modules/${this.release}`;
    this.vfs.install(`${dir}/extra/${image.name}.ko`, reg(bytes));
    this.vfs.install(`${cwd === "/" ? "" : cwd}/${image.name}.ko`, reg(bytes));
    const append = (path: string, text: string) => {
      const node = this.vfs.lookup(path);
      const old = typeof node !== "number" && node.kind === "reg" ? new TextDecoder().decode(node.data) : "";
      if (typeof node === "number") this.vfs.install(path, reg(old + text));
      else if (node.kind === "reg") node.data = new TextEncoder().encode(old + text);
    };
    append(`${dir}/modules.dep`, `extra/${image.name}.ko:${image.depends.map((d) => ` extra/${d}.ko`).join("")}\n`);
    for (const a of image.aliases) append(`${dir}/modules.alias`, `alias ${a} ${image.name}\n`);
    if (image.aliases.length === 0) append(`${dir}/modules.alias`, "");
  }

  installExecutable(exe: Executable): void {
    this.executables.set(exe.name, exe);
    this.vfs.install(`/bin/${exe.name}`, reg(`#!${exe.name}\n`, 0o755));
  }

  boot(): void {
    this.printk(`Linux version ${this.release} (rnglab) #1 SMP PREEMPT_DYNAMIC`);
    this.printk(`Command line: ${this.cmdline}`);
    this.printk("BIOS-provided physical RAM map:");
    for (const e of this.cpu.firmware.e820) {
      this.printk(`BIOS-e820: [mem 0x${hex(e.start, 16)}-0x${hex(e.end - 1, 16)}] ${e.type === "RAM" ? "usable" : "reserved"}`);
    }
    this.printk("PCI: Using configuration type 1 for base access");
    this.printk("PCI host bridge to bus 0000:00");
    this.pciDevs = enumeratePciBus(this, this.ioQuirks);
    installPciSysfs(this);
    this.printk("acpiphp: ACPI Hot Plug PCI Controller Driver version: 0.5");
    new Acpiphp(this).install();
    for (const s of this.cpu.firmware.hotplugSlots) this.printk(`acpiphp: Slot [${s}] registered`);
    for (const ic of this.initcalls) {
      const ret = ic.fn(this);
      if (ret < 0) this.printk(`initcall ${ic.name} returned ${ret}`);
    }
    for (const f of this.opts.lateInit ?? []) f(this);
    this.printk("Run /sbin/init as init process");
  }

  private buildFs(): void {
    const v = this.vfs;
    v.install("/dev/null", { kind: "chr", mode: 0o666, major: 1, minor: 3 });
    v.install("/dev/zero", { kind: "chr", mode: 0o666, major: 1, minor: 5 });
    v.install("/dev/mem", { kind: "chr", mode: 0o640, major: 1, minor: 1 });
    v.install("/tmp", dir());
    v.install("/proc/devices", gen(() => this.procDevices()));
    v.install("/proc/cmdline", gen(() => this.cmdline + "\n"));
    v.install("/proc/version", gen(() => `Linux version ${this.release} (rnglab) #1 SMP PREEMPT_DYNAMIC\n`));
    v.install("/proc/iomem", gen(() => renderResources(this.iomemTree(), 8)));
    v.install("/proc/modules", gen(() => this.modules.procModules()));
    v.install("/proc/interrupts", gen(() => this.irqs.procInterrupts()));
    v.install("/proc/sys/kernel/tainted", gen(() => `${this.modules.tainted}\n`, 0o644));
    v.install("/proc/sys/kernel/osrelease", gen(() => `${this.release}\n`));
    v.install("/sys/module", dir());
    v.install("/proc/ioports", gen(() => renderResources(this.ioportsTree(), 4)));
    // /dev/null and /dev/zero are "mem" major 1 (drivers/char/mem.c).
    this.chrdevs.set(1, { major: 1, name: "mem", fops: memFops(this) });
    this.hwrng.install();
  }

  /** /proc/devices: character majors as registered, ascending; no block devices in this small kernel. */
  private procDevices(): string {
    const lines = [...this.chrdevs.values()].sort((a, b) => a.major - b.major).map((c) => `${String(c.major).padStart(3)} ${c.name}`);
    return `Character devices:\n${lines.join("\n")}\n\nBlock devices:\n`;
  }

  // --- modules ---

  /** Runs module code with `m` as the owner of what it registers. */
  withModule<T>(m: LoadedModule | undefined, fn: () => T): T {
    const prev = this.currentModule;
    this.currentModule = m;
    try {
      return fn();
    } finally {
      this.currentModule = prev;
    }
  }

  /** Runs a driver callback as its module (the fops owner), so what it registers is tracked. */
  withOwner<T>(fops: FileOperations, fn: () => T): T {
    const owner = fops.owner;
    return owner instanceof LoadedModule ? this.withModule(owner, fn) : fn();
  }

  /** Runs a callback as the module owning it, when the callback was registered by one. */
  withOwnerOf<T>(fn: object, run: () => T): T {
    const owner = this.callbackOwners.get(fn);
    return owner ? this.withModule(owner, run) : run();
  }
  private readonly callbackOwners = new WeakMap<object, LoadedModule>();

  /** Records how to undo a registration made by the running module, if any (no-op when already undone). */
  private track(undo: () => void): void {
    this.currentModule?.owned.push(undo);
  }

  // --- the PCI driver API, as Linux names it ---

  pciRegisterDriver(drv: PciDriver): number {
    const r = this.pci.register(drv);
    if (r === 0) this.track(() => this.pci.unregister(drv));
    return r;
  }

  pciUnregisterDriver(drv: PciDriver): void {
    this.pci.unregister(drv);
  }

  // --- locking and preemption (deterministic) ---

  /** Called at preemption points inside syscalls (tests set it to interleave another task). */
  preemptHook: (() => void) | undefined;

  /** A point where the running task may be preempted (cond_resched, an interrupt returning to a preemptible kernel). */
  preemptionPoint(): void {
    const h = this.preemptHook;
    if (h) {
      this.preemptHook = undefined; // one preemption per arming
      h();
    }
  }

  /** mutex_lock: taken by the current task, or WouldBlock when another task holds it. */
  mutexLock(m: Mutex): void {
    if (m.owner !== undefined && m.owner !== this.current) throw new WouldBlock(m);
    m.owner = this.current;
  }

  /** mutex_unlock: the first parked task runs now (it was waiting in mutex_lock). */
  mutexUnlock(m: Mutex): void {
    m.owner = undefined;
    const next = m.waiters.shift();
    if (next) runPreempting(this, next);
  }

  /** The per-task kernel state a context switch saves (current, the MMIO-in-call counter). */
  saveContext(): { current: Process | undefined; mmio: number } {
    return { current: this.current, mmio: this.mmioInCall };
  }

  restoreContext(c: { current: Process | undefined; mmio: number }): void {
    this.current = c.current;
    this.mmioInCall = c.mmio;
  }

  // --- interrupts, sleeping, DMA memory ---

  /** request_irq: the handler runs when the line fires; free_irq on module unload if the driver forgot. */
  requestIrq(irq: number, handler: IrqHandler, name: string): number {
    const r = this.irqs.requestIrq(irq, handler, name);
    if (r === 0) {
      if (this.currentModule) this.callbackOwners.set(handler, this.currentModule);
      this.track(() => this.irqs.freeIrq(irq, handler));
    }
    return r;
  }

  freeIrq(irq: number, handler: IrqHandler): void {
    this.irqs.freeIrq(irq, handler);
  }

  /**
   * wait_event_interruptible: the current process sleeps until `cond` holds. With one CPU and no other
   * runnable process, sleeping means idling until the next device event (charged to that event's
   * category), which may raise the interrupt that makes `cond` true. Returns 0, or -EIO if nothing can
   * ever wake it.
   */
  waitEvent(cond: () => boolean): number {
    this.cpu.runDueEvents();
    if (cond()) return 0;
    while (!cond()) {
      // The sleeper gives the CPU away: what the session has waiting (a command, the monitor) runs now,
      // and may itself be what wakes the sleeper (a device removed under it).
      this.schedule();
      if (cond()) break;
      if (!this.cpu.waitForEvent()) return -5;
    }
    // woken: the scheduler switches back to the sleeper
    this.cpu.clock.charge(Cat.sched, this.costs.ns.schedWakeNs);
    return 0;
  }

  /** dma_set_mask_and_coherent: the addresses a function can reach; -EIO if RAM is not reachable at all. */
  dmaSetMask(dev: PciDev, bits: number): number {
    if (bits < 24 || bits > 64) return -5;
    this.dmaMasks.set(dev, bits);
    return 0;
  }
  private readonly dmaMasks = new Map<PciDev, number>();

  /** dma_alloc_coherent: physically contiguous guest RAM below the device's DMA mask; its bus address. */
  dmaAllocCoherent(size: number, dev?: PciDev): { dmaAddr: number; size: number } | undefined {
    const start = Math.ceil(this.dmaNext / 4096) * 4096;
    const below4g = this.cpu.ramRanges[0];
    const mask = dev ? (this.dmaMasks.get(dev) ?? 32) : 32;
    if (start + size > 2 ** mask) return undefined;
    if (start + size > below4g.start + below4g.size - 0x100000) return undefined;
    this.dmaNext = start + size;
    return { dmaAddr: start, size };
  }

  /** copy_to_user straight from guest RAM (a DMA buffer) into the user's pages: one copy, charged as such. */
  copyToUserFromRam(userPtr: number, phys: number, len: number): number {
    const p = this.current;
    const ns = this.costs.ns;
    this.cpu.clock.charge(Cat.copy, ns.copyFixedNs + len * ns.copyNsPerByte);
    const dst = p?.mem.range(userPtr, len);
    if (!dst) return len;
    this.cpu.ram.readBytes(phys, dst);
    return 0;
  }

  /** readq(base + off): one 8-byte MMIO load (Linux's readq on x86-64). */
  readq(io: IoMem, off: number): bigint {
    const ns = this.costs.ns;
    const t0 = this.cpu.clock.nowNs;
    this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
    const v = this.cpu.load64(io.phys + off);
    if (this.trace) this.traceNested(`${stamp(t0)}   mmio read64 0x${hex(io.phys + off, 8)} = 0x${v.toString(16).padStart(16, "0")} <${fmtNs(this.cpu.clock.nowNs - t0)}>`);
    return v;
  }

  writeq(value: bigint, io: IoMem, off: number): void {
    const ns = this.costs.ns;
    this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
    this.cpu.store64(io.phys + off, value);
  }

  /** hwrng_register / hwrng_unregister */
  hwrngRegister(rng: Hwrng): number {
    const r = this.hwrng.register(rng);
    if (r === 0) this.track(() => this.hwrng.unregister(rng));
    return r;
  }

  hwrngUnregister(rng: Hwrng): void {
    this.hwrng.unregister(rng);
  }

  // --- devtmpfs: device nodes drivers create (device_create / device_destroy) ---

  /** device_create: devtmpfs makes /dev/NAME for the char device MAJOR:MINOR, as udev would. */
  deviceCreate(major: number, minor: number, name: string): number {
    const r = this.vfs.install(`/dev/${name}`, { kind: "chr", mode: 0o600, major, minor }, false);
    if (r === 0) this.track(() => this.deviceDestroy(major, minor, name));
    return r;
  }

  deviceDestroy(major: number, minor: number, name: string): void {
    const node = this.vfs.lookup(`/dev/${name}`, true);
    if (typeof node !== "number" && node.kind === "chr" && node.major === major && node.minor === minor) this.vfs.remove(`/dev/${name}`);
  }

  // --- character devices ---

  /** register_chrdev: a fixed major, or 0 for a dynamic one from 254 down (CHRDEV_MAJOR_DYN_END 234). */
  registerChrdev(major: number, name: string, fops: FileOperations): number {
    if (major < 0 || major > 511) return -EINVAL;
    if (major === 0) {
      for (let m = 254; m >= 234; m--) {
        if (!this.chrdevs.has(m)) {
          this.chrdevs.set(m, { major: m, name, fops });
          this.track(() => this.chrdevs.get(m)?.fops === fops && this.chrdevs.delete(m));
          return m;
        }
      }
      return -EBUSY;
    }
    if (this.chrdevs.has(major)) return -EBUSY;
    this.chrdevs.set(major, { major, name, fops });
    this.track(() => this.chrdevs.get(major)?.fops === fops && this.chrdevs.delete(major));
    return 0;
  }

  unregisterChrdev(major: number): void {
    this.chrdevs.delete(major);
  }

  /** iminor(file_inode(file)): the minor of the node a file was opened through. */
  iminor(file: File): number {
    return file.inode.kind === "chr" ? file.inode.minor : 0;
  }

  // --- user memory, as drivers see it ---

  /** copy_to_user: returns the number of bytes NOT copied (all of them on a fault), as Linux does. */
  copyToUser(userPtr: number, data: Uint8Array): number {
    const p = this.current;
    if (!p) return data.length;
    const ns = this.costs.ns;
    this.cpu.clock.charge(Cat.copy, ns.copyFixedNs + data.length * ns.copyNsPerByte);
    return p.mem.write(userPtr, data) < 0 ? data.length : 0;
  }

  copyFromUser(dst: Uint8Array, userPtr: number): number {
    const p = this.current;
    if (!p) return dst.length;
    const ns = this.costs.ns;
    this.cpu.clock.charge(Cat.copy, ns.copyFixedNs + dst.length * ns.copyNsPerByte);
    const r = p.mem.read(userPtr, dst.length);
    if (typeof r === "number") return dst.length;
    dst.set(r);
    return 0;
  }

  /** Charge the driver's own work. */
  driverWork(ns: number): void {
    this.cpu.clock.charge(Cat.driver, ns);
  }

  // --- resource claims (kernel/resource.c) ---

  private readonly memClaims: Claim[] = [];
  private readonly ioClaims: Claim[] = [];

  iomemTree(): Resource {
    const root = buildIomem(this.cpu.firmware, this.pciDevs);
    insertClaims(root, this.memClaims);
    return root;
  }

  ioportsTree(): Resource {
    const root = buildIoports(this.cpu.firmware, this.pciDevs, this.ioQuirks);
    insertClaims(root, this.ioClaims);
    return root;
  }

  /** request_mem_region: 0, or -EBUSY when the range conflicts with a claimed or straddled resource. */
  requestMemRegion(start: number, n: number, name: string): number {
    return this.claim(this.memClaims, () => this.iomemTree(), { start, end: start + n - 1, name });
  }

  releaseMemRegion(start: number, n: number): void {
    const i = this.memClaims.findIndex((c) => c.start === start && c.end === start + n - 1);
    if (i >= 0) this.memClaims.splice(i, 1);
  }

  /** request_region (I/O ports). */
  requestRegion(start: number, n: number, name: string): number {
    return this.claim(this.ioClaims, () => this.ioportsTree(), { start, end: start + n - 1, name });
  }

  releaseRegion(start: number, n: number): void {
    const i = this.ioClaims.findIndex((c) => c.start === start && c.end === start + n - 1);
    if (i >= 0) this.ioClaims.splice(i, 1);
  }

  private claim(list: Claim[], build: () => Resource, c: Claim): number {
    if (!(c.end >= c.start)) return -EINVAL;
    // The tree without claims, then the existing claims marked busy, then the new one.
    const base = list === this.memClaims ? buildIomem(this.cpu.firmware, this.pciDevs) : buildIoports(this.cpu.firmware, this.pciDevs, this.ioQuirks);
    void build;
    const busy = insertClaims(base, list);
    if (!placeClaim(base, c, busy)) return -EBUSY;
    list.push(c);
    this.track(() => {
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
    });
    return 0;
  }

  // --- I/O memory ---

  /** ioremap: maps a physical range for MMIO. It does not check what lives there, as Linux does not. */
  ioremap(phys: number, size: number): IoMem | undefined {
    if (!Number.isSafeInteger(phys) || size <= 0) return undefined;
    return { phys, size };
  }

  iounmap(_io: IoMem): void {}

  /** ioread32(base + off): one 32-bit MMIO load, charging the accelerator's exit cost. */
  ioread32(io: IoMem, off: number): number {
    const ns = this.costs.ns;
    const t0 = this.cpu.clock.nowNs;
    this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
    const v = this.cpu.load32(io.phys + off);
    if (this.trace) this.traceNested(`${stamp(t0)}   mmio read32 0x${hex(io.phys + off, 8)} = 0x${hex(v, 8)} <${fmtNs(this.cpu.clock.nowNs - t0)}>`);
    return v;
  }

  iowrite32(value: number, io: IoMem, off: number): void {
    const ns = this.costs.ns;
    const t0 = this.cpu.clock.nowNs;
    this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
    this.cpu.store32(io.phys + off, value >>> 0);
    if (this.trace) this.traceNested(`${stamp(t0)}   mmio write32 0x${hex(io.phys + off, 8)} <- 0x${hex(value >>> 0, 8)} <${fmtNs(this.cpu.clock.nowNs - t0)}>`);
  }

  /**
   * Physical memory as /dev/mem reaches it: one access of the natural size when the range is 1, 2, 4 or 8
   * aligned bytes (so a devmem of a register is one MMIO access), byte accesses otherwise.
   */
  physRead(phys: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    const ns = this.costs.ns;
    if ((len === 1 || len === 2 || len === 4) && phys % len === 0) {
      this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
      const v = len === 4 ? this.cpu.load32(phys) : len === 2 ? this.cpu.load16(phys) : this.cpu.load8(phys);
      for (let i = 0; i < len; i++) out[i] = (v >>> (8 * i)) & 0xff;
      return out;
    }
    if (len === 8 && phys % 8 === 0) {
      this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
      let v = this.cpu.load64(phys);
      for (let i = 0; i < 8; i++) {
        out[i] = Number(v & 0xffn);
        v >>= 8n;
      }
      return out;
    }
    for (let i = 0; i < len; i++) {
      this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
      out[i] = this.cpu.load8(phys + i);
    }
    return out;
  }

  physWrite(phys: number, data: Uint8Array): void {
    const len = data.length;
    const ns = this.costs.ns;
    let v = 0;
    for (let i = Math.min(len, 4) - 1; i >= 0; i--) v = v * 256 + data[i];
    if ((len === 1 || len === 2 || len === 4) && phys % len === 0) {
      this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
      if (len === 4) this.cpu.store32(phys, v);
      else if (len === 2) this.cpu.store16(phys, v);
      else this.cpu.store8(phys, v);
      return;
    }
    if (len === 8 && phys % 8 === 0) {
      this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
      let x = 0n;
      for (let i = 7; i >= 0; i--) x = (x << 8n) | BigInt(data[i]);
      this.cpu.store64(phys, x);
      return;
    }
    for (let i = 0; i < len; i++) {
      this.cpu.clock.charge(Cat.mmio, this.mmioInCall++ === 0 ? ns.mmioFirstNs : ns.mmioNextNs);
      this.cpu.store8(phys + i, data[i]);
    }
  }

  // --- syscalls' shared plumbing ---

  /**
   * Where asynchronous signals come from (the terminal's Ctrl-C): polled at syscall entry, as Linux
   * delivers a pending signal on the way back to user space. Processes marked `interactive` (the login
   * shell) ignore SIGINT, as ash does.
   */
  signalSource: ((p: Process) => number) | undefined;
  /**
   * Called at every syscall entry, where Linux could schedule another task: the interactive session runs
   * a command typed while a background job computes here (the job resumes when it is done).
   */
  scheduleHook: (() => void) | undefined;
  private preempting = false;

  /** Lets the schedule hook run (once, never inside itself); the task it interrupted gets its context back. */
  private schedule(): void {
    if (this.scheduleHook === undefined || this.preempting) return;
    this.preempting = true;
    const saved = this.saveContext();
    const inSyscall = this.inSyscall;
    try {
      this.scheduleHook();
    } finally {
      this.restoreContext(saved);
      this.inSyscall = inSyscall;
      this.preempting = false;
    }
  }

  syscallEnter(p: Process): void {
    // Tested here rather than only in schedule(): the benchmarks' hot path pays a field test, not a call.
    if (this.scheduleHook !== undefined) this.schedule();
    if (this.signalSource !== undefined && !p.interactive) {
      const sig = this.signalSource(p);
      if (sig) throw new KilledBySignal(sig);
    }
    this.inSyscall = true;
    this.current = p;
    this.mmioInCall = 0;
    this.cpu.clock.charge(Cat.syscall, this.costs.ns.syscallNs);
  }

  syscallExit(): void {
    this.inSyscall = false;
  }

  openFile(path: string, flags: number, mode: number): File | number {
    let inode = this.vfs.lookup(path);
    if (typeof inode === "number") {
      if (inode !== -ENOENT || !(flags & O_CREAT)) return inode;
      const node = reg(new Uint8Array(), mode);
      const r = this.vfs.install(path, node, false);
      if (r < 0) return r;
      inode = node;
    }
    if (inode.kind === "dir" && (flags & O_ACCMODE) !== O_RDONLY) return -EISDIR;
    // kernfs/proc: an attribute with no store method cannot be opened for writing.
    if (inode.kind === "gen" && (flags & O_ACCMODE) !== O_RDONLY && !inode.store && !inode.storeAt) return -EACCES;
    const file: File = { inode, path, flags, pos: 0, refs: 1 };
    if (inode.kind === "reg" && flags & O_TRUNC) inode.data = new Uint8Array();
    if (inode.kind === "gen") {
      const s = inode.show();
      file.snapshot = typeof s === "string" ? enc.encode(s) : s;
    }
    if (inode.kind === "chr") {
      // chrdev_open: no driver for the major is ENXIO.
      const cd = this.chrdevs.get(inode.major);
      if (!cd) return -ENXIO;
      // chrdev_open takes two references on the owner: cdev_get (kobj_lookup) and fops_get.
      const owner = cd.fops.owner;
      if (owner && !owner.get()) return -ENXIO;
      if (owner && !owner.get()) {
        owner.put();
        return -ENXIO;
      }
      file.fops = cd.fops;
      const r = cd.fops.open ? this.withOwner(cd.fops, () => (cd.fops.open as NonNullable<FileOperations["open"]>)(inode, file)) : 0;
      if (r < 0) {
        owner?.put();
        owner?.put();
        return r;
      }
    }
    return file;
  }

  releaseFile(f: File): void {
    if (--f.refs > 0) return;
    if (f.pipe) {
      if (f.pipeEnd === "w") f.pipe.writers--;
      else f.pipe.readers--;
    }
    if (f.fops) {
      const fops = f.fops;
      if (fops.release) this.withOwner(fops, () => fops.release?.(f.inode, f));
      fops.owner?.put();
      fops.owner?.put();
    }
  }

  fileRead(p: Process, f: File, buf: number, count: number): number {
    if (f.pipe) {
      const chunks = f.pipe.chunks;
      const out: number[] = [];
      while (chunks.length && out.length < count) {
        const c = chunks[0];
        const take = Math.min(c.length, count - out.length);
        for (let i = 0; i < take; i++) out.push(c[i]);
        if (take === c.length) chunks.shift();
        else chunks[0] = c.subarray(take);
      }
      return this.copyToUser(buf, Uint8Array.from(out)) ? -14 : out.length;
    }
    const node = f.inode;
    if (node.kind === "dir") return -EISDIR;
    if (node.kind === "chr") {
      this.cpu.clock.charge(Cat.dispatch, this.costs.ns.ioctlDispatchNs + this.costs.ns.readExtraNs);
      if (!f.fops?.read) return -EINVAL;
      return f.fops.read(f, buf, count);
    }
    const data = node.kind === "reg" ? node.data : node.kind === "gen" ? (f.snapshot as Uint8Array) : new Uint8Array();
    const chunk = data.subarray(f.pos, f.pos + count);
    if (this.copyToUser(buf, chunk)) return -14;
    f.pos += chunk.length;
    return chunk.length;
  }

  fileWrite(p: Process, f: File, buf: number, count: number): number {
    const data = new Uint8Array(count);
    if (this.copyFromUser(data, buf)) return -14;
    if (f.pipe) {
      f.pipe.chunks.push(data);
      return count;
    }
    const node = f.inode;
    if (node.kind === "chr") {
      if (f.fops?.write) return f.fops.write(f, buf, count);
      return -EINVAL;
    }
    if (node.kind === "gen") {
      if (node.storeAt) {
        const n = node.storeAt(f.pos, data);
        if (n > 0) f.pos += n;
        return n;
      }
      return node.store ? node.store(data) : -EINVAL;
    }
    if (node.kind === "reg") {
      const at = f.flags & O_APPEND ? node.data.length : f.pos;
      const grown = new Uint8Array(Math.max(node.data.length, at + count));
      grown.set(node.data);
      grown.set(data, at);
      node.data = grown;
      f.pos = at + count;
      return count;
    }
    return -EINVAL;
  }

  /** vfs_ioctl: the driver's unlocked_ioctl, or ENOTTY where there is none. */
  fileIoctl(f: File, cmd: number, arg: number): number {
    this.cpu.clock.charge(Cat.dispatch, this.costs.ns.ioctlDispatchNs);
    if (!f.fops?.unlockedIoctl) return -ENOTTY;
    return f.fops.unlockedIoctl(f, cmd, arg);
  }

  // --- processes ---

  /** A process with the given fds for stdin/stdout/stderr (the console of `rnglab run`). */
  createProcess(parent: Process | undefined, stdio?: (File | undefined)[]): Process {
    const p = new Process(this, this.nextPid++, parent);
    if (stdio) stdio.forEach((f, i) => (p.fds[i] = f));
    return p;
  }

  /** fork + exec + wait: the child shares the parent's open files. */
  spawn(parent: Process, argv: string[], env: ReadonlyMap<string, string>): number {
    const name = argv[0] ?? "";
    const base = name.startsWith("/bin/") ? name.slice(5) : name.startsWith("./") ? name.slice(2) : name;
    const exe = name.includes("/") && !name.startsWith("/bin/") && !name.startsWith("./") ? undefined : this.executables.get(base);
    if (!exe) return -ENOENT;
    const child = this.createProcess(parent);
    child.comm = exe.name;
    child.env = new Map(env);
    if (this.trace) this.trace(`${stamp(this.cpu.clock.nowNs)} ${parent.comm}[${parent.pid}] execve("${name}", [${argv.map((a) => JSON.stringify(a)).join(", ")}]) = 0 (pid ${child.pid})`);
    parent.fds.forEach((f, fd) => {
      if (f && !parent.cloexec.has(fd)) {
        f.refs++;
        child.fds[fd] = f;
      }
    });
    let status: number;
    try {
      status = exe.main(child, argv) & 0xff;
    } catch (e) {
      // A program that faults dies of SIGSEGV, as the shell would report (status 139); one killed by a
      // signal ends with 128 + its number (130 for SIGINT).
      if (e instanceof KilledBySignal) {
        this.inSyscall = false;
        status = 128 + e.signal;
      } else if (e instanceof RangeError) {
        child.eprintf("Segmentation fault\n");
        status = 139;
      } else throw e;
    }
    child.fds.forEach((f, fd) => {
      if (f) {
        child.fds[fd] = undefined;
        this.releaseFile(f);
      }
    });
    this.current = parent;
    return status;
  }
}

/** /dev/mem, /dev/null and /dev/zero (drivers/char/mem.c), by minor. */
function memFops(k: Kernel): FileOperations {
  return {
    read: (f, buf, count) => {
      const node = f.inode;
      if (node.kind !== "chr") return -EINVAL;
      if (node.minor === 5) return k.copyToUser(buf, new Uint8Array(count)) ? -14 : count;
      if (node.minor === 1) {
        const data = k.physRead(f.pos, count);
        if (k.copyToUser(buf, data)) return -14;
        f.pos += count;
        return count;
      }
      return 0;
    },
    write: (f, buf, count) => {
      const node = f.inode;
      if (node.kind === "chr" && node.minor === 1) {
        const data = new Uint8Array(count);
        if (k.copyFromUser(data, buf)) return -14;
        k.physWrite(f.pos, data);
        f.pos += count;
      }
      return count;
    },
  };
}

export function hex(n: number, w: number): string {
  return n.toString(16).padStart(w, "0");
}

export function fmtNs(ns: number): string {
  return `${ns.toFixed(1)} ns`;
}

function stamp(ns: number): string {
  const sec = Math.floor(ns / 1e9);
  const usec = Math.floor((ns % 1e9) / 1e3);
  return `[${String(sec).padStart(5)}.${String(usec).padStart(6, "0")}]`;
}

export type { Inode };

/** A process ended by a signal it did not handle. */
export class KilledBySignal extends Error {
  constructor(readonly signal: number) {
    super(`killed by signal ${signal}`);
  }
}

export const SIGINT = 2;
export const SIGTERM = 15;
