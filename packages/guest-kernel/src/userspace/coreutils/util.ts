import type { Process } from "../../process.js";
import { O_RDONLY } from "../../vfs/file.js";

const dec = new TextDecoder();

/** Reads a whole file through open/read/close; -errno on failure. */
export function readAll(p: Process, path: string): Uint8Array | number {
  const fd = p.open(p.absolute(path), O_RDONLY);
  if (fd < 0) return fd;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const b = p.read(fd, 65536);
    if (typeof b === "number") {
      p.close(fd);
      return b;
    }
    if (b.length === 0) break;
    parts.push(b);
    total += b.length;
  }
  p.close(fd);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of parts) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

export function readText(p: Process, path: string): string | number {
  const b = readAll(p, path);
  return typeof b === "number" ? b : dec.decode(b);
}

/** busybox's "PROG: can't open 'PATH': strerror" */
export function cantOpen(p: Process, prog: string, path: string, errno: number): void {
  p.eprintf(`${prog}: can't open '${path}': ${p.strerror(-errno)}\n`);
}
