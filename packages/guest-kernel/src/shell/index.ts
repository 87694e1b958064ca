// The guest's shell: busybox ash's grammar on top of an abstract syscall interface.
export { Shell } from "./interp.js";
export type { ShellOptions, ShellSyscalls } from "./sys.js";
export {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND,
  EPERM, ENOENT, EBADF, EACCES, ENOTDIR, EISDIR, EINVAL, EMFILE, ENOTTY,
  strerror, encodeUtf8, decodeUtf8,
} from "./sys.js";
export { parseScript } from "./parser.js";
export { ShellSyntaxError } from "./ast.js";
export type { Node, Word, Part, Redir, RedirOp, ParamOp } from "./ast.js";
