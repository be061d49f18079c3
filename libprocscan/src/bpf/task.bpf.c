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
 * visited first and always write themselves. A duplicate is harmless (the decoder keeps the
 * last copy of a pid); a task that neither writes would be lost, which this order rules
 * out. */
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
  /* The command line in `cmdline` belongs to this mm and thread group in this dump. */
  __u64 cached_dump;
  __u64 cached_mm;
  __u32 cached_tgid;
  __s32 cached_len; /* bytes, 0 for none, -1 for too long */
  __u32 cmd_nla;    /* nlattr header of CMDLINE: len | type << 16 */
  char cmdline[CMDLINE_MAX + 4];
};

/* Counts dumps (bumped at each iterator's first task), so that nothing cached outlives the
 * dump that wrote it. */
__u64 dump_generation = 0;

/* A slot per reader of a split dump: a sleeping reader's CPU may run the other one. */
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, WIRE_READER_SLOTS);
  __type(key, __u32);
  __type(value, struct scratch);
} scratch_map SEC(".maps");

/* Thread groups written thread by thread in a dump: tgid -> dump_generation. Grows only
 * for processes whose threads do not fit one record; when it is full, every later task
 * writes itself (see solo_overflow). 8,192 entries: the loader allocates and clears the
 * bucket array at every load, and 65,536 took 4 of its 22 ms. */
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __uint(max_entries, 8192);
  __type(key, __u32);
  __type(value, __u64);
} solo SEC(".maps");

/* The dump in which `solo` filled up: from then on nobody relies on a leader. */
__u64 solo_overflow = 0;

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
#include "bpf/mul_div.h"

/* cputime_adjust() without its update of prev: the same numbers a /proc read would print
 * now, and that read's update of prev does not change what the next reader sees. */
static __always_inline void cputime_adjust(__u64 utime, __u64 stime, __u64 rtime,
                                           struct prev_cputime* prev, __u64* ut, __u64* st) {
  __u64 prev_utime = prev->utime, prev_stime = prev->stime;
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

static __always_inline __u64 mm_counter(struct mm_struct* mm, int member) {
  /* get_mm_counter(): percpu_counter_read_positive(). */
  __s64 count = mm->rss_stat[member].count;
  return count < 0 ? 0 : (__u64)count;
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

/* What every message of one program run shares: plain data, for the global function. */
struct run {
  struct reader_ns ns;
  __u64 boottime_offset;
  __u64 dump;
  __u32 strategy;
  __u32 whole;        /* process rows: group totals, as /proc/PID/stat has them, in `group` */
  __u32 process_flag; /* TASK_DIAG_FLAG_PROCESS on the message being written */
  struct group_sums group;
};

/* The fixed part of one task's message (head and every attribute but CMDLINE) in s->msg;
 * returns its length, 0 for a task the reader's namespace does not show. A global function,
 * so the verifier checks it once, not at each call and in each path of the thread loop. */
__noinline int build_message(struct scratch* s, struct run* r, long cmd_len) {
  if (!s || !r) return 0;
  struct task_struct* t =
      bpf_rdonly_cast((void*)s->task_address, bpf_core_type_id_kernel(struct task_struct));
  struct signal_struct* sig = t->signal;
  __u32 tid = pid_nr_in(t->thread_pid, &r->ns);
  __u32 tgid = pid_nr_in(sig->pids[PIDTYPE_TGID], &r->ns);
  if (!tid) return 0;
  __u32 flags = t->flags;
  __u64 procfs = 0;
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
    if ((flags & PF_WQ_WORKER) || ((flags & PF_KTHREAD) && b->comm[TASK_DIAG_COMM_LEN - 2]))
      procfs |= TASK_DIAG_PROCFS_COMM;
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
    __u64 ut, stm;
    if (r->whole) {
      st->minflt = r->group.min_flt;
      st->majflt = r->group.maj_flt;
      cputime_adjust(r->group.utime, r->group.stime, r->group.rtime, &sig->prev_cputime, &ut, &stm);
    } else {
      st->minflt = t->min_flt;
      st->majflt = t->maj_flt;
      cputime_adjust(t->utime, t->stime, t->se.sum_exec_runtime, &t->prev_cputime, &ut, &stm);
    }
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
    e->flags = flags;
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
  struct mm_struct* mm = (flags & PF_KTHREAD) ? 0 : t->mm;
  if (mm && wanted(TASK_DIAG_EXT_MM)) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_EXT_MM, sizeof(struct task_diag_ext_mm));
    struct task_diag_ext_mm* e = (void*)(at + 4);
    e->vsize = mm->total_vm << PAGE_SHIFT;
    e->rss_file = mm_counter(mm, MM_FILEPAGES);
    e->rss_anon = mm_counter(mm, MM_ANONPAGES);
    e->rss_shmem = mm_counter(mm, MM_SHMEMPAGES);
    e->rss = e->rss_file + e->rss_anon + e->rss_shmem;
    e->locked_vm = mm->locked_vm;
    e->start_code = mm->start_code;
    e->end_code = mm->end_code;
    grow_len(s, 4 + sizeof(struct task_diag_ext_mm));
  }
  if (mm && wanted(TASK_DIAG_CMDLINE) && cmd_len < 0) procfs |= TASK_DIAG_PROCFS_CMDLINE;
  if (procfs) {
    __u8* at = next_attr(s);
    wire_attr_init((__u16*)at, (__u16*)(at + 2), TASK_DIAG_EXT_PROCFS,
                   sizeof(struct task_diag_ext_procfs));
    ((struct task_diag_ext_procfs*)(void*)(at + 4))->fields = procfs;
    grow_len(s, 4 + sizeof(struct task_diag_ext_procfs));
  }
  __u32 len = get_len(s) & 511, total = len;
  if (mm && wanted(TASK_DIAG_CMDLINE) && cmd_len > 0) total += WIRE_ALIGN(4 + (__u32)cmd_len);
  wire_head_init((struct wire_head*)s->msg, total, request.seq, tid, tgid);
  ((struct wire_head*)s->msg)->msg.flags = r->process_flag;
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

/* The command line of `leader` (trusted: the copy needs it) for this dump, cached. */
static __always_inline long cmdline_of(struct scratch* s, struct task_struct* task,
                                       struct mm_struct* mm, __u32 tgid, const struct run* r) {
  if (s->cached_dump == r->dump && s->cached_mm == (__u64)mm && s->cached_tgid == tgid)
    return s->cached_len;
  long len = read_cmdline(task, mm, s->cmdline);
  if (len > CMDLINE_MAX) len = 0;
  s->cached_dump = r->dump;
  s->cached_mm = (__u64)mm;
  s->cached_tgid = tgid;
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
  return len;
}

/* Builds and writes one task's message; returns its size, 0 when nothing was written. */
static __always_inline __u32 write_message(struct seq_file* seq, struct scratch* s,
                                           struct task_struct* t, struct run* r, long cmd_len) {
  s->task_address = (__u64)t;
  int len = build_message(s, r, cmd_len);
  barrier_var(len); /* clang knows the bound, the verifier must be told */
  if (len <= 0 || len >= MSG_MAX) return 0;
  bpf_seq_write(seq, s->msg, len);
  struct mm_struct* mm = (t->flags & PF_KTHREAD) ? 0 : t->mm;
  if (mm && wanted(TASK_DIAG_CMDLINE) && cmd_len > 0 && cmd_len <= CMDLINE_MAX) {
    __u64 padded = WIRE_ALIGN(4 + (__u64)cmd_len);
    barrier_var(padded);
    if (padded > 4 + CMDLINE_MAX) return len;
    bpf_seq_write(seq, &s->cmd_nla, padded);
    len += padded;
  }
  return len;
}

/* The whole process's message of ALL_PROCESS_THREAD: group totals, flagged; the leader's
 * own message follows. */
static __always_inline __u32 write_process_message(struct seq_file* seq, struct scratch* s,
                                                   struct task_struct* t, struct run* r,
                                                   long cmd_len) {
  r->whole = 1;
  r->process_flag = TASK_DIAG_FLAG_PROCESS;
  __u32 len = write_message(seq, s, t, r, cmd_len);
  r->whole = 0;
  r->process_flag = 0;
  return len;
}

SEC("iter.s/task")
int dump_task(struct bpf_iter__task* ctx) {
  struct seq_file* seq = ctx->meta->seq;
  struct task_struct* task = ctx->task;
  if (!task) return 0;
  struct task_struct* t = untrusted(task);

  struct task_struct* leader = t->group_leader;
  bool is_leader = leader == t;
  struct run r = {};
  r.strategy = request.strategy;
  if ((r.strategy == TASK_DIAG_DUMP_ALL || r.strategy == TASK_DIAG_DUMP_CHILDREN) && !is_leader)
    return 0;
  /* A leader of ALL_PROCESS_THREAD writes its process's message before its threads'. */
  bool process_first = r.strategy == TASK_DIAG_DUMP_ALL_PROCESS_THREAD && is_leader;
  /* The reader of a split dump: slot 1 when this thread is its second reader. */
  __u32 slot = request.split && readers[1].reader_tid == (__u32)bpf_get_current_pid_tgid();
  struct reader_slot* reader = &readers[slot & 1];
  if (ctx->meta->seq_num == 0) reader->generation = __sync_add_and_fetch(&dump_generation, 1);
  r.dump = reader->generation;
  r.ns = reader_pid_ns();
  bool group = r.strategy == TASK_DIAG_DUMP_ALL_THREAD || r.strategy == TASK_DIAG_DUMP_THREAD ||
               r.strategy == TASK_DIAG_DUMP_ALL_PROCESS_THREAD;
  __u32 tid = pid_nr_in(t->thread_pid, &r.ns);
  __u32 tgid = pid_nr_in(t->signal->pids[PIDTYPE_TGID], &r.ns);
  if (!tid) return 0;
  if (request.split && (tgid < reader->tgid_low || tgid >= reader->tgid_end)) return 0;
  /* A thread after its leader: written by the leader unless the leader said otherwise. */
  if (group && !is_leader && tid > tgid && solo_overflow != r.dump) {
    __u64* mark = bpf_map_lookup_elem(&solo, &tgid);
    if (!mark || *mark != r.dump) return 0;
  }
  if (r.strategy == TASK_DIAG_DUMP_CHILDREN &&
      pid_nr_in(t->real_parent->thread_pid, &r.ns) != request.pid)
    return 0;

  __u32 scratch_slot = slot & 1;
  struct scratch* s = bpf_map_lookup_elem(&scratch_map, &scratch_slot);
  if (!s) return 0;
  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  struct time_namespace* tns = self->nsproxy->time_ns;
  r.boottime_offset =
      tns ? (__u64)tns->offsets.boottime.tv_sec * NSEC_PER_SEC + tns->offsets.boottime.tv_nsec : 0;
  r.whole = r.strategy == TASK_DIAG_DUMP_ALL || r.strategy == TASK_DIAG_DUMP_CHILDREN ||
            r.strategy == TASK_DIAG_DUMP_ONE;
  if ((r.whole || process_first) && wanted(TASK_DIAG_STAT)) sum_group(task, t->signal, &r.group);

  struct mm_struct* mm = (t->flags & PF_KTHREAD) ? 0 : t->mm;
  long cmd_len = mm && wanted(TASK_DIAG_CMDLINE) ? cmdline_of(s, task, mm, tgid, &r) : 0;

  __u32 threads = t->signal->nr_threads;
  bool whole_group = group && is_leader && solo_overflow != r.dump && threads > 1 &&
                     (mm || !wanted(TASK_DIAG_CMDLINE)) &&
                     (__u64)(threads + process_first) * message_bound(cmd_len) <= SEQ_RECORD_MAX;
  /* One call site for the process's message: each one costs the verifier a pass. */
  __u32 process_len = process_first ? write_process_message(seq, s, t, &r, cmd_len) : 0;
  if (!whole_group) {
    if (group && is_leader && threads > 1 && bpf_map_update_elem(&solo, &tgid, &r.dump, 0))
      solo_overflow = r.dump;
    write_message(seq, s, t, &r, cmd_len);
    return 0;
  }

  /* The leader writes its thread group, in the kernel's thread order (as /proc/PID/task
   * lists it), skipping threads with smaller tids, which wrote themselves. */
  s->room = process_len < SEQ_RECORD_MAX ? SEQ_RECORD_MAX - process_len : 0;
  __u32 bound = message_bound(cmd_len);
  struct bpf_iter_task it;
  struct task_struct* member;
  bpf_rcu_read_lock();
  bpf_iter_task_new(&it, task, BPF_TASK_ITER_PROC_THREADS);
  while ((member = bpf_iter_task_next(&it))) {
    struct task_struct* m = untrusted(member);
    __u32 member_tid = pid_nr_in(m->thread_pid, &r.ns);
    if (member_tid < tid && m != t) continue;
    /* Threads born since the count: stop where the record ends. */
    if (s->room < bound) break;
    s->room -= write_message(seq, s, m, &r, cmd_len);
  }
  bpf_iter_task_destroy(&it);
  bpf_rcu_read_unlock();
  return 0;
}
