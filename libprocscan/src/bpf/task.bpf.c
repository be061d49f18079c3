/* iter.s/task: one task_diag message per task, values as /proc/PID/stat, status and cmdline
 * show them to the reader (fs/proc/array.c do_task_stat, proc_pid_status; fs/proc/base.c
 * get_mm_cmdline). Sleepable, because reading another task's argv may fault pages in
 * (bpf_copy_from_user_task); everything else is plain loads through read-only casts.
 *
 * Which tasks: the iterator visits every task of the reader's pid namespace (or the
 * threads / the one task of a parameterised link); request.strategy keeps leaders only
 * (ALL), every task (ALL_THREAD, ONE, THREAD) or the children of request.pid (CHILDREN).
 *
 * Thread dumps (ALL_THREAD, THREAD) write a whole process at its leader's visit: its command
 * line is copied from user memory once instead of once per thread, and the later visits of
 * its threads return at once. A process whose messages do not fit one seq_file record
 * (32 KiB) is written thread by thread at each thread's own visit instead; its leader says
 * so in `solo`. Threads with a smaller tid than their leader (tids wrapped around) are
 * visited first in whole dumps and always write themselves; a leader that writes its group
 * writes them again, in their place in the kernel's thread order (THREAD dumps visit a
 * process in that order, leader first). A duplicate is harmless (the decoder
 * keeps the last copy of a pid, where it comes); a task that neither writes would be lost,
 * which this order rules out. A `solo` leader walks its group to see whether the thread
 * order is the tid order in which its threads come, and marks its own message
 * TASK_DIAG_PROCFS_THREAD_ORDER when it is not. */
#include "wire.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct wire_config request = {};
struct reader_slot readers[WIRE_READER_SLOTS] = {};

/* Room for one task's message in the iterator's 32 KiB seq_file record, with the scratch
 * below within the 32 KiB a per-CPU map value may have: a task whose command line is
 * longer is marked TASK_DIAG_PROCFS_CMDLINE instead. */
#define CMDLINE_MAX 30720
#define SEQ_RECORD_MAX 32768
#define MSG_MAX 1024
#define PAGE_SIZE (1U << PAGE_SHIFT)

/* Not in vmlinux.h: include/linux/sched.h. */
#define TASK_REPORT 0x7f
#define TASK_REPORT_IDLE 0x80
#define TASK_IDLE 0x402 /* TASK_UNINTERRUPTIBLE | TASK_NOLOAD */
#define TASK_UNINTERRUPTIBLE 0x2
#define TASK_RTLOCK_WAIT 0x1000
#define TASK_FROZEN 0x8000

extern int bpf_iter_task_new(struct bpf_iter_task* it, struct task_struct* task,
                             unsigned int flags) __weak __ksym;
extern struct task_struct* bpf_iter_task_next(struct bpf_iter_task* it) __weak __ksym;
extern void bpf_iter_task_destroy(struct bpf_iter_task* it) __weak __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

/* One message's fixed part is built in `msg` and written with one bpf_seq_write; the
 * command line, with its nlattr header before and zero padding after, with a second. */
struct scratch {
  __u8 msg[MSG_MAX];
  /* The task build_message() describes: a pointer stored as plain data, the only way a
   * global function can be handed one it may read through (loaders have CAP_PERFMON). */
  __u64 task_address;
  /* What is left of the record while a leader writes its threads: kept here rather than in
   * a register, where the verifier would track its shrinking range through each pass of the
   * thread loop instead of seeing the loop converge at once. */
  __u32 room;
  /* The length of the message being built, kept here for the same reason: in a register,
   * each combination of requested attributes would be a path of its own. */
  __u32 len;
  /* The bytes of the CMDLINE attribute (header, text, padding) that follow the message in
   * `msg`, 0 for none: set by build_message(). */
  __u32 cmd_write;
  /* build_message()'s own state, in memory for the reason `len` is (see FRESH()). */
  __u32 head_flags;     /* the message's task_diag_msg.flags */
  __u64 procfs;         /* the EXT_PROCFS fields it marks */
  __u64 task_mm;        /* the described task's mm's address, 0 for none */
  __u64 ns_address;     /* where reader_ptrace_capable()'s walk is */
  __u32 ptrace_capable; /* and its answer */
  /* The command line in `cmdline` belongs to this mm and thread group in this dump. */
  __u64 cached_dump;
  __u64 cached_mm;
  __u32 cached_tgid;
  __s32 cached_len; /* bytes, 0 for none, -1 for too long */
  /* The reader's current dump (a dump_generation), and the dump in which `solo` was full
   * when this reader's leader would have marked its process: from then on, in that dump,
   * this reader relies on no leader. */
  __u64 generation;
  __u64 solo_overflow;
  /* The nlattr header of CMDLINE (len | type << 16), right before the text: written with it. */
  __u32 cmd_nla;
  char cmdline[CMDLINE_MAX + 4];
};
/* Room for the task storage element's own header in a 32 KiB allocation. */
_Static_assert(sizeof(struct scratch) <= 32768 - 256, "struct scratch outgrows 32 KiB");
_Static_assert(__builtin_offsetof(struct scratch, cmdline) ==
                   __builtin_offsetof(struct scratch, cmd_nla) + 4,
               "write_message() writes cmd_nla and the text as one");

/* Counts dumps (bumped at each iterator's first task), so that nothing cached outlives the
 * dump that wrote it. */
__u64 dump_generation = 0;

/* Each reader thread's own scratch, in its task storage: whatever CPU runs it, and however
 * many readers a pinned iterator has at once. (A per-CPU scratch was shared by every reader
 * that a CPU ran while another slept in a command-line copy or was preempted: a pinned
 * iterator's readers mixed up each other's messages and dump generations.) Freed when the
 * reader thread exits. */
struct {
  __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __type(key, int);
  __type(value, struct scratch);
} scratch_map SEC(".maps");

/* Thread groups whose threads write themselves, one by one: tgid -> the dump_generation
 * that marked it. Any mark makes a process's threads write themselves, whichever reader's
 * dump it came from (readers of a pinned iterator share this map, and one reader's mark must
 * not hide threads from another); a leader that writes its group deletes its process's
 * mark, so marks last only while a process's threads outgrow a record. Grows only for such
 * processes; when it is full, every later task of that reader's dump writes itself (see
 * scratch.solo_overflow). 8,192 entries: the loader allocates and clears the bucket array
 * at every load, and 65,536 took 4 of its 22 ms. */
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __uint(max_entries, 8192);
  __type(key, __u32);
  __type(value, __u64);
} solo SEC(".maps");

/* Marks ever made in `solo`: while none were, leaders need not look for theirs. */
__u64 solo_marks = 0;

/* fls() of the kernel's __task_state_index(): the task_diag state number. */
static __always_inline __u8 task_state_index(struct task_struct* t) {
  __u32 tsk_state = t->__state;
  __u32 state = (tsk_state | (__u32)t->exit_state) & TASK_REPORT;
  if ((tsk_state & TASK_IDLE) == TASK_IDLE) state = TASK_REPORT_IDLE;
  if ((tsk_state & TASK_RTLOCK_WAIT) || (tsk_state & TASK_FROZEN)) state = TASK_UNINTERRUPTIBLE;
  __u8 index = 0;
  for (int bit = 0; bit < 8; bit++)
    if (state & (1U << bit)) index = bit + 1;
  return index;
}

#define MUL_DIV_INLINE static __always_inline
#define MUL_DIV_FUNCTION __noinline
#define MUL_DIV_OPAQUE(var) barrier_var(var)
#include "bpf/mul_div.h"

/* cputime_adjust() without its update of prev: the same numbers a /proc read would print
 * now, and that read's update of prev does not change what the next reader sees. */
static __always_inline void cputime_adjust(__u64 utime, __u64 stime, __u64 rtime, __u64 prev_utime,
                                           __u64 prev_stime, __u64* ut, __u64* st) {
  if (prev_stime + prev_utime >= rtime) {
    *ut = prev_utime;
    *st = prev_stime;
    return;
  }
  if (stime == 0) {
    utime = rtime;
  } else if (utime == 0) {
    stime = rtime;
  } else {
    stime = mul_div(stime, rtime, stime + utime);
    if (stime > rtime) stime = rtime;
  }
  if (stime < prev_stime) stime = prev_stime;
  utime = rtime - stime;
  if (utime < prev_utime) {
    utime = prev_utime;
    stime = rtime - utime;
  }
  *ut = utime;
  *st = stime;
}

/* Group totals as do_task_stat's `whole` case sums them: live threads plus the signal
 * struct's share of dead ones. */
struct group_sums {
  __u64 min_flt, maj_flt, utime, stime, rtime;
};

static __always_inline void sum_group(struct task_struct* leader, struct signal_struct* sig,
                                      struct group_sums* g) {
  g->min_flt = sig->min_flt;
  g->maj_flt = sig->maj_flt;
  g->utime = sig->utime;
  g->stime = sig->stime;
  g->rtime = sig->sum_sched_runtime;
  struct bpf_iter_task it;
  struct task_struct* t;
  bpf_rcu_read_lock();
  bpf_iter_task_new(&it, leader, BPF_TASK_ITER_PROC_THREADS);
  while ((t = bpf_iter_task_next(&it))) {
    g->min_flt += t->min_flt;
    g->maj_flt += t->maj_flt;
    g->utime += t->utime;
    g->stime += t->stime;
    g->rtime += t->se.sum_exec_runtime;
  }
  bpf_iter_task_destroy(&it);
  bpf_rcu_read_unlock();
}

static __always_inline void fill_cred(struct task_struct* t, struct task_diag_creds* c) {
  const struct cred* cred = t->real_cred;
  const kernel_cap_t* caps[4] = {&cred->cap_inheritable, &cred->cap_permitted, &cred->cap_effective,
                                 &cred->cap_bset};
  struct task_diag_caps* out[4] = {&c->cap_inheritable, &c->cap_permitted, &c->cap_effective,
                                   &c->cap_bset};
  for (int i = 0; i < 4; i++) {
    __u64 val = caps[i]->val;
    out[i]->cap[0] = (__u32)val;
    out[i]->cap[1] = (__u32)(val >> 32);
  }
  /* Ids as the initial user namespace has them; user space claims CRED only for readers
   * whose uid_map and gid_map are the identity. */
  c->uid = cred->uid.val;
  c->euid = cred->euid.val;
  c->suid = cred->suid.val;
  c->fsuid = cred->fsuid.val;
  c->gid = cred->gid.val;
  c->egid = cred->egid.val;
  c->sgid = cred->sgid.val;
  c->fsgid = cred->fsgid.val;
}

/* Not in vmlinux.h: include/uapi/linux/capability.h, include/linux/sched/coredump.h,
 * include/linux/user_namespace.h. */
#define CAP_SYS_PTRACE 19
#define MMF_DUMPABLE_MASK 0x3UL
#define SUID_DUMP_USER 1
#define MAX_USER_NS_LEVEL 32

/* One step of cap_capable()'s walk up from the user namespace at s->ns_address, for the
 * reader (current: the program runs in its read()) and CAP_SYS_PTRACE: the capability in
 * the reader's effective set when the namespace is the reader's own; every capability when
 * the reader's euid owns it and its parent is the reader's namespace; else on to its
 * parent, unless the namespace is no deeper than the reader's (a NULL one reads level 0).
 * 1 stops bpf_loop(), with the answer in s->ptrace_capable. */
static long capable_step(__u64 index, void* ctx) {
  struct scratch* s = *(struct scratch**)ctx;
  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  const struct cred* cred = self->cred;
  __u64 own = (__u64)cred->user_ns;
  struct user_namespace* ns =
      bpf_rdonly_cast((void*)s->ns_address, bpf_core_type_id_kernel(struct user_namespace));
  if (s->ns_address == own) {
    s->ptrace_capable = (cred->cap_effective.val >> CAP_SYS_PTRACE) & 1;
    return 1;
  }
  if (ns->level <= cred->user_ns->level) return 1;
  if ((__u64)ns->parent == own && ns->owner.val == cred->euid.val) {
    s->ptrace_capable = 1;
    return 1;
  }
  s->ns_address = (__u64)ns->parent;
  return 0;
}

/* ns_capable_noaudit(ns, CAP_SYS_PTRACE) for the reader and the user namespace at
 * s->ns_address. The walk (at most 32 levels) runs in bpf_loop() with its state in the
 * scratch, so that the verifier checks one step once instead of each of 33 unrolled ones
 * (which doubled the instructions it processed); and in a global function, so that it
 * checks the loop once, whoever calls it. */
__noinline int reader_ptrace_capable(struct scratch* s) {
  if (!s) return 0;
  s->ptrace_capable = 0;
  struct scratch* ctx = s;
  bpf_loop(MAX_USER_NS_LEVEL + 1, capable_step, &ctx, 0);
  return s->ptrace_capable;
}

/* ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS | PTRACE_MODE_NOAUDIT) for the reader
 * and the task at s->task_address: what do_task_stat() asks before it shows the task's code
 * addresses (stat fields 26 and 27, which a reader that may not ptrace the task sees as 1).
 * __ptrace_may_access(): a task of the reader's own thread group; else the reader's fsuid
 * and fsgid equal to the task's real, effective and saved ids, or CAP_SYS_PTRACE over the
 * task's user namespace; then a task whose mm is not dumpable (SUID_DUMP_USER) only with
 * CAP_SYS_PTRACE over the mm's namespace; then the capability module's
 * cap_ptrace_access_check(): the task's permitted set within the reader's effective set,
 * both in one user namespace, or CAP_SYS_PTRACE over the task's. Yama restricts attaching
 * only, not READ access; other security modules that might refuse more (SELinux, AppArmor,
 * Smack, Landlock) are not replayed. Decided here rather than in user space, which has
 * neither the task's dumpability nor its user namespaces. A global function, verified
 * once. */
__noinline int reader_may_ptrace(struct scratch* s) {
  if (!s) return 0;
  struct task_struct* t =
      bpf_rdonly_cast((void*)s->task_address, bpf_core_type_id_kernel(struct task_struct));
  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  if ((__u64)t->signal == (__u64)self->signal) return 1; /* same_thread_group() */
  const struct cred* cred = self->cred;    /* current_cred(): the subjective credentials */
  const struct cred* tcred = t->real_cred; /* __task_cred(): the objective ones */
  __u32 fsuid = cred->fsuid.val, fsgid = cred->fsgid.val;
  int same_ids = fsuid == tcred->uid.val && fsuid == tcred->euid.val && fsuid == tcred->suid.val &&
                 fsgid == tcred->gid.val && fsgid == tcred->egid.val && fsgid == tcred->sgid.val;
  /* Namespaces go to reader_ptrace_capable() through the scratch: the verifier takes a
   * pointer read back from memory for a plain number, and refuses a pointer argument. */
  s->ns_address = (__u64)tcred->user_ns;
  if (!same_ids && !reader_ptrace_capable(s)) return 0;
  struct mm_struct* mm = t->mm;
  /* get_dumpable(): the low bits of mm->flags (an unsigned long, or since 6.18 the first
   * word of mm_flags_t's bitmap). */
  if ((__u64)mm && (*(unsigned long*)&mm->flags & MMF_DUMPABLE_MASK) != SUID_DUMP_USER) {
    s->ns_address = (__u64)mm->user_ns;
    if (!reader_ptrace_capable(s)) return 0;
  }
  if ((__u64)cred->user_ns == (__u64)tcred->user_ns &&
      !(tcred->cap_permitted.val & ~cred->cap_effective.val))
    return 1;
  s->ns_address = (__u64)tcred->user_ns;
  return reader_ptrace_capable(s);
}

static __always_inline __u64 mm_counter(struct mm_struct* mm, int member) {
  /* get_mm_counter(): percpu_counter_read_positive(). */
  __s64 count = mm->rss_stat[member].count;
  return count < 0 ? 0 : (__u64)count;
}

/* Set by the loader before the first dump: 1 where /proc/PID/status prints the exact sums
 * of the mm's rss counters, each CPU's part added (task_mem()'s get_mm_counter_sum(), Linux
 * 6.16 and later), 0 where it prints their approximations, as stat's rss still does. The
 * parts differ by up to the counters' batch per CPU: hundreds of KiB, most in processes
 * whose threads fault pages in on several CPUs. */
__u32 status_sums_rss = 0;

/* Where a CPU's copies of per-CPU data lie: this map's value for a CPU, minus the map's
 * per-CPU pointer of it, is the CPU's offset (per_cpu_ptr(p, cpu) - p). The kernel's own
 * per-CPU symbols are out of reach: typed ksyms of data need CONFIG_KALLSYMS_ALL. */
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u32);
} cpu_anchor SEC(".maps");

/* A pointer's value as a plain number, which the verifier lets us add offsets to. */
static __always_inline __u64 address_of(const void* pointer) {
  __u64 address = 0;
  bpf_probe_read_kernel(&address, sizeof address, &pointer);
  return address;
}

/* The rss counters status prints (file, anon, shmem), summed over the CPUs by add_cpu_part:
 * the addresses of their per-CPU parts, and the anchor's per-CPU pointer. */
struct rss_sums {
  __u64 parts[3];
  __s64 sums[3];
  __u64 anchor;
};
static const int kRssMembers[3] = {MM_FILEPAGES, MM_ANONPAGES, MM_SHMEMPAGES};

/* bpf_loop() callback: adds CPU `cpu`'s parts; stops past the last possible CPU. */
static long add_cpu_part(__u64 cpu, struct rss_sums* rss) {
  __u32 key = 0;
  void* copy = bpf_map_lookup_percpu_elem(&cpu_anchor, &key, (__u32)cpu);
  if (!copy) return 1;
  __u64 offset = address_of(copy) - rss->anchor;
  for (int i = 0; i < 3; i++) {
    __s32 part = 0;
    bpf_probe_read_kernel(&part, sizeof part, (void*)(rss->parts[i] + offset));
    rss->sums[i] += part;
  }
  return 0;
}

/* percpu_counter_sum_positive() of the file, anon and shmem counters into out[0..2]: the
 * count plus every CPU's part (CPUs that went offline had theirs folded into the count). */
static __always_inline void rss_counter_sums(struct mm_struct* mm, __u64* out) {
  struct rss_sums rss = {};
  struct bpf_array* anchor =
      bpf_rdonly_cast(&cpu_anchor, bpf_core_type_id_kernel(struct bpf_array));
  bpf_probe_read_kernel(&rss.anchor, sizeof rss.anchor, &anchor->pptrs[0]);
  for (int i = 0; i < 3; i++) {
    rss.sums[i] = mm->rss_stat[kRssMembers[i]].count;
    bpf_probe_read_kernel(&rss.parts[i], sizeof rss.parts[i],
                          &mm->rss_stat[kRssMembers[i]].counters);
  }
  bpf_loop(1 << 16, add_cpu_part, &rss, 0);
  for (int i = 0; i < 3; i++)
    out[i] = rss.sums[i] < 0 ? 0 : (__u64)rss.sums[i];
}

/* get_mm_cmdline(): the argv area, or with setproctitle() (the last argv byte overwritten)
 * the first string of up to a page from arg_start, overflowing into the environment. Returns
 * the length copied into `out`, 0 for none, -1 when it is too long for one record. `t` is
 * trusted, `mm` untrusted. The argv area is copied first and its last byte tells the two
 * cases apart: one copy for the usual command line. */
static __always_inline long read_cmdline(struct task_struct* t, struct mm_struct* mm, char* out) {
  unsigned long arg_start = mm->arg_start, arg_end = mm->arg_end;
  unsigned long env_start = mm->env_start, env_end = mm->env_end;
  if (!env_end || arg_start >= arg_end) return 0;
  if (env_start != arg_end || env_end < env_start) env_start = env_end = arg_end;
  unsigned long arg_len = arg_end - arg_start;
  if (arg_len <= CMDLINE_MAX) {
    if (bpf_copy_from_user_task(out, arg_len, (void*)arg_start, t, 0) != 0) return 0;
    __u64 last = arg_len - 1;
    barrier_var(last);
    if (last < CMDLINE_MAX && out[last] == 0) return arg_len;
  } else {
    char last = 0;
    if (bpf_copy_from_user_task(&last, 1, (void*)(arg_end - 1), t, 0) != 0 || !last) return -1;
  }
  unsigned long len = env_end - arg_start;
  unsigned long want = len < PAGE_SIZE ? len : PAGE_SIZE;
  if (want == 0 || bpf_copy_from_user_task(out, want, (void*)arg_start, t, 0) != 0) return 0;
  /* strnlen() plus the NUL, in place: the string read stops at the first NUL and returns
   * its length with the NUL, or `want` after overwriting the last byte with a NUL, which
   * is then put back. */
  char kept = out[(want - 1) & (PAGE_SIZE - 1)];
  long n = bpf_probe_read_kernel_str(out, want, out);
  out[(want - 1) & (PAGE_SIZE - 1)] = kept;
  return n > 0 && (unsigned long)n < want ? n : (long)want;
}

static __always_inline bool wanted(__u32 attr) {
  return request.show_flags & TASK_DIAG_SHOW(attr);
}

/* s->len through volatile accesses: clang would otherwise keep it in a register (nothing
 * it may alias is written), where its value differs with each combination of requested
 * attributes and, being an offset into s->msg, is precise: each combination would be a
 * path of its own for the verifier (64 of them). Read from memory, it is one unknown. */
static __always_inline __u32 get_len(struct scratch* s) {
  return *(volatile __u32*)&s->len;
}
static __always_inline void set_len(struct scratch* s, __u32 len) {
  *(volatile __u32*)&s->len = len;
}
static __always_inline void grow_len(struct scratch* s, __u32 by) {
  set_len(s, get_len(s) + by);
}
/* Where the next attribute of s->msg goes. */
static __always_inline __u8* next_attr(struct scratch* s) {
  return s->msg + (get_len(s) & 511);
}

/* What every message of one program run shares, on the program's stack: plain data, for
 * the global functions. The verifier takes what a global function may have written for
 * unknown, so that nothing here splits its paths (a flag held in a register and tested
 * twice would: each of its values would be a path of its own through what follows). */
struct run {
  struct reader_ns ns;
  __u64 boottime_offset;
  __u64 dump;
  __u64 seq_num; /* the iterator's: 0 at a dump's first task */
  __u64 task;    /* the visited task's address */
  __u64 mm;      /* its mm's address, 0 for none */
  long cmd_len;  /* its command line in s->cmdline: bytes, 0 for none, -1 for too long */
  __u32 slot;    /* the reader slot, 0 or 1 */
  __u32 strategy;
  __u32 whole; /* process rows: group totals, as /proc/PID/stat has them, in `group_sums` */
  __u32 tid;
  __u32 tgid;
  __u32 bound; /* message_bound(cmd_len) */
  /* Flags of plan() and plan_messages(), each read with FRESH() at its uses. */
  __u32 leader;        /* the task leads its thread group */
  __u32 group;         /* the strategy writes threads (and leaders write their groups) */
  __u32 process_first; /* a leader of ALL_PROCESS_THREAD, whose process's message comes first */
  __u32 todo;          /* the answer being built */
  /* A `solo` leader's walk of its group: the last tid seen, and whether a tid came below
   * the one before it (the thread order is not the tid order). */
  __u32 last_member_tid;
  __u32 disordered;
  struct group_sums group_sums;
  /* status' rss counters of the mm at rss_mm (rss_counter_sums()), which a leader's thread
   * messages share: summed once per group. */
  __u64 rss_mm;
  __u64 rss[3];
};

/* A value read from memory at each use. In a global function, r (the caller's stack) and
 * the scratch are plain memory, so that each read is an unknown of its own for the
 * verifier: testing a flag twice does not tie the paths of the two tests together, as it
 * would for a flag kept in a register, which the second test makes precise, and each of
 * its values a path through the rest of the function. */
#define FRESH(lvalue) (*(volatile typeof(lvalue)*)&(lvalue))

/* The fixed part of the message of the task at s->task_address (head and every attribute
 * but CMDLINE) in s->msg, and in s->cmd_write the bytes of the CMDLINE attribute that
 * follows it (0 for none); returns the fixed part's length, 0 for a task the reader's
 * namespace does not show. `process`: the whole process's message of ALL_PROCESS_THREAD
 * (group totals, flagged). A global function, so the verifier checks it once, not at each
 * call and in each path of the thread loop. */
__noinline int build_message(struct scratch* s, struct run* r, int process) {
  if (!s || !r) return 0;
  struct task_struct* t =
      bpf_rdonly_cast((void*)s->task_address, bpf_core_type_id_kernel(struct task_struct));
  struct signal_struct* sig = t->signal;
  __u32 tid = pid_nr_in(t->thread_pid, &r->ns);
  __u32 tgid = pid_nr_in(sig->pids[PIDTYPE_TGID], &r->ns);
  if (!tid) return 0;
  struct wire_head* head = (struct wire_head*)s->msg;
  wire_head_init(head, 0, request.seq, tid, tgid);
  /* What is tested more than once is kept in s and read with FRESH() at each test: a
   * value kept in a register would be precise after its second test, and each of its
   * values a path of its own through what lies between (t->flags is read again, for its
   * kernel-thread bit). */
  s->head_flags = process ? TASK_DIAG_FLAG_PROCESS : 0;
  s->procfs = 0;
  s->cmd_write = 0;
  set_len(s, sizeof(struct wire_head));

  if (wanted(TASK_DIAG_BASE)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_BASE, sizeof(struct task_diag_base));
    struct task_diag_base* b = (void*)(at + 4);
    b->tgid = tgid;
    b->pid = tid;
    /* task_tgid_nr_ns(task->real_parent) when pid_alive(task). */
    b->ppid = t->thread_pid ? pid_nr_in(t->real_parent->signal->pids[PIDTYPE_TGID], &r->ns) : 0;
    b->tpid = 0;
    if (t->ptrace && t->thread_pid) b->tpid = pid_nr_in(t->parent->thread_pid, &r->ns);
    b->sid = pid_nr_in(sig->pids[PIDTYPE_SID], &r->ns);
    b->pgid = pid_nr_in(sig->pids[PIDTYPE_PGID], &r->ns);
    b->state = task_state_index(t);
    __builtin_memcpy(b->comm, t->comm, TASK_DIAG_COMM_LEN);
    b->comm[TASK_DIAG_COMM_LEN - 1] = 0;
    __u32 flags = FRESH(t->flags);
    if ((flags & PF_WQ_WORKER) || ((flags & PF_KTHREAD) && b->comm[TASK_DIAG_COMM_LEN - 2]))
      s->procfs = TASK_DIAG_PROCFS_COMM;
    grow_len(s, 4 + sizeof(struct task_diag_base));
  }
  if (wanted(TASK_DIAG_CRED)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_CRED, sizeof(struct task_diag_creds));
    fill_cred(t, (void*)(at + 4));
    grow_len(s, 4 + sizeof(struct task_diag_creds));
  }
  if (wanted(TASK_DIAG_STAT)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_STAT, sizeof(struct task_diag_stat));
    struct task_diag_stat* st = (void*)(at + 4);
    /* The group's figures or the task's, then one cputime_adjust() for either. */
    __u64 utime, stime, rtime, prev_utime, prev_stime, ut, stm;
    if (FRESH(s->head_flags) || FRESH(r->whole)) {
      st->minflt = r->group_sums.min_flt;
      st->majflt = r->group_sums.maj_flt;
      utime = r->group_sums.utime;
      stime = r->group_sums.stime;
      rtime = r->group_sums.rtime;
      prev_utime = sig->prev_cputime.utime;
      prev_stime = sig->prev_cputime.stime;
    } else {
      st->minflt = t->min_flt;
      st->majflt = t->maj_flt;
      utime = t->utime;
      stime = t->stime;
      rtime = t->se.sum_exec_runtime;
      prev_utime = t->prev_cputime.utime;
      prev_stime = t->prev_cputime.stime;
    }
    cputime_adjust(utime, stime, rtime, prev_utime, prev_stime, &ut, &stm);
    st->utime = nsec_to_clock_t(ut);
    st->stime = nsec_to_clock_t(stm);
    st->cminflt = sig->cmin_flt;
    st->cmajflt = sig->cmaj_flt;
    st->cutime = nsec_to_clock_t(sig->cutime);
    st->cstime = nsec_to_clock_t(sig->cstime);
    st->threads = sig->nr_threads;
    grow_len(s, 4 + sizeof(struct task_diag_stat));
  }
  if (wanted(TASK_DIAG_EXT_SCHED)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_EXT_SCHED,
                   sizeof(struct task_diag_ext_sched));
    struct task_diag_ext_sched* e = (void*)(at + 4);
    e->priority = t->prio - 100;
    e->nice = t->static_prio - 120;
    e->policy = t->policy;
    e->rt_priority = t->rt_priority;
    e->processor = t->thread_info.cpu;
    e->flags = FRESH(t->flags);
    e->start_time = nsec_to_clock_t(t->start_boottime + r->boottime_offset);
    e->exit_signal = t->exit_signal;
    e->nlwp = sig->nr_threads;
    e->pad = 0;
    grow_len(s, 4 + sizeof(struct task_diag_ext_sched));
  }
  if (wanted(TASK_DIAG_EXT_TTY)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_EXT_TTY,
                   sizeof(struct task_diag_ext_tty));
    struct task_diag_ext_tty* e = (void*)(at + 4);
    struct tty_struct* tty = sig->tty;
    e->tty_nr = 0;
    e->tpgid = -1;
    if (tty) {
      __u32 major = tty->driver->major;
      __u32 minor = tty->driver->minor_start + tty->index;
      e->tty_nr = new_encode_dev((major << 20) | minor);
      e->tpgid = pid_nr_in(tty->ctrl.pgrp, &r->ns);
    }
    grow_len(s, 4 + sizeof(struct task_diag_ext_tty));
  }
  /* get_task_mm(): kernel threads have none, exited tasks neither. */
  s->task_mm = (FRESH(t->flags) & PF_KTHREAD) ? 0 : (__u64)t->mm;
  if (FRESH(s->task_mm) && wanted(TASK_DIAG_EXT_MM)) {
    struct mm_struct* mm =
        bpf_rdonly_cast((void*)FRESH(s->task_mm), bpf_core_type_id_kernel(struct mm_struct));
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_EXT_MM, sizeof(struct task_diag_ext_mm));
    struct task_diag_ext_mm* e = (void*)(at + 4);
    e->vsize = mm->total_vm << PAGE_SHIFT;
    e->rss_file = mm_counter(mm, MM_FILEPAGES);
    e->rss_anon = mm_counter(mm, MM_ANONPAGES);
    e->rss_shmem = mm_counter(mm, MM_SHMEMPAGES);
    e->rss = e->rss_file + e->rss_anon + e->rss_shmem;
    if (status_sums_rss) {
      if (r->rss_mm != FRESH(s->task_mm)) {
        rss_counter_sums(mm, r->rss);
        r->rss_mm = FRESH(s->task_mm);
      }
      e->rss_file = r->rss[0];
      e->rss_anon = r->rss[1];
      e->rss_shmem = r->rss[2];
    }
    e->locked_vm = mm->locked_vm;
    /* do_task_stat(): 1 for both to a reader that may not ptrace the task. */
    e->start_code = 1;
    e->end_code = 1;
    if (reader_may_ptrace(s)) {
      e->start_code = mm->start_code;
      e->end_code = mm->end_code;
    }
    grow_len(s, 4 + sizeof(struct task_diag_ext_mm));
  }
  if (FRESH(s->task_mm) && wanted(TASK_DIAG_CMDLINE) && FRESH(r->cmd_len) < 0)
    s->procfs |= TASK_DIAG_PROCFS_CMDLINE;
  if (!process && FRESH(r->disordered) && s->task_address == r->task)
    s->procfs |= TASK_DIAG_PROCFS_THREAD_ORDER;
  if (FRESH(s->procfs)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_EXT_PROCFS,
                   sizeof(struct task_diag_ext_procfs));
    ((struct task_diag_ext_procfs*)(void*)(at + 4))->fields = FRESH(s->procfs);
    grow_len(s, 4 + sizeof(struct task_diag_ext_procfs));
  }
  if (FRESH(s->task_mm) && wanted(TASK_DIAG_CMDLINE)) {
    long cmd_len = FRESH(r->cmd_len);
    if (cmd_len > 0 && cmd_len <= CMDLINE_MAX) s->cmd_write = WIRE_ALIGN(4 + (__u32)cmd_len);
  }
  __u32 len = get_len(s) & 511;
  head->nlh.nlmsg_len = len + FRESH(s->cmd_write);
  head->msg.flags = FRESH(s->head_flags);
  return len;
}

/* The largest message build_message() can make with a command line of cmd_len bytes. */
static __always_inline __u32 message_bound(long cmd_len) {
  static const struct {
    __u32 attr, size;
  } kSizes[] = {
      {TASK_DIAG_BASE, sizeof(struct task_diag_base)},
      {TASK_DIAG_CRED, sizeof(struct task_diag_creds)},
      {TASK_DIAG_STAT, sizeof(struct task_diag_stat)},
      {TASK_DIAG_EXT_SCHED, sizeof(struct task_diag_ext_sched)},
      {TASK_DIAG_EXT_TTY, sizeof(struct task_diag_ext_tty)},
      {TASK_DIAG_EXT_MM, sizeof(struct task_diag_ext_mm)},
  };
  __u32 bound = sizeof(struct wire_head) + 4 + sizeof(struct task_diag_ext_procfs);
  for (int i = 0; i < sizeof kSizes / sizeof kSizes[0]; i++)
    if (wanted(kSizes[i].attr)) bound += 4 + kSizes[i].size;
  if (wanted(TASK_DIAG_CMDLINE) && cmd_len > 0) bound += WIRE_ALIGN(4 + (__u32)cmd_len);
  return bound;
}

/* The command line of the visited task (`task`, trusted: the copy needs it) for this dump,
 * cached, in s->cmdline and r->cmd_len. */
static __always_inline void cmdline_of(struct scratch* s, struct task_struct* task, struct run* r) {
  if (s->cached_dump != r->dump || s->cached_mm != r->mm || s->cached_tgid != r->tgid) {
    struct mm_struct* mm = bpf_rdonly_cast((void*)r->mm, bpf_core_type_id_kernel(struct mm_struct));
    long len = read_cmdline(task, mm, s->cmdline);
    if (len > CMDLINE_MAX) len = 0;
    s->cached_dump = r->dump;
    s->cached_mm = r->mm;
    s->cached_tgid = r->tgid;
    s->cached_len = len;
    if (len > 0) {
      s->cmd_nla = (4 + (__u32)len) | ((__u32)TASK_DIAG_CMDLINE << 16);
      /* The zero padding after the text, written once with it. */
      __u64 end = len;
      barrier_var(end);
      if (end <= CMDLINE_MAX)
        for (int i = 0; i < 4; i++)
          s->cmdline[end + i] = 0;
    }
  }
  /* Read back from memory: one unknown value for every path above. */
  r->cmd_len = *(volatile __s32*)&s->cached_len;
}

/* The reader slot of the running program: 1 for the second reader of a split dump. A global
 * function, so that the verifier sees one unknown slot rather than two paths. */
__noinline int reader_slot(void) {
  if (!request.split) return 0;
  /* The reader thread's tid as gettid() gave it to user space: in its own pid namespace. */
  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  struct pid* pid = self->thread_pid;
  struct upid* upid = bpf_rdonly_cast(&pid->numbers[pid->level & (MAX_PID_NS_LEVEL - 1)],
                                      bpf_core_type_id_kernel(struct upid));
  return readers[1].reader_tid == upid->nr;
}

/* What plan() asks of dump_task. */
#define PLAN_WRITE 0x1     /* the task is written; nothing else is set without it */
#define PLAN_SUM_GROUP 0x2 /* sum its thread group into r->group_sums */
#define PLAN_CMDLINE 0x4   /* read its command line */
#define PLAN_STOP 0x8      /* alone: end this reader's walk (returns 1: no later task is its) */

/* Which tasks a dump writes, and what its messages need, for the task at s->task_address:
 * fills r (whose slot and seq_num the caller set) and returns PLAN_* bits, 0 for a task
 * this dump skips. A global function, verified once: the strategies and the task's kind
 * (leader, thread, kernel thread) are not multiplied through the rest of the program. */
__noinline int plan(struct scratch* s, struct run* r) {
  if (!s || !r) return 0;
  struct task_struct* t =
      bpf_rdonly_cast((void*)s->task_address, bpf_core_type_id_kernel(struct task_struct));
  r->task = s->task_address;
  r->strategy = request.strategy;
  struct reader_slot* reader = &readers[r->slot & 1];
  if (r->seq_num == 0) {
    __u64 generation = __sync_add_and_fetch(&dump_generation, 1);
    s->generation = generation;
    /* For IterTransport's check of where a split dump's walk ended. */
    reader->generation = generation;
  }
  r->dump = s->generation;
  r->ns = reader_pid_ns();
  /* A reader in the initial pid namespace sees every task by its global ids, which the
   * task itself holds: a split dump's second reader passes half the tasks, and their pid
   * and signal structs would be cache misses. Deeper readers translate. */
  if (r->ns.ns && r->ns.level == 0) {
    r->tid = t->pid;
    r->tgid = t->tgid;
  } else {
    r->tid = pid_nr_in(t->thread_pid, &r->ns);
    r->tgid = pid_nr_in(t->signal->pids[PIDTYPE_TGID], &r->ns);
  }
  if (!FRESH(r->tid)) return 0;
  if (request.split) {
    /* Tasks come in tid order, and a thread's tid is above its leader's unless tids wrapped
     * (then below): past tgid_end only the threads of processes that write their threads one
     * by one (`solo`) can still be this reader's. Without those, the first reader's walk ends
     * here instead of visiting the second reader's tasks too. */
    if (FRESH(r->tid) >= reader->tgid_end && reader->solo_dump != FRESH(r->dump) &&
        FRESH(s->solo_overflow) != FRESH(r->dump)) {
      reader->ended = FRESH(r->dump);
      return PLAN_STOP;
    }
    if (FRESH(r->tgid) < reader->tgid_low || FRESH(r->tgid) >= reader->tgid_end) return 0;
  }
  r->leader = t->group_leader == t;
  if ((FRESH(r->strategy) == TASK_DIAG_DUMP_ALL || FRESH(r->strategy) == TASK_DIAG_DUMP_CHILDREN) &&
      !FRESH(r->leader))
    return 0;
  r->group = FRESH(r->strategy) == TASK_DIAG_DUMP_ALL_THREAD ||
             FRESH(r->strategy) == TASK_DIAG_DUMP_THREAD ||
             FRESH(r->strategy) == TASK_DIAG_DUMP_ALL_PROCESS_THREAD;
  /* A thread after its leader: written by the leader unless the leader said otherwise.
   * Whole dumps come in tid order, so a thread with a smaller tid than its leader's comes
   * before it; THREAD walks one process in its thread order, leader first. */
  if (FRESH(r->group) && !FRESH(r->leader) &&
      (FRESH(r->tid) > FRESH(r->tgid) || FRESH(r->strategy) == TASK_DIAG_DUMP_THREAD) &&
      FRESH(s->solo_overflow) != FRESH(r->dump)) {
    __u32 tgid = FRESH(r->tgid);
    if (!bpf_map_lookup_elem(&solo, &tgid)) return 0;
  }
  if (FRESH(r->strategy) == TASK_DIAG_DUMP_CHILDREN &&
      pid_nr_in(t->real_parent->thread_pid, &r->ns) != request.pid)
    return 0;

  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  struct time_namespace* tns = self->nsproxy->time_ns;
  r->boottime_offset =
      tns ? (__u64)tns->offsets.boottime.tv_sec * NSEC_PER_SEC + tns->offsets.boottime.tv_nsec : 0;
  r->whole = FRESH(r->strategy) == TASK_DIAG_DUMP_ALL ||
             FRESH(r->strategy) == TASK_DIAG_DUMP_CHILDREN ||
             FRESH(r->strategy) == TASK_DIAG_DUMP_ONE;
  /* A leader of ALL_PROCESS_THREAD writes its process's message before its threads'. */
  r->process_first = FRESH(r->strategy) == TASK_DIAG_DUMP_ALL_PROCESS_THREAD && FRESH(r->leader);
  r->mm = (t->flags & PF_KTHREAD) ? 0 : (__u64)t->mm;
  r->cmd_len = 0;
  r->todo = PLAN_WRITE;
  if ((FRESH(r->whole) || FRESH(r->process_first)) && wanted(TASK_DIAG_STAT))
    r->todo |= PLAN_SUM_GROUP;
  if (FRESH(r->mm) && wanted(TASK_DIAG_CMDLINE)) r->todo |= PLAN_CMDLINE;
  return FRESH(r->todo);
}

/* What plan_messages() asks of dump_task. */
#define MESSAGES_PROCESS 0x1 /* first the process's message (ALL_PROCESS_THREAD) */
#define MESSAGES_GROUP 0x2   /* then the whole thread group's, else the task's own */
#define MESSAGES_SOLO 0x4    /* a leader whose threads write themselves: walk the group first */

/* How the task plan() admitted is written, once r->cmd_len is known: returns MESSAGES_*
 * bits; sets s->room and r->bound for a group, marks a process whose threads write
 * themselves in `solo`. A global function, verified once. */
__noinline int plan_messages(struct scratch* s, struct run* r) {
  if (!s || !r) return 0;
  struct task_struct* t =
      bpf_rdonly_cast((void*)r->task, bpf_core_type_id_kernel(struct task_struct));
  __u32 threads = t->signal->nr_threads;
  r->bound = message_bound(r->cmd_len);
  s->room = SEQ_RECORD_MAX;
  r->todo = FRESH(r->process_first) ? MESSAGES_PROCESS : 0;
  if (FRESH(r->group) && FRESH(r->leader) && threads > 1) {
    __u32 tgid = FRESH(r->tgid);
    if (FRESH(s->solo_overflow) != FRESH(r->dump) && (FRESH(r->mm) || !wanted(TASK_DIAG_CMDLINE)) &&
        (__u64)(threads + FRESH(r->process_first)) * FRESH(r->bound) <= SEQ_RECORD_MAX) {
      r->todo |= MESSAGES_GROUP;
      /* A mark left from a dump in which the group did not fit. */
      if (FRESH(solo_marks) && bpf_map_lookup_elem(&solo, &tgid)) bpf_map_delete_elem(&solo, &tgid);
    } else {
      __u64 dump = FRESH(r->dump);
      readers[r->slot & 1].solo_dump = dump;
      if (bpf_map_update_elem(&solo, &tgid, &dump, 0))
        s->solo_overflow = dump;
      else
        __sync_fetch_and_add(&solo_marks, 1);
      /* Its threads then come in tid order, but in THREAD's walk in thread order. */
      if (FRESH(r->strategy) != TASK_DIAG_DUMP_THREAD) r->todo |= MESSAGES_SOLO;
    }
  }
  return FRESH(r->todo);
}

/* One member of a thread group its leader walks, at s->task_address. A leader that writes
 * its group: builds the member's message (returns its length), 0 for a member not shown,
 * -1 when the record has no room left for a message; a member with a smaller tid than the
 * leader's wrote itself already, and is written again here, in its place in the thread
 * order. A `solo` leader: notes whether the member's tid comes below the one before it,
 * and returns 0. Global, verified once. */
__noinline int build_member(struct scratch* s, struct run* r) {
  if (!s || !r) return 0;
  if (FRESH(r->todo) & MESSAGES_SOLO) {
    struct task_struct* m =
        bpf_rdonly_cast((void*)s->task_address, bpf_core_type_id_kernel(struct task_struct));
    __u32 member_tid = pid_nr_in(m->thread_pid, &r->ns);
    if (member_tid && member_tid < FRESH(r->last_member_tid)) r->disordered = 1;
    if (member_tid) r->last_member_tid = member_tid;
    return 0;
  }
  /* Threads born since the count: stop where the record ends. */
  if (s->room < r->bound) return -1;
  return build_message(s, r, 0);
}

/* Writes the message build_message() left in s (fixed part of `len` bytes, then the
 * command line); returns the bytes written. */
static __always_inline __u32 write_message(struct seq_file* seq, struct scratch* s, int len) {
  barrier_var(len); /* clang knows the bound, the verifier must be told */
  if (len <= 0 || len >= MSG_MAX) return 0;
  bpf_seq_write(seq, s->msg, len);
  __u32 padded = *(volatile __u32*)&s->cmd_write;
  if (padded == 0 || padded > 4 + CMDLINE_MAX) return len;
  bpf_seq_write(seq, &s->cmd_nla, padded);
  return len + padded;
}

SEC("iter.s/task")
int dump_task(struct bpf_iter__task* ctx) {
  struct seq_file* seq = ctx->meta->seq;
  struct task_struct* task = ctx->task;
  if (!task) return 0;
  __u32 slot = reader_slot() & 1;
  struct scratch* s = bpf_task_storage_get(&scratch_map, bpf_get_current_task_btf(), 0,
                                           BPF_LOCAL_STORAGE_GET_F_CREATE);
  /* No memory for this reader's scratch: its reads fail (EAGAIN) rather than skip a task. */
  if (!s) return 1;
  struct run r = {};
  r.slot = slot;
  r.seq_num = ctx->meta->seq_num;
  /* s->task_address is set before each global function that reads it. */
  s->task_address = (__u64)task;
  int todo = plan(s, &r);
  if (todo & PLAN_STOP) return 1;
  if (!(todo & PLAN_WRITE)) return 0;
  if (todo & PLAN_SUM_GROUP) sum_group(task, untrusted(task)->signal, &r.group_sums);
  if (todo & PLAN_CMDLINE) cmdline_of(s, task, &r);

  s->task_address = (__u64)task;
  int messages = plan_messages(s, &r);
  /* One call site per kind of message: each one costs the verifier a pass. */
  if (messages & MESSAGES_PROCESS) {
    s->task_address = (__u64)task;
    s->room -= write_message(seq, s, build_message(s, &r, 1));
  }
  if (messages & (MESSAGES_GROUP | MESSAGES_SOLO)) {
    /* The leader writes its thread group in the kernel's thread order (as /proc/PID/task
     * lists it), or, `solo`, checks that order against the tid order its threads come in. */
    struct bpf_iter_task it;
    struct task_struct* member;
    bpf_rcu_read_lock();
    bpf_iter_task_new(&it, task, BPF_TASK_ITER_PROC_THREADS);
    while ((member = bpf_iter_task_next(&it))) {
      s->task_address = (__u64)member;
      int len = build_member(s, &r);
      if (len < 0) break;
      s->room -= write_message(seq, s, len);
    }
    bpf_iter_task_destroy(&it);
    bpf_rcu_read_unlock();
  }
  if (!(messages & MESSAGES_GROUP)) {
    /* The process's message and this one each carry the command line: one too long for
     * both in the record is left to procfs in this one. */
    if (FRESH(s->room) < FRESH(r.bound)) r.cmd_len = -1;
    s->task_address = (__u64)task;
    write_message(seq, s, build_message(s, &r, 0));
  }
  return 0;
}
