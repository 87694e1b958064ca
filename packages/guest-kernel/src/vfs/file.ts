import type { Inode } from "./inode.js";

/** struct file: one open file description, shared by dup'd descriptors. */
export interface File {
  readonly inode: Inode;
  readonly path: string;
  flags: number;
  pos: number;
  /** For generated files: the contents captured at open. */
  snapshot?: Uint8Array;
  /** For pipes. */
  pipe?: PipeBuffer;
  pipeEnd?: "r" | "w";
  /** For character devices: the driver's operations, and its private data. */
  fops?: FileOperations;
  privateData?: unknown;
  refs: number;
}

export class PipeBuffer {
  chunks: Uint8Array[] = [];
  writers = 0;
  readers = 0;
}

/**
 * struct file_operations, named as in Linux (camelCase). User pointers are numbers in the calling process's
 * address space; drivers reach them only through copyToUser/copyFromUser. Returns are Linux's: a count or
 * a negative errno.
 */
export interface FileOperations {
  /** The module that owns these operations: held (refcount) while a file is open. */
  owner?: { get(): boolean; put(): void };
  open?(inode: Inode, file: File): number;
  release?(inode: Inode, file: File): number;
  read?(file: File, userBuf: number, count: number): number;
  write?(file: File, userBuf: number, count: number): number;
  unlockedIoctl?(file: File, cmd: number, arg: number): number;
}

// open(2) flags (include/uapi/asm-generic/fcntl.h)
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_ACCMODE = 3;
export const O_CREAT = 0o100;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
