import { O_RDWR, type Executable, type Process } from "@rng/guest-kernel";
import { MY_RNG_DEVICE_PATH, MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_SEED } from "./uapi.js";

/**
 * The lab's user program: opens the node (O_RDWR), then twice seeds with 0 and prints five numbers,
 * `Round %d number %d: %u`; perror on failures, as the C program does. An optional argument names
 * another node.
 */
export const rngLab: Executable = {
  name: "rng-lab",
  main(p: Process, argv: string[]): number {
    const node = argv[1] ?? MY_RNG_DEVICE_PATH;
    const fd = p.libc(p.open(node, O_RDWR));
    if (fd < 0) {
      p.perror("Failed to open the device file");
      return 255; // return -1 from main
    }
    const seed = p.mem.alloc(4);
    const num = p.mem.alloc(4);
    for (let i = 0; i < 2; i++) {
      p.mem.storeU32(seed, 0);
      if (p.libc(p.ioctl(fd, MY_RNG_IOCTL_SEED, seed)) < 0) {
        p.perror("ioctl seed");
        return 255;
      }
      for (let j = 0; j < 5; j++) {
        if (p.libc(p.ioctl(fd, MY_RNG_IOCTL_RAND, num)) < 0) {
          p.perror("ioctl rand");
          return 255;
        }
        p.printf(`Round ${i} number ${j}: ${p.mem.loadU32(num)}\n`);
      }
    }
    p.close(fd);
    return 0;
  },
};
