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
  /* The generation of a dump in which this reader marked a process in `solo`: its threads
   * past tgid_end still write themselves, so the walk must go on. */
  __u64 solo_dump;
  /* The generation of a dump whose walk this reader ended at the first tid past tgid_end,
   * where nothing of its part can follow: the program returned 1, and the reads from then
   * on fail with EAGAIN, which user space then takes for the end of the dump. */
  __u64 ended;
};

#define WIRE_READER_SLOTS 2

#endif /* PROCSCAN_WIRE_CONFIG_H */
