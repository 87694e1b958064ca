// Redirections: fd save/restore scopes (ash's REDIR_PUSH), opening files and duplicating fds.
import type { Redir, Word } from "./ast.js";
import { ShellError } from "./errors.js";
import { EBADF, ENOENT, ENOTDIR, O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, strerror, type ShellSyscalls } from "./sys.js";

/** Saved fds of one redirection scope: fd -> saved copy (or null: it was closed). */
export type Frame = Map<number, number | null>;

export interface RedirectHost {
  msg(text: string): void;
  abs(path: string): string;
  /** Expands a redirection target (no field splitting, no globbing). */
  expand(w: Word): string;
}

export class Redirector {
  /** Scopes of the enclosing subshells: permanent (exec) changes made inside are undone when they end. */
  readonly subFrames: Frame[] = [];
  private fallbackFd = 100;

  constructor(private readonly sys: ShellSyscalls, private readonly host: RedirectHost) {}

  topFrame(): Frame {
    return this.subFrames[this.subFrames.length - 1];
  }

  private dupHigh(fd: number): number {
    // ash's savefd: fcntl(fd, F_DUPFD_CLOEXEC, 10), so children do not inherit the saved copy.
    if (this.sys.fcntlDupfd) return this.sys.fcntlDupfd(fd, 10, true);
    const r = this.sys.dup2(fd, this.fallbackFd);
    if (r >= 0) this.fallbackFd++;
    return r;
  }

  /** Saves fd's current state in `frame` (once per frame); with no frame, changes are permanent. */
  private save(fd: number, frame: Frame | null): void {
    const f = frame ?? (this.subFrames.length > 0 ? this.topFrame() : null);
    if (!f || f.has(fd)) return;
    const copy = this.dupHigh(fd);
    if (copy < 0 && copy !== -EBADF) { this.host.msg(`${fd}: ${strerror(copy)}`); throw new ShellError(2); }
    f.set(fd, copy < 0 ? null : copy);
  }

  restore(frame: Frame): void {
    for (const [fd, copy] of [...frame.entries()].reverse()) {
      if (copy === null) this.sys.close(fd);
      else {
        this.sys.dup2(copy, fd);
        this.sys.close(copy);
        if (this.sys.fcntlDupfd === undefined) this.fallbackFd--;
      }
    }
    frame.clear();
  }

  moveFd(src: number, dst: number, frame: Frame): void {
    if (src === dst) { if (!frame.has(dst)) frame.set(dst, null); return; }
    this.save(dst, frame);
    this.sys.dup2(src, dst);
    this.sys.close(src);
  }

  /** Applies redirections in order; on failure prints ash's message and returns false. */
  apply(redirs: Redir[], frame: Frame | null): boolean {
    for (const r of redirs) {
      const target = this.host.expand(r.target);
      if (r.op === "<&" || r.op === ">&") {
        if (target === "-") { this.save(r.fd, frame); this.sys.close(r.fd); continue; }
        if (/^[0-9]+$/.test(target)) {
          const src = Number(target);
          if (src === r.fd) continue;
          this.save(r.fd, frame);
          const rc = this.sys.dup2(src, r.fd);
          if (rc < 0) { this.host.msg(`${src}: ${strerror(rc)}`); return false; }
          continue;
        }
        if (r.op === ">&" && r.fd === 1) {
          if (!this.openRedir(1, target, ">", frame)) return false;
          this.save(2, frame);
          this.sys.dup2(1, 2);
          continue;
        }
        this.host.msg("redir error");
        throw new ShellError(2);
      }
      if (!this.openRedir(r.fd, target, r.op, frame)) return false;
    }
    return true;
  }

  private openRedir(fd: number, target: string, op: Redir["op"], frame: Frame | null): boolean {
    const flags = op === "<" ? O_RDONLY : op === "<>" ? O_RDWR | O_CREAT : op === ">>" ? O_WRONLY | O_CREAT | O_APPEND : O_WRONLY | O_CREAT | O_TRUNC;
    this.save(fd, frame);
    const f = this.sys.open(this.host.abs(target), flags, 0o666);
    if (f < 0) {
      const missing = f === -ENOENT || f === -ENOTDIR;
      if (op === "<") this.host.msg(`can't open ${target}: ${missing ? "no such file" : strerror(f)}`);
      else this.host.msg(`can't create ${target}: ${missing ? "nonexistent directory" : strerror(f)}`);
      return false;
    }
    if (f !== fd) {
      const rc = this.sys.dup2(f, fd);
      this.sys.close(f);
      if (rc < 0) { this.host.msg(`${fd}: ${strerror(rc)}`); return false; }
    }
    return true;
  }
}
