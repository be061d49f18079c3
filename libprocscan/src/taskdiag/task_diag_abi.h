/* The task_diag wire format, as /proc/task-diag speaks it and as our BPF iterators write it.
 *
 * Plain C with fixed-width types so that one definition serves the C++ decoder and the BPF
 * programs (compiled by clang -target bpf against vmlinux.h). Numbers and layouts follow
 * ../shared/reference/task_diag.md (the /proc-file generation, kernel file 04ea1c00...).
 *
 * Every struct below is copied out of the stream with memcpy: payloads are only 4-byte
 * aligned in a read buffer, and the kernel leaves padding bytes uninitialised.
 */
#ifndef PROCSCAN_TASK_DIAG_ABI_H
#define PROCSCAN_TASK_DIAG_ABI_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* nlmsg_type of the request and of every response message. */
#define TASK_DIAG_CMD_GET 0xD101

/* Dump strategies (task_diag_pid.dump_strategy). */
#define TASK_DIAG_DUMP_ALL 0        /* every thread-group leader, ascending tgid */
#define TASK_DIAG_DUMP_ONE 1        /* the task `pid` only */
#define TASK_DIAG_DUMP_ALL_THREAD 2 /* every thread of every process */
#define TASK_DIAG_DUMP_CHILDREN 3   /* children of the task `pid` */
#define TASK_DIAG_DUMP_THREAD 4     /* all threads of the group of `pid` */
/* Ours (BPF only): ALL_THREAD in which each leader's threads are preceded by a message
 * for the whole process (TASK_DIAG_FLAG_PROCESS), as ALL would send it: both row kinds in
 * one walk of the tasks instead of two dumps. */
#define TASK_DIAG_DUMP_ALL_PROCESS_THREAD 32

/* Attributes: show_flags bit n asks for attribute n. 0..4 are the kernel ABI. */
#define TASK_DIAG_BASE 0
#define TASK_DIAG_CRED 1
#define TASK_DIAG_VMA 2
#define TASK_DIAG_VMA_STAT 3 /* modifies VMA records; never a top-level attribute */
#define TASK_DIAG_STAT 4
/* STATM and CMDLINE exist in late kernel versions with unverified numbers; a client finds
 * them by probing (reference 3.4). Our BPF server uses these numbers. */
#define TASK_DIAG_STATM 5
#define TASK_DIAG_CMDLINE 6

/* Extension attributes: what the kernel ABI lacks and ps/top need. They live in a range of
 * their own (32..63) so that they never collide with kernel numbers; a real task_diag
 * kernel ignores their show bits, and decoders skip attributes they do not know. Only our
 * BPF server emits them. Every value has /proc/PID/stat (or status) semantics, named in
 * the comment of each member. */
#define TASK_DIAG_EXT_FIRST 32
#define TASK_DIAG_EXT_SCHED 32  /* struct task_diag_ext_sched */
#define TASK_DIAG_EXT_TTY 33    /* struct task_diag_ext_tty */
#define TASK_DIAG_EXT_MM 34     /* struct task_diag_ext_mm; absent without an mm */
#define TASK_DIAG_EXT_PROCFS 35 /* struct task_diag_ext_procfs; sent unasked, see there */
#define TASK_DIAG_EXT_FILE 36   /* struct task_diag_ext_file records: open files */
#define TASK_DIAG_EXT_LAST 63

#define TASK_DIAG_SHOW(attr) (1ULL << (attr))

/* task_diag_msg.flags bit 0: this task continues in the next message. The other bits are
 * uninitialised kernel memory and must be masked off. */
#define TASK_DIAG_FLAG_CONT 0x1
/* Ours, meaningful in answers to TASK_DIAG_DUMP_ALL_PROCESS_THREAD only: this message is the
 * whole process (group totals in STAT), not its leader thread, whose message follows. */
#define TASK_DIAG_FLAG_PROCESS 0x2

#define TASK_DIAG_COMM_LEN 16

/* Task state (task_diag_base.state): the kernel's task_state_index(). */
enum task_diag_state {
  TASK_DIAG_RUNNING = 0,         /* R */
  TASK_DIAG_INTERRUPTIBLE = 1,   /* S */
  TASK_DIAG_UNINTERRUPTIBLE = 2, /* D */
  TASK_DIAG_STOPPED = 3,         /* T */
  TASK_DIAG_TRACE_STOP = 4,      /* t */
  TASK_DIAG_DEAD = 5,            /* X */
  TASK_DIAG_ZOMBIE = 6,          /* Z */
  TASK_DIAG_PARKED = 7,          /* P */
  TASK_DIAG_IDLE = 8,            /* I */
};

/* The request payload, right after a 16-byte nlmsghdr (no nlattr around it). 24 bytes. */
struct task_diag_pid {
  __u64 show_flags;
  __u64 dump_strategy;
  __u32 pid;
  __u32 pad;
};

/* Follows the nlmsghdr of every response message. 12 bytes. */
struct task_diag_msg {
  __u32 pid;
  __u32 tgid;
  __u32 flags;
};

/* TASK_DIAG_BASE: 44 bytes. */
struct task_diag_base {
  __u32 tgid;
  __u32 pid;
  __u32 ppid;
  __u32 tpid;
  __u32 sid;
  __u32 pgid;
  __u8 state;
  char comm[TASK_DIAG_COMM_LEN];
};

struct task_diag_caps {
  __u32 cap[2];
};

/* TASK_DIAG_CRED: 64 bytes; ids are mapped into the reader's user namespace. */
struct task_diag_creds {
  struct task_diag_caps cap_inheritable;
  struct task_diag_caps cap_permitted;
  struct task_diag_caps cap_effective;
  struct task_diag_caps cap_bset;
  __u32 uid;
  __u32 euid;
  __u32 suid;
  __u32 fsuid;
  __u32 gid;
  __u32 egid;
  __u32 sgid;
  __u32 fsgid;
};

/* TASK_DIAG_STAT: 72 bytes. Times in clock ticks (USER_HZ). */
struct task_diag_stat {
  __u64 minflt;
  __u64 cminflt;
  __u64 majflt;
  __u64 cmajflt;
  __u64 utime;
  __u64 stime;
  __u64 cutime;
  __u64 cstime;
  __u32 threads;
};

/* TASK_DIAG_VMA record header: 64 bytes, followed by an optional task_diag_vma_stat and a
 * NUL-terminated name, the whole record padded to 4 bytes (vma_len). */
struct task_diag_vma {
  __u64 start;
  __u64 end;
  __u64 vm_flags; /* TASK_DIAG_VMA_F_* bits (reference 3.7) */
  __u64 pgoff;    /* bytes */
  __u32 major;
  __u32 minor;
  __u64 inode;
  __u32 generation;
  __u16 vma_len;
  __u16 name_off;
  __u16 name_len; /* including the NUL */
  __u16 stat_off;
  __u16 stat_len;
};

/* Our extension (the BPF task_vma program): the name is not a path but one of the bracketed
 * names /proc/PID/maps prints ([vdso], [vvar], [heap], [stack], [anon:NAME]), which the
 * kernel's task_diag never sends. Above every VM_* bit the reference maps. */
#define TASK_DIAG_VMA_F_PSEUDO_NAME (1ULL << 63)

/* 80 bytes, all in bytes except pss (bytes << 12). */
struct task_diag_vma_stat {
  __u64 resident;
  __u64 shared_clean;
  __u64 shared_dirty;
  __u64 private_clean;
  __u64 private_dirty;
  __u64 referenced;
  __u64 anonymous;
  __u64 anonymous_thp;
  __u64 swap;
  __u64 pss;
};

/* TASK_DIAG_STATM as our BPF server writes it: 15 u64, pages unless named otherwise. A real
 * kernel's layout is unverified; the decoder accepts only this exact size. */
struct task_diag_statm {
  __u64 anon;
  __u64 file;
  __u64 shmem;
  __u64 hiwater_vm;
  __u64 hiwater_rss;
  __u64 text;
  __u64 lib;
  __u64 swap;
  __u64 ptes; /* bytes */
  __u64 total_rss;
  __u64 total_vm;
  __u64 data_vm;
  __u64 stack_vm;
  __u64 locked_vm;
  __u64 pinned_vm;
};

/* TASK_DIAG_EXT_SCHED: 48 bytes. */
struct task_diag_ext_sched {
  __s32 priority;    /* stat 18: prio - 100 (MAX_RT_PRIO) */
  __s32 nice;        /* stat 19 */
  __u32 policy;      /* stat 41 */
  __u32 rt_priority; /* stat 40 */
  __u32 processor;   /* stat 39: task_cpu() */
  __u32 flags;       /* stat 9: task->flags */
  __u64 start_time;  /* stat 22: clock ticks after boot, from start_boottime */
  __u32 exit_signal; /* stat 38 */
  __u32 nlwp;        /* stat 20 */
  __u64 pad;
};

/* TASK_DIAG_EXT_TTY: 8 bytes. */
struct task_diag_ext_tty {
  __u32 tty_nr; /* stat 7: new_encode_dev() of the controlling tty, 0 for none */
  __s32 tpgid;  /* stat 8: foreground pgrp of that tty in the reader's pid ns, -1 for none */
};

/* TASK_DIAG_EXT_MM: 64 bytes; pages unless named otherwise. The rss counters are summed as
 * each file sums them: stat's rss from their approximations (percpu_counter_read_positive),
 * status' lines, and so VmRSS = rss_anon + rss_file + rss_shmem, from their exact sums with
 * every CPU's part since Linux 6.16 (get_mm_counter_sum), which the loader tells the
 * program. */
struct task_diag_ext_mm {
  __u64 vsize;      /* stat 23: bytes (total_vm << PAGE_SHIFT); status VmSize in KiB */
  __u64 rss;        /* stat 24: anon + file + shmem pages, approximated */
  __u64 rss_anon;   /* status RssAnon */
  __u64 rss_file;   /* status RssFile */
  __u64 rss_shmem;  /* status RssShmem */
  __u64 locked_vm;  /* status VmLck */
  __u64 start_code; /* stat 26: address */
  __u64 end_code;   /* stat 27: address */
};

/* TASK_DIAG_EXT_PROCFS: 8 bytes. The server could not give these values of this task the
 * way /proc shows them, so the reader must take them from procfs (only for this task).
 * The server sends it without being asked, whenever a requested value is affected, and
 * then leaves the affected attribute out (CMDLINE) or fills the member with what it has
 * (BASE comm: task->comm). */
/* a kernel thread whose /proc name may be longer than comm (workqueue workers, truncated
 * kthread names) */
#define TASK_DIAG_PROCFS_COMM 0x1
/* a command line too long for one iterator record, or for a second message in the record
 * that holds the process's message */
#define TASK_DIAG_PROCFS_CMDLINE 0x2
/* On a thread group leader's thread message: the group's threads, which came one by one
 * in tid order, are not in tid order in the kernel's thread list (tids wrapped around
 * while the process lived), which is the order /proc/PID/task lists them in. */
#define TASK_DIAG_PROCFS_THREAD_ORDER 0x4
struct task_diag_ext_procfs {
  __u64 fields; /* TASK_DIAG_PROCFS_* */
};

/* TASK_DIAG_EXT_FILE: a packed sequence of records, one per open file descriptor, laid out
 * like VMA records: this 48-byte header, then the NUL-terminated name (d_path: what the
 * /proc/PID/fd/N link reads, "pipe:[ino]", "socket:[ino]" and "anon_inode:..." included;
 * empty if d_path fails), padded to 4 bytes, then (from our program since the open-files
 * query) a struct task_diag_ext_file_stat; nla_len counts the padding. A reader finds the
 * tail where rec_len leaves room for it after the padded name; older records end at the
 * padding. Only process-wide: threads sharing the leader's file table are not repeated. */
struct task_diag_ext_file {
  __u32 fd;
  __u32 flags;    /* fdinfo "flags": f_flags, O_CLOEXEC from the fd table (octal there) */
  __u64 pos;      /* fdinfo "pos" */
  __u64 inode;    /* fdinfo "ino", stat st_ino */
  __u32 dev;      /* st_dev of the inode's superblock, new_encode_dev() */
  __u32 rdev;     /* st_rdev, new_encode_dev() */
  __u32 mode;     /* st_mode: file type and permissions */
  __u16 rec_len;  /* this record's length: the step to the next record */
  __u16 name_len; /* including the NUL; the name follows this header at offset 48 */
  __u32 mnt_id;   /* fdinfo "mnt_id" */
  __u32 f_mode;   /* the file's f_mode (FMODE_READ 0x1, FMODE_WRITE 0x2); meaningful only
                   * in records with a task_diag_ext_file_stat tail (0 before) */
};

/* The tail of an EXT_FILE record: what stat(2) of the file adds to the header, as the
 * inode holds it (generic_fillattr(); a file system with a getattr() of its own may report
 * other values, which is why its magic is here). */
struct task_diag_ext_file_stat {
  __u64 size;    /* i_size */
  __u32 nlink;   /* i_nlink */
  __u32 s_magic; /* the superblock's s_magic (EXT4_SUPER_MAGIC, TMPFS_MAGIC...) */
};

#endif /* PROCSCAN_TASK_DIAG_ABI_H */
