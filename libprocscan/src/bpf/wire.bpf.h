/* What every iterator program needs to write the task_diag wire format: message and
 * attribute framing, and pid numbers as the reader's pid namespace sees them.
 * Included by the *.bpf.c programs only (clang -target bpf, vmlinux.h from this kernel). */
#ifndef PROCSCAN_WIRE_BPF_H
#define PROCSCAN_WIRE_BPF_H

#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "bpf/wire_config.h"
#include "taskdiag/task_diag_abi.h"

/* Not in vmlinux.h: macros of the kernel headers. */
#define NLM_F_MULTI 0x2
#define PAGE_SHIFT 12
#define PF_KTHREAD 0x00200000
#define PF_WQ_WORKER 0x00000020
#define USER_HZ 100
#define NSEC_PER_SEC 1000000000ULL
#define MAX_PID_NS_LEVEL 32

/* struct nlmsghdr, a fixed user-space ABI, declared here rather than taken from
 * vmlinux.h: there every struct carries preserve_access_index, so each access to one of
 * its fields would be a CO-RE relocation the loader resolves against the kernel's BTF at
 * every load (a search of its types by name when the kernel's small cache of candidates
 * misses, and nlmsghdr shares a slot of that cache with percpu_counter). */
struct wire_nlmsghdr {
  __u32 nlmsg_len;
  __u16 nlmsg_type;
  __u16 nlmsg_flags;
  __u32 nlmsg_seq;
  __u32 nlmsg_pid;
};

/* The message head: nlmsghdr followed by task_diag_msg, 28 bytes, attributes follow. */
struct wire_head {
  struct wire_nlmsghdr nlh;
  struct task_diag_msg msg;
};

/* One attribute with its 4-byte nlattr header placed so that the payload is 8-aligned:
 * write from &nla_len, 4 + sizeof(payload) bytes. */
#define WIRE_ATTR(name, payload_type) \
  struct name {                       \
    __u32 unused;                     \
    __u16 nla_len;                    \
    __u16 nla_type;                   \
    payload_type p;                   \
  }

#define WIRE_ATTR_BYTES(a) (4 + sizeof((a)->p))
#define WIRE_ATTR_START(a) ((void*)&(a)->nla_len)
#define WIRE_ALIGN(len) (((len) + 3) & ~3U)

static __always_inline void wire_attr_init(__u16* nla_len, __u16* nla_type, __u16 type,
                                           __u32 payload) {
  *nla_len = 4 + payload;
  *nla_type = type;
}

/* Reads through pointers the verifier trusts cost it a search of the kernel's BTF by name
 * per load (is the field trusted too?), and BPF_CORE_READ costs a helper call per field at
 * run time. A read-only cast makes them plain loads the JIT guards with an exception
 * table: a NULL or stale pointer reads zeros. */
extern void* bpf_rdonly_cast(const void* obj, __u32 btf_id) __ksym;
#define untrusted(ptr) \
  ((typeof(ptr))bpf_rdonly_cast((ptr), bpf_core_type_id_kernel(typeof(*(ptr)))))

/* The reader's pid namespace (its address: plain data, so that a global function may take
 * it) and its level: the task that reads the iterator is current. */
struct reader_ns {
  __u64 ns;
  __u32 level;
  __u32 pad;
};

static __always_inline struct reader_ns reader_pid_ns(void) {
  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  struct pid* pid = self->thread_pid;
  struct reader_ns r = {};
  __u32 level = pid->level;
  if (level >= MAX_PID_NS_LEVEL) return r;
  r.level = level;
  struct upid* upid = bpf_rdonly_cast(&pid->numbers[level], bpf_core_type_id_kernel(struct upid));
  r.ns = (__u64)upid->ns;
  return r;
}

/* pid_nr_ns(): the number of `pid` (an untrusted pointer) in the reader's namespace, 0 when
 * it has none there. Inlined at each use, so written with few branches, each of which is
 * paths for the verifier: `pid->numbers[level]` is read through a read-only cast of its
 * address (the verifier refuses a variable offset in a load, and the cast costs nothing at
 * run time), a NULL `pid` reads zeros, which match no namespace (r->ns is 0 only when the
 * reader's own could not be read, and then nothing matches either), and r->level is below
 * MAX_PID_NS_LEVEL (reader_pid_ns()). */
static __always_inline __u32 pid_nr_in(struct pid* pid, const struct reader_ns* r) {
  __u32 level = r->level & (MAX_PID_NS_LEVEL - 1);
  if (pid->level < level) return 0;
  struct upid* upid = bpf_rdonly_cast(&pid->numbers[level], bpf_core_type_id_kernel(struct upid));
  return (__u64)upid->ns == r->ns ? (__u32)upid->nr : 0;
}

static __always_inline __u64 nsec_to_clock_t(__u64 ns) {
  return ns / (NSEC_PER_SEC / USER_HZ);
}

/* The kernel's new_encode_dev() of a dev_t (MAJOR = dev >> 20, MINOR = dev & 0xfffff). */
static __always_inline __u32 new_encode_dev(__u32 dev) {
  __u32 major = dev >> 20, minor = dev & 0xfffff;
  return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static __always_inline void wire_head_init(struct wire_head* h, __u32 len, __u32 seq, __u32 pid,
                                           __u32 tgid) {
  h->nlh.nlmsg_len = len;
  h->nlh.nlmsg_type = TASK_DIAG_CMD_GET;
  h->nlh.nlmsg_flags = NLM_F_MULTI;
  h->nlh.nlmsg_seq = seq;
  h->nlh.nlmsg_pid = 0;
  h->msg.pid = pid;
  h->msg.tgid = tgid;
  h->msg.flags = 0;
}

/* Writes one message of a side dump (task_vma, task_file): `head`, then one attribute of
 * `type` whose payload is a record of `rec_size` bytes (right after the attribute header in
 * the caller's scratch message) plus `name_len` bytes of `name` (at most `name_max`), padded
 * to 4. The padding belongs to the record (its length steps to the next one), so the
 * attribute counts it: a shorter nla_len would cut the record it announces. No CONT flag:
 * the program cannot know which record is a task's last, and CONT on the dump's final
 * message would mark the task incomplete; the same pid and tgid continue the task. */
static __always_inline void wire_write_side_record(struct seq_file* seq, struct wire_head* head,
                                                   __u16 type, __u32 rec_size, const char* name,
                                                   long name_len, __u32 name_max, __u32 seq_no,
                                                   __u32 tid, __u32 tgid) {
  __u32 rec = rec_size + name_len;
  __u32 payload = WIRE_ALIGN(rec);
  wire_head_init(head, sizeof *head + 4 + payload, seq_no, tid, tgid);
  __u16* nla = (__u16*)(head + 1);
  nla[0] = 4 + payload;
  nla[1] = type;
  bpf_seq_write(seq, head, sizeof *head + 4 + rec_size);
  if (name_len > 0 && name_len <= name_max) bpf_seq_write(seq, name, name_len);
  __u32 pad = 0;
  __u32 pad_len = (__u32)(-rec) & 3;
  if (pad_len) bpf_seq_write(seq, &pad, pad_len & 3);
}

#endif /* PROCSCAN_WIRE_BPF_H */
