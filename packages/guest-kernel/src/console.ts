import { O_RDONLY, O_WRONLY, type File } from "./vfs/file.js";
import { gen } from "./vfs/inode.js";

/**
 * A console stream for `rnglab run`: what the guest writes to it reaches the host (stdout or stderr);
 * reading it gives end of file (no input is attached).
 */
export function consoleFile(name: string, sink: ((bytes: Uint8Array) => void) | undefined): File {
  const inode = gen(
    () => new Uint8Array(),
    sink ? 0o620 : 0o440,
    sink
      ? (data) => {
          sink(data);
          return data.length;
        }
      : undefined,
  );
  return { inode, path: `/dev/${name}`, flags: sink ? O_WRONLY : O_RDONLY, pos: 0, refs: 1, snapshot: new Uint8Array() };
}
