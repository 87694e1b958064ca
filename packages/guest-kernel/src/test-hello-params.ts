// Test helper: the out-of-tree module `hello_params` the reference guest was probed with
// (test/fixtures/guest/CAPTURES.md), written against this kernel's API as its C source would be.
import type { Kernel } from "./kernel.js";
import type { ModuleImage } from "./module.js";

export const helloParams: ModuleImage = {
  name: "hello_params",
  license: "GPL",
  author: "steering ground-truth",
  description: "module_param / chrdev refcount probe",
  aliases: [],
  depends: [],
  outOfTree: true,
  size: 16384,
  params: [
    { name: "count", type: "int", perm: 0o444, description: "an int (0444); init fails with -ENODEV if < 0", initial: 1 },
    { name: "name", type: "charp", perm: 0o644, description: "a string (0644)", initial: "x" },
    { name: "base", type: "ulong", perm: 0o444, description: "an unsigned long (0444)", initial: 0n },
  ],
  init(k: Kernel, m) {
    const count = m.param<number>("count");
    k.printk(`hello_params: count=${count} name=${m.param<string>("name")} base=0x${m.param<bigint>("base").toString(16)}`);
    if (count < 0) return -19;
    const major = k.registerChrdev(0, "hello_params", {
      owner: m,
      open: () => {
        k.printk("hello_params: open");
        return 0;
      },
      release: () => {
        k.printk("hello_params: release");
        return 0;
      },
    });
    if (major < 0) return major;
    m.globals.set("major", major);
    k.printk(`hello_params: major=${major}`);
    return 0;
  },
  exit(k: Kernel, m) {
    k.unregisterChrdev(m.globals.get("major") as number);
    k.printk("hello_params: exit");
  },
};
