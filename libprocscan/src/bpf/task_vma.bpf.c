/* iter/task_vma: one task_diag message per mapping, carrying a VMA attribute with a single
 * record (reference 3.5.4); consecutive messages of one task are its continuations. No
 * VMA_STAT block. Names as /proc/PID/maps prints them: d_path for file mappings, and, unlike
 * the kernel's task_diag, the bracketed names of get_vma_name() for the others ([vdso],
 * [vvar], [heap], [stack], [anon:NAME]), flagged TASK_DIAG_VMA_F_PSEUDO_NAME. */
#include "wire.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct wire_config request = {};

#define NAME_MAX_LEN 4096
/* ANON_VMA_NAME_MAX_LEN is 80 with the NUL. */
#define ANON_NAME_MAX 80

/* The vm_ops->name of special mappings (vdso, vvar): their vm_private_data is then the
 * vm_special_mapping whose name /proc prints. Weak: absent from kallsyms, no such names. */
extern const void special_mapping_name __ksym __weak;

struct vma_message {
  struct wire_head head;
  __u16 nla_len;
  __u16 nla_type;
  struct task_diag_vma vma;
  char name[NAME_MAX_LEN];
};

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct vma_message);
} vma_scratch SEC(".maps");

/* VM_* bit -> TASK_DIAG_VMA_F_* bit (reference 3.7); VM_DENYWRITE and VM_MPX are gone. */
struct flag_map {
  __u64 vm;
  __u64 diag;
};
static const struct flag_map kFlags[] = {
    {0x1, 1ULL << 0},         {0x2, 1ULL << 1},         {0x4, 1ULL << 2},
    {0x8, 1ULL << 3},         {0x10, 1ULL << 4},        {0x20, 1ULL << 5},
    {0x40, 1ULL << 6},        {0x80, 1ULL << 7},        {0x100, 1ULL << 8},
    {0x400, 1ULL << 9},       {0x2000, 1ULL << 12},     {0x4000, 1ULL << 13},
    {0x8000, 1ULL << 14},     {0x10000, 1ULL << 15},    {0x20000, 1ULL << 16},
    {0x40000, 1ULL << 17},    {0x100000, 1ULL << 18},   {0x200000, 1ULL << 19},
    {0x400000, 1ULL << 20},   {0x1000000, 1ULL << 21},  {0x4000000, 1ULL << 22},
    {0x8000000, 1ULL << 23},  {0x10000000, 1ULL << 24}, {0x20000000, 1ULL << 25},
    {0x40000000, 1ULL << 26}, {0x80000000, 1ULL << 27},
};

struct vm_area_struct___named {
  struct anon_vma_name* anon_name;
} __attribute__((preserve_access_index));

static long copy_literal(char* name, const char* text, long len) {
  for (long i = 0; i < len; i++)
    name[i] = text[i];
  return len;
}

/* get_vma_name() for a mapping without a file (fs/proc/task_mmu.c): the length written
 * into `name` with its NUL, or 0 for plain anonymous memory. */
static long pseudo_name(struct vm_area_struct* vma, char* name) {
  const struct vm_operations_struct* ops = vma->vm_ops;
  if (ops && &special_mapping_name && (const void*)ops->name == &special_mapping_name) {
    struct vm_special_mapping* special = vma->vm_private_data;
    long n = bpf_probe_read_kernel_str(name, NAME_MAX_LEN, untrusted(special)->name);
    return n > 1 ? n : 0;
  }
  struct mm_struct* mm = vma->vm_mm;
  if (!mm) return copy_literal(name, "[vdso]", 7);
  if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
    return copy_literal(name, "[heap]", 7);
  if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
    return copy_literal(name, "[stack]", 8);
  /* anon_name exists only with CONFIG_ANON_VMA_NAME. */
  struct vm_area_struct___named* named = (void*)vma;
  if (!bpf_core_field_exists(named->anon_name)) return 0;
  struct anon_vma_name* anon = BPF_CORE_READ(named, anon_name);
  if (!anon) return 0;
  copy_literal(name, "[anon:", 6);
  long n = bpf_probe_read_kernel_str(name + 6, ANON_NAME_MAX, anon->name);
  if (n <= 1 || n > ANON_NAME_MAX) return 0;
  name[5 + n] = ']';
  name[6 + n] = 0;
  return n + 7;
}

SEC("iter/task_vma")
int dump_vma(struct bpf_iter__task_vma* ctx) {
  struct seq_file* seq = ctx->meta->seq;
  struct task_struct* t = ctx->task;
  struct vm_area_struct* vma = ctx->vma;
  if (!t || !vma) return 0;
  /* Reference 3.5.4: under the thread strategies VMAs come with the leader only, and the
   * process-wide iterator already visits each mm once. */
  if (t->group_leader != t) return 0;
  __u32 zero = 0;
  struct vma_message* m = bpf_map_lookup_elem(&vma_scratch, &zero);
  if (!m) return 0;
  struct reader_ns ns = reader_pid_ns();
  struct task_struct* task = untrusted(t);
  __u32 tid = pid_nr_in(task->thread_pid, &ns);
  __u32 tgid = pid_nr_in(task->signal->pids[PIDTYPE_TGID], &ns);
  if (!tid) return 0;

  struct task_diag_vma* v = &m->vma;
  __u64 vm_flags = vma->vm_flags, flags = 0;
  for (int i = 0; i < sizeof kFlags / sizeof kFlags[0]; i++)
    if (vm_flags & kFlags[i].vm) flags |= kFlags[i].diag;
  struct file* file = vma->vm_file;
  v->start = vma->vm_start;
  v->end = vma->vm_end;
  v->vm_flags = flags;
  v->pgoff = file ? vma->vm_pgoff << PAGE_SHIFT : 0;
  v->major = v->minor = 0;
  v->inode = 0;
  v->generation = 0;
  v->name_off = v->name_len = v->stat_off = v->stat_len = 0;
  long name_len = 0;
  if (file) {
    struct inode* inode = file->f_inode;
    __u32 dev = BPF_CORE_READ(inode, i_sb, s_dev);
    v->major = dev >> 20;
    v->minor = dev & 0xfffff;
    v->inode = BPF_CORE_READ(inode, i_ino);
    v->generation = BPF_CORE_READ(inode, i_generation);
    name_len = bpf_d_path((struct path*)&file->f_path, m->name, sizeof m->name);
    if (name_len < 0 || name_len > NAME_MAX_LEN) name_len = 0;
  } else {
    name_len = pseudo_name(untrusted(vma), m->name);
    if (name_len > 0) v->vm_flags |= TASK_DIAG_VMA_F_PSEUDO_NAME;
  }
  if (name_len > 0) {
    v->name_off = sizeof *v;
    v->name_len = name_len;
  }
  v->vma_len = WIRE_ALIGN(sizeof *v + name_len);
  wire_write_side_record(seq, &m->head, TASK_DIAG_VMA, sizeof *v, m->name, name_len,
                         NAME_MAX_LEN, request.seq, tid, tgid);
  return 0;
}
