/*
 * An example user program, as a student would write it in C:
 *   int fd = open(argv[1], O_RDONLY); unsigned int buf[N];
 *   ssize_t got = read(fd, buf, sizeof buf);
 *   for (i = 0; i < got / 4; i++) printf("%u\n", buf[i]);
 * Usage: read-numbers NODE [COUNT]
 */
import { O_RDONLY, type Executable, type Process } from "@rng/guest-kernel";

export const exampleReadNumbers: Executable = {
  name: "read-numbers",
  main(p: Process, argv: string[]): number {
    const node = argv[1];
    const count = Number(argv[2] ?? "8");
    if (!node || !Number.isInteger(count) || count < 1) {
      p.eprintf("usage: read-numbers NODE [COUNT]\n");
      return 2;
    }
    const fd = p.libc(p.open(node, O_RDONLY));
    if (fd < 0) {
      p.perror(node);
      return 1;
    }
    const buf = p.mem.alloc(count * 4);
    let done = 0;
    while (done < count) {
      const got = p.libc(p.readToUser(fd, buf + done * 4, (count - done) * 4));
      if (got < 0) {
        p.perror("read");
        return 1;
      }
      if (got === 0) break;
      for (let i = 0; i < got / 4; i++) p.printf(`${p.mem.loadU32(buf + (done + i) * 4)}\n`);
      done += got / 4;
    }
    p.close(fd);
    return 0;
  },
};
