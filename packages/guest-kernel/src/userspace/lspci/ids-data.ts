/*
 * A subset of pci.ids (the pciutils/pciids database), in its own text format, for the devices QEMU
 * emulates. Entries seen in the captured output or in the stored pci.ids were checked against it; the
 * rest of the QEMU devices (ICH9/q35, AC'97, HDA, EHCI, 82574L, ES1370, ...) and the prog-if lines are
 * from the database as remembered. Vendor 1234 (QEMU's VGA/edu) is deliberately absent: lspci prints
 * "Device 1234:1111". Lines: "vvvv  name", "\tdddd  name", "\t\tssss ssss  name", "C cc  name",
 * "\tss  name", "\t\tpp  name".
 */
export const PCI_IDS_SUBSET = `1000  Broadcom / LSI
\t0012  53c895a
1013  Cirrus Logic
\t00b8  GD 5446
1022  Advanced Micro Devices, Inc. [AMD]
\t2000  79c970 [PCnet32 LANCE]
10ec  Realtek Semiconductor Co., Ltd.
\t8029  RTL-8029(AS)
\t8139  RTL-8100/8101L/8139 PCI Fast Ethernet Adapter
\t\t1af4 1100  QEMU Virtual Machine
1274  Ensoniq
\t5000  ES1370 [AudioPCI]
15ad  VMware
\t0405  SVGA II Adapter
1af4  Red Hat, Inc.
\t1000  Virtio network device
\t\t01de fffb  Propolis Virtio network device
\t1001  Virtio block device
\t\t01de fffa  Propolis Virtio block device
\t1002  Virtio memory balloon
\t1003  Virtio console
\t1004  Virtio SCSI
\t1005  Virtio RNG
\t1009  Virtio filesystem
\t1041  Virtio 1.0 network device
\t\t1af4 1100  QEMU
\t1042  Virtio 1.0 block device
\t\t1af4 1100  QEMU
\t1043  Virtio 1.0 console
\t\t1af4 1100  QEMU
\t1044  Virtio 1.0 RNG
\t\t1af4 1100  QEMU
\t1045  Virtio 1.0 balloon
\t\t1af4 1100  QEMU
\t1048  Virtio 1.0 SCSI
\t\t1af4 1100  QEMU
\t1049  Virtio 9P transport
\t\t1af4 1100  QEMU
\t1050  Virtio 1.0 GPU
\t\t1af4 1100  QEMU
\t1052  Virtio 1.0 input
\t\t1af4 1100  QEMU
\t1053  Virtio 1.0 socket
\t\t1af4 1100  QEMU
\t1054  Virtio 1.0 crypto
\t\t1af4 1100  QEMU
\t1057  Virtio 1.0 IOMMU
\t\t1af4 1100  QEMU
\t1058  Virtio 1.0 mem
\t\t1af4 1100  QEMU
\t105a  Virtio 1.0 file system
\t\t1af4 1100  QEMU
\t1110  QEMU Inter-VM shared memory device
\t\t1af4 1100  QEMU
1b36  Red Hat, Inc.
\t0001  QEMU PCI-PCI bridge
\t0002  QEMU PCI 16550A Adapter
\t\t1af4 1100  QEMU Virtual Machine
\t0003  QEMU PCI Dual-port 16550A Adapter
\t\t1af4 1100  QEMU Virtual Machine
\t0004  QEMU PCI Quad-port 16550A Adapter
\t\t1af4 1100  QEMU Virtual Machine
\t0005  QEMU PCI Test Device
\t\t1af4 1100  QEMU Virtual Machine
\t0006  PCI Rocker Ethernet switch device
\t0007  PCI SD Card Host Controller Interface
\t0008  QEMU PCIe Host bridge
\t0009  QEMU PCI Expander bridge
\t000a  PCI-PCI bridge (multiseat)
\t000b  QEMU PCIe Expander bridge
\t000c  QEMU PCIe Root port
\t000d  QEMU XHCI Host Controller
\t000e  QEMU PCIe-to-PCI bridge
\t0010  QEMU NVM Express Controller
\t0011  QEMU PVPanic device
\t0100  QXL paravirtual graphic card
\t\t1af4 1100  QEMU Virtual Machine
8086  Intel Corporation
\t100e  82540EM Gigabit Ethernet Controller
\t\t1af4 1100  QEMU Virtual Machine
\t10d3  82574L Gigabit Network Connection
\t1209  8255xER/82551IT Fast Ethernet Controller
\t\t1af4 1100  QEMU Virtual Machine
\t1229  82557/8/9/0/1 Ethernet Pro 100
\t\t1af4 1100  QEMU Virtual Machine
\t1237  440FX - 82441FX PMC [Natoma]
\t\t01de fffe  Propolis Virtual 440FX
\t\t1af4 1100  Qemu virtual machine
\t2415  82801AA AC'97 Audio Controller
\t24cd  82801DB/DBM (ICH4/ICH4-M) USB2 EHCI Controller
\t25ab  6300ESB Watchdog Timer
\t2668  82801FB/FBM/FR/FW/FRW (ICH6 Family) High Definition Audio Controller
\t2918  82801IB (ICH9) LPC Interface Controller
\t\t1af4 1100  QEMU Virtual Machine
\t2922  82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode]
\t\t1af4 1100  QEMU Virtual Machine
\t2930  82801I (ICH9 Family) SMBus Controller
\t\t1af4 1100  QEMU Virtual Machine
\t2934  82801I (ICH9 Family) USB UHCI Controller #1
\t29c0  82G33/G31/P35/P31 Express DRAM Controller
\t\t1af4 1100  QEMU Virtual Machine
\t7000  82371SB PIIX3 ISA [Natoma/Triton II]
\t\t1af4 1100  Qemu virtual machine
\t7010  82371SB PIIX3 IDE [Natoma/Triton II]
\t\t1af4 1100  Qemu virtual machine
\t7020  82371SB PIIX3 USB [Natoma/Triton II]
\t\t1af4 1100  QEMU Virtual Machine
\t7113  82371AB/EB/MB PIIX4 ACPI
\t\t1af4 1100  Qemu virtual machine
C 00  Unclassified device
\t00  Non-VGA unclassified device
\t01  VGA compatible unclassified device
\t05  Image coprocessor
C 01  Mass storage controller
\t00  SCSI storage controller
\t01  IDE interface
\t\t00  ISA Compatibility mode-only controller
\t\t05  PCI native mode-only controller
\t\t0a  ISA Compatibility mode controller, supports both channels switched to PCI native mode
\t\t0f  PCI native mode controller, supports both channels switched to ISA compatibility mode
\t\t80  ISA Compatibility mode-only controller, supports bus mastering
\t\t85  PCI native mode-only controller, supports bus mastering
\t\t8a  ISA Compatibility mode controller, supports both channels switched to PCI native mode, supports bus mastering
\t\t8f  PCI native mode controller, supports both channels switched to ISA compatibility mode, supports bus mastering
\t02  Floppy disk controller
\t03  IPI bus controller
\t04  RAID bus controller
\t05  ATA controller
\t\t20  ADMA single stepping
\t\t30  ADMA continuous operation
\t06  SATA controller
\t\t00  Vendor specific
\t\t01  AHCI 1.0
\t\t02  Serial Storage Bus
\t07  Serial Attached SCSI controller
\t\t01  Serial Storage Bus
\t08  Non-Volatile memory controller
\t\t01  NVMHCI
\t\t02  NVM Express
\t80  Mass storage controller
C 02  Network controller
\t00  Ethernet controller
\t01  Token ring network controller
\t02  FDDI network controller
\t03  ATM network controller
\t04  ISDN controller
\t05  WorldFip controller
\t06  PICMG controller
\t07  Infiniband controller
\t08  Fabric controller
\t80  Network controller
C 03  Display controller
\t00  VGA compatible controller
\t\t00  VGA controller
\t\t01  8514 controller
\t01  XGA compatible controller
\t02  3D controller
\t80  Display controller
C 04  Multimedia controller
\t00  Multimedia video controller
\t01  Multimedia audio controller
\t02  Computer telephony device
\t03  Audio device
\t80  Multimedia controller
C 05  Memory controller
\t00  RAM memory
\t01  FLASH memory
\t80  Memory controller
C 06  Bridge
\t00  Host bridge
\t01  ISA bridge
\t02  EISA bridge
\t03  MicroChannel bridge
\t04  PCI bridge
\t\t00  Normal decode
\t\t01  Subtractive decode
\t05  PCMCIA bridge
\t06  NuBus bridge
\t07  CardBus bridge
\t08  RACEway bridge
\t\t00  Transparent mode
\t\t01  Endpoint mode
\t09  Semi-transparent PCI-to-PCI bridge
\t\t40  Primary bus towards host CPU
\t\t80  Secondary bus towards host CPU
\t0a  InfiniBand to PCI host bridge
\t80  Bridge
C 07  Communication controller
\t00  Serial controller
\t\t00  8250
\t\t01  16450
\t\t02  16550
\t\t03  16650
\t\t04  16750
\t\t05  16850
\t\t06  16950
\t01  Parallel controller
\t\t00  SPP
\t\t01  BiDir
\t\t02  ECP
\t\t03  IEEE1284
\t\tfe  IEEE1284 Target
\t02  Multiport serial controller
\t03  Modem
\t\t00  Generic
\t\t01  Hayes/16450
\t\t02  Hayes/16550
\t\t03  Hayes/16650
\t\t04  Hayes/16750
\t04  GPIB controller
\t05  Smard Card controller
\t80  Communication controller
C 08  Generic system peripheral
\t00  PIC
\t\t00  8259
\t\t01  ISA PIC
\t\t02  EISA PIC
\t\t10  IO-APIC
\t\t20  IO(X)-APIC
\t01  DMA controller
\t\t00  8237
\t\t01  ISA DMA
\t\t02  EISA DMA
\t02  Timer
\t\t00  8254
\t\t01  ISA Timer
\t\t02  EISA Timers
\t\t03  HPET
\t03  RTC
\t\t00  Generic
\t\t01  ISA RTC
\t04  PCI Hot-plug controller
\t05  SD Host controller
\t06  IOMMU
\t80  System peripheral
\t99  Timing Card
C 09  Input device controller
\t00  Keyboard controller
\t01  Digitizer Pen
\t02  Mouse controller
\t03  Scanner controller
\t04  Gameport controller
\t\t00  Generic
\t\t10  Extended
\t80  Input device controller
C 0a  Docking station
\t00  Generic Docking Station
\t80  Docking Station
C 0b  Processor
\t00  386
\t01  486
\t02  Pentium
\t10  Alpha
\t20  Power PC
\t30  MIPS
\t40  Co-processor
C 0c  Serial bus controller
\t00  FireWire (IEEE 1394)
\t\t00  Generic
\t\t10  OHCI
\t01  ACCESS Bus
\t02  SSA
\t03  USB controller
\t\t00  UHCI
\t\t10  OHCI
\t\t20  EHCI
\t\t30  XHCI
\t\t40  USB4 Host Interface
\t\t80  Unspecified
\t\tfe  USB Device
\t04  Fibre Channel
\t05  SMBus
\t06  InfiniBand
\t07  IPMI Interface
\t\t00  SMIC
\t\t01  KCS
\t\t02  BT (Block Transfer)
\t08  SERCOS interface
\t09  CANBUS
C 0d  Wireless controller
\t00  IRDA controller
\t01  Consumer IR controller
\t10  RF controller
\t11  Bluetooth
\t12  Broadband
\t20  802.1a controller
\t21  802.1b controller
\t80  Wireless controller
C 0e  Intelligent controller
\t00  I2O
C 0f  Satellite communications controller
\t01  Satellite TV controller
\t02  Satellite audio communication controller
\t03  Satellite voice communication controller
\t04  Satellite data communication controller
C 10  Encryption controller
\t00  Network and computing encryption device
\t10  Entertainment encryption device
\t80  Encryption controller
C 11  Signal processing controller
\t00  DPIO module
\t01  Performance counters
\t10  Communication synchronizer
\t20  Signal processing management
\t80  Signal processing controller
C 12  Processing accelerators
\t00  Processing accelerators
C 13  Non-Essential Instrumentation
C 40  Coprocessor
C ff  Unassigned class
`;
