import { EEXIST, EISDIR, ENOENT, ENOTDIR } from "../errno.js";
import { dir, type DirInode, type Inode } from "./inode.js";

/** The kernel's file tree: one root, path lookup with symlinks, mknod and file creation. */
export class Vfs {
  readonly root: DirInode = dir();

  /** Splits an absolute path into components ("." and ".." resolved lexically). */
  static components(path: string): string[] {
    const out: string[] = [];
    for (const c of path.split("/")) {
      if (c === "" || c === ".") continue;
      if (c === "..") out.pop();
      else out.push(c);
    }
    return out;
  }

  private entries(d: DirInode): Map<string, Inode> {
    return d.list ? d.list() : d.entries;
  }

  /** The inode at `path`, following symlinks (also at the end unless `nofollow`), or -errno. */
  lookup(path: string, nofollow = false, depth = 0): Inode | number {
    if (depth > 8) return -ENOENT;
    const parts = Vfs.components(path);
    let cur: Inode = this.root;
    for (let i = 0; i < parts.length; i++) {
      if (cur.kind === "link") {
        const r = this.lookup(cur.target, false, depth + 1);
        if (typeof r === "number") return r;
        cur = r;
      }
      if (cur.kind !== "dir") return -ENOTDIR;
      const next = this.entries(cur).get(parts[i]);
      if (!next) return -ENOENT;
      if (next.kind === "link" && (i < parts.length - 1 || !nofollow)) {
        const base = "/" + parts.slice(0, i).join("/");
        const target = next.target.startsWith("/") ? next.target : `${base}/${next.target}`;
        const r = this.lookup(target, false, depth + 1);
        if (typeof r === "number") return r;
        cur = r;
        continue;
      }
      cur = next;
    }
    return cur;
  }

  /** The parent directory of `path` and the last component, or -errno. */
  parentOf(path: string): { parent: DirInode; name: string } | number {
    const parts = Vfs.components(path);
    if (parts.length === 0) return -EEXIST;
    const p = this.lookup("/" + parts.slice(0, -1).join("/"));
    if (typeof p === "number") return p;
    if (p.kind !== "dir") return -ENOTDIR;
    return { parent: p, name: parts[parts.length - 1] };
  }

  /** Adds `inode` at `path` (creating missing parent directories when `mkdirs`). */
  install(path: string, inode: Inode, mkdirs = true): number {
    const parts = Vfs.components(path);
    let cur: DirInode = this.root;
    for (const part of parts.slice(0, -1)) {
      let next = cur.entries.get(part);
      if (!next && mkdirs) {
        next = dir();
        cur.entries.set(part, next);
      }
      if (!next) return -ENOENT;
      if (next.kind !== "dir") return -ENOTDIR;
      cur = next;
    }
    const name = parts[parts.length - 1];
    if (cur.entries.has(name)) return -EEXIST;
    cur.entries.set(name, inode);
    return 0;
  }

  /** readdir: names in a directory, sorted as ls would show them. */
  readdir(path: string): string[] | number {
    const d = this.lookup(path);
    if (typeof d === "number") return d;
    if (d.kind !== "dir") return -ENOTDIR;
    return [...this.entries(d).keys()].sort();
  }

  remove(path: string, recursive = false): number {
    const p = this.parentOf(path);
    if (typeof p === "number") return p;
    const node = p.parent.entries.get(p.name);
    if (!node) return -ENOENT;
    if (node.kind === "dir" && !recursive) return -EISDIR;
    p.parent.entries.delete(p.name);
    return 0;
  }
}
