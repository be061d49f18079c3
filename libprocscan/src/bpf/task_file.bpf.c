/* iter/task_file: one task_diag message per open file descriptor, carrying an EXT_FILE
 * attribute with one record (task_diag_abi.h); consecutive messages of one task are its
 * continuations. The kernel's iterator skips threads that share their leader's file table,
 * so each table is listed once, under the first task that has it. */
#include "wire.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct wire_config request = {};

#define NAME_MAX_LEN 4096

struct file_message {
  struct wire_head head;
  __u16 nla_len;
  __u16 nla_type;
  struct task_diag_ext_file rec;
  char name[NAME_MAX_LEN];
  struct task_diag_ext_file_stat tail;
};

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct file_message);
} file_scratch SEC(".maps");

#define O_CLOEXEC 02000000

SEC("iter/task_file")
int dump_file(struct bpf_iter__task_file* ctx) {
  struct seq_file* seq = ctx->meta->seq;
  struct task_struct* t = ctx->task;
  struct file* file = ctx->file;
  if (!t || !file) return 0;
  __u32 zero = 0;
  struct file_message* m = bpf_map_lookup_elem(&file_scratch, &zero);
  if (!m) return 0;
  struct reader_ns ns = reader_pid_ns();
  struct task_struct* task = untrusted(t);
  __u32 tid = pid_nr_in(task->thread_pid, &ns);
  __u32 tgid = pid_nr_in(task->signal->pids[PIDTYPE_TGID], &ns);
  if (!tid) return 0;

  struct task_diag_ext_file* r = &m->rec;
  struct inode* inode = file->f_inode;
  r->fd = ctx->fd;
  r->flags = file->f_flags;
  /* fdinfo adds O_CLOEXEC from the descriptor table (seq_show() in fs/proc/fd.c). */
  __u32 fd = ctx->fd;
  unsigned long word = 0;
  unsigned long* close_on_exec = task->files->fdt->close_on_exec;
  bpf_probe_read_kernel(&word, sizeof word, close_on_exec + fd / 64);
  if (word & (1UL << (fd % 64))) r->flags |= O_CLOEXEC;
  r->pos = file->f_pos;
  r->inode = BPF_CORE_READ(inode, i_ino);
  r->dev = new_encode_dev(BPF_CORE_READ(inode, i_sb, s_dev));
  r->rdev = new_encode_dev(BPF_CORE_READ(inode, i_rdev));
  r->mode = BPF_CORE_READ(inode, i_mode);
  r->mnt_id = BPF_CORE_READ(container_of(file->f_path.mnt, struct mount, mnt), mnt_id);
  r->f_mode = file->f_mode;
  struct task_diag_ext_file_stat* tail = &m->tail;
  tail->size = BPF_CORE_READ(inode, i_size);
  tail->nlink = BPF_CORE_READ(inode, i_nlink);
  tail->s_magic = BPF_CORE_READ(inode, i_sb, s_magic);
  /* d_path() also gives the synthetic names of pipes, sockets and anonymous inodes
   * ("pipe:[ino]", "anon_inode:bpf-map"), as /proc/PID/fd shows them. */
  long name_len = bpf_d_path((struct path*)&file->f_path, m->name, sizeof m->name);
  if (name_len < 0 || name_len > NAME_MAX_LEN) name_len = 0;
  r->name_len = name_len;
  /* header, name padded to 4, stat tail (task_diag_abi.h) */
  __u32 padded = WIRE_ALIGN((__u32)name_len);
  __u32 rec = sizeof *r + padded + sizeof *tail;
  r->rec_len = rec;
  wire_head_init(&m->head, sizeof m->head + 4 + rec, request.seq, tid, tgid);
  m->nla_len = 4 + rec;
  m->nla_type = TASK_DIAG_EXT_FILE;
  bpf_seq_write(seq, &m->head, sizeof m->head + 4 + sizeof *r);
  if (name_len > 0 && name_len <= NAME_MAX_LEN) bpf_seq_write(seq, m->name, name_len);
  __u32 pad = 0;
  __u32 pad_len = (padded - (__u32)name_len) & 3;
  if (pad_len) bpf_seq_write(seq, &pad, pad_len);
  bpf_seq_write(seq, tail, sizeof *tail);
  return 0;
}
