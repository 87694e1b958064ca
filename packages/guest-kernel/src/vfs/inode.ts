import type { FileOperations } from "./file.js";

export type Inode = DirInode | RegInode | ChrInode | GenInode | LinkInode;

export interface DirInode {
  kind: "dir";
  mode: number;
  entries: Map<string, Inode>;
  /** Directories whose listing is computed (e.g. /sys/bus/pci/devices). */
  list?: () => Map<string, Inode>;
}
export interface RegInode {
  kind: "reg";
  mode: number;
  data: Uint8Array;
}
export interface ChrInode {
  kind: "chr";
  mode: number;
  major: number;
  minor: number;
}
/** A /proc or /sys attribute: contents made when opened (as seq_file does), optionally writable. */
export interface GenInode {
  kind: "gen";
  mode: number;
  show: () => Uint8Array | string;
  store?: (data: Uint8Array) => number;
  /** Positional writes (binary attributes such as a PCI function's `config`). */
  storeAt?: (pos: number, data: Uint8Array) => number;
}
export interface LinkInode {
  kind: "link";
  mode: number;
  target: string;
}

export function dir(entries: Record<string, Inode> = {}, mode = 0o755): DirInode {
  return { kind: "dir", mode, entries: new Map(Object.entries(entries)) };
}
export function gen(show: () => Uint8Array | string, mode = 0o444, store?: (data: Uint8Array) => number): GenInode {
  return { kind: "gen", mode, show, store };
}
export function reg(data: Uint8Array | string = new Uint8Array(), mode = 0o644): RegInode {
  return { kind: "reg", mode, data: typeof data === "string" ? new TextEncoder().encode(data) : data };
}

/** What a character device's driver registered for its major (register_chrdev). */
export interface CharDevRegistration {
  major: number;
  name: string;
  fops: FileOperations;
}
