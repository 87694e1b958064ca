// The lab's uapi header (my_rng.h), as a TS module: ioctl numbers built with Linux's _IOC encoding
// (include/uapi/asm-generic/ioctl.h): dir << 30 | size << 16 | type << 8 | nr.
const IOC_WRITE = 1;
const IOC_READ = 2;

export function IOC(dir: number, type: string, nr: number, size: number): number {
  return ((dir << 30) | (size << 16) | (type.charCodeAt(0) << 8) | nr) >>> 0;
}
export const IOR = (type: string, nr: number, size: number) => IOC(IOC_READ, type, nr, size);
export const IOW = (type: string, nr: number, size: number) => IOC(IOC_WRITE, type, nr, size);

/** _IOR('q', 1, unsigned int): read one 32-bit random number. */
export const MY_RNG_IOCTL_RAND = IOR("q", 1, 4);
/** _IOW('q', 1, unsigned int): seed the generator. */
export const MY_RNG_IOCTL_SEED = IOW("q", 1, 4);

/** The lab's device node and the built-in driver's fixed major. */
export const MY_RNG_DEVICE_PATH = "/dev/my_rng_driver";
export const MY_RNG_MAJOR = 250;
export const MY_RNG_DRIVER_NAME = "my_rng_driver";
/** The built-in driver's hard-coded BAR0 address: where SeaBIOS puts the device on the lab's machine. */
export const DEVICE_BASE_PHYS_ADDR = 0xfebf1000;

/** _IOR('q', 2, unsigned long long): a 64-bit number from the RNG64_LO/HI pair (two 32-bit reads, the students' way). */
export const MY_RNG_IOCTL_RAND64 = IOR("q", 2, 8);
/** _IOR('q', 3, unsigned long long): a 64-bit number from one 8-byte read of RNG64 (readq). */
export const MY_RNG_IOCTL_RAND64Q = IOR("q", 3, 8);
