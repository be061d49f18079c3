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
  __u32 split;      /* 1: two threads read the dump, each the tgids of its reader_slot */
};

/* One of the two readers of a split dump: the reader thread (kernel tid) and the tgids, in
 * the reader's pid namespace, that its iterator writes; the program keeps the dump's
 * generation here. Slot 0 also serves every dump that is not split. */
struct reader_slot {
  __u32 reader_tid;
  __u32 tgid_low; /* first tgid written */
  __u32 tgid_end; /* first tgid not written */
  __u32 pad;
  __u64 generation;
};

#define WIRE_READER_SLOTS 2

#endif /* PROCSCAN_WIRE_CONFIG_H */
