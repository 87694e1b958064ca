// Linux errno values (include/uapi/asm-generic/errno-base.h, errno.h) and glibc's strerror texts.
export const EPERM = 1;
export const ENOENT = 2;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EPIPE = 32;
export const ERANGE = 34;
export const ENOSYS = 38;

const MESSAGES: Record<number, string> = {
  [EPERM]: "Operation not permitted",
  [ENOENT]: "No such file or directory",
  [EIO]: "Input/output error",
  [ENXIO]: "No such device or address",
  [E2BIG]: "Argument list too long",
  [ENOEXEC]: "Exec format error",
  [EBADF]: "Bad file descriptor",
  [EAGAIN]: "Resource temporarily unavailable",
  [ENOMEM]: "Cannot allocate memory",
  [EACCES]: "Permission denied",
  [EFAULT]: "Bad address",
  [EBUSY]: "Device or resource busy",
  [EEXIST]: "File exists",
  [ENODEV]: "No such device",
  [ENOTDIR]: "Not a directory",
  [EISDIR]: "Is a directory",
  [EINVAL]: "Invalid argument",
  [EMFILE]: "Too many open files",
  [ENOTTY]: "Inappropriate ioctl for device",
  [ENOSPC]: "No space left on device",
  [ESPIPE]: "Illegal seek",
  [EPIPE]: "Broken pipe",
  [ERANGE]: "Numerical result out of range",
  [ENOSYS]: "Function not implemented",
};

/** glibc's strerror(errno). */
export function strerror(errno: number): string {
  return MESSAGES[errno] ?? `Unknown error ${errno}`;
}
