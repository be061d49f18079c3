/* The request settings our iterator programs read from their .bss: written by user space
 * through the skeleton's mmapped .bss before each dump, or once by procscan-bpf-pin for a
 * pinned iterator. Plain C, shared by the programs and the loader. */
#ifndef PROCSCAN_WIRE_CONFIG_H
#define PROCSCAN_WIRE_CONFIG_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

struct wire_config {
  __u64 show_flags; /* TASK_DIAG_SHOW() bits to emit */
  __u32 seq;        /* echoed in every nlmsghdr */
  __u32 strategy;   /* TASK_DIAG_DUMP_* */
  __u32 pid;        /* CHILDREN: the parent's tid in the reader's pid namespace */
  __u32 pad;
};

#endif /* PROCSCAN_WIRE_CONFIG_H */
