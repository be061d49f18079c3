/* iter/task_vma: one task_diag message per mapping, carrying a VMA attribute with a single
 * record (reference 3.5.4); consecutive messages of one task are its continuations. No
 * VMA_STAT block. Names as /proc/PID/maps prints them: d_path for file mappings, and, unlike
 * the kernel's task_diag, the bracketed names of get_vma_name() for the others ([vdso],
 * [vvar], [heap], [stack], [anon:NAME]), flagged TASK_DIAG_VMA_F_PSEUDO_NAME.
 *
 * File names are built here, not by bpf_d_path(): the verifier takes vma->vm_file for an
 * untrusted pointer (6.18 at least), which bpf_d_path() refuses, so the program replays
 * d_path() (fs/d_path.c) on probe-read dentries and mounts. */
#include "wire.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct wire_config request = {};

/* What a record's name may hold with its NUL: PATH_MAX, the size of d_path()'s usual buffer. */
#define NAME_MAX_LEN 4096
/* ANON_VMA_NAME_MAX_LEN is 80 with the NUL. */
#define ANON_NAME_MAX 80
/* NAME_MAX: the longest path component. */
#define COMPONENT_MAX 255
/* Components and mount crossings walked for one name; a deeper file gets no name. */
#define PATH_STEPS 64

/* The vm_ops->name of special mappings (vdso, vvar): their vm_private_data is then the
 * vm_special_mapping whose name /proc prints. Weak: absent from kallsyms, no such names. */
extern const void special_mapping_name __ksym __weak;
/* The d_dname() of files without a path of their own, the names d_path() gives them (the
 * same kallsyms lookup): simple_dname() for alloc_file_pseudo()'s files on filesystems with
 * no dentry operations ("/memfd:NAME (deleted)", "/SYSV00000000 (deleted)"), and those of
 * anonymous inodes ("anon_inode:[perf_event]") and sockets ("socket:[ino]"). */
extern const void simple_dname __ksym __weak;
extern const void anon_inodefs_dname __ksym __weak;
extern const void sockfs_dname __ksym __weak;
/* FMODE_BACKING of this kernel (user_path()), set by the loader from the kernel's release:
 * a light skeleton's loader would fix a __kconfig version at build time. */
__u32 fmode_backing = 0;

/* A read-only cast of an address kept as a number (see struct path_walk). */
#define untrusted_at(type, addr) \
  ((type*)bpf_rdonly_cast((void*)(addr), bpf_core_type_id_kernel(type)))

struct vma_message {
  struct wire_head head;
  __u16 nla_len;
  __u16 nla_type;
  struct task_diag_vma vma;
  char name[NAME_MAX_LEN];
};

enum walk_end { WALK_ON, WALK_ROOT, WALK_ESCAPED, WALK_FAILED };

/* A file name under construction: d_path() prepends components while it walks from the
 * dentry to the reader's root, so does path_step(), from the end of `buf`. The walk's state
 * lives here, not in registers: loaded from a map value, each field is an unknown number to
 * the verifier, so every step starts from the same state and bpf_loop()'s callback is
 * verified once, whichever branches (component, mount crossing) the steps before took. The
 * pointers are kept as numbers and read through untrusted_at(). */
struct path_walk {
  __u64 dentry;      /* struct dentry * where the walk is */
  __u64 mnt;         /* struct mount * that dentry is seen through */
  __u64 root_dentry; /* the reader's root (current->fs->root) */
  __u64 root_mnt;    /* struct vfsmount * */
  __s32 pos;         /* the name so far: buf[pos] to buf[NAME_MAX_LEN - 1], its NUL */
  __u32 end;         /* enum walk_end */
  /* A component is copied at (pos & (NAME_MAX_LEN - 1)), at most COMPONENT_MAX bytes: the
   * slack lets the verifier bound the copy by those masks alone. */
  char buf[NAME_MAX_LEN + COMPONENT_MAX + 1];
};

struct vma_scratch {
  struct vma_message msg;
  struct path_walk walk;
};

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct vma_scratch);
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

/* The name a user gave the mapping (prctl PR_SET_VMA_ANON_NAME) as "<prefix>NAME]": the
 * length written with its NUL, 0 for none. anon_name exists only with CONFIG_ANON_VMA_NAME. */
static long anon_vma_name(struct vm_area_struct* vma, char* name, const char* prefix,
                          long prefix_len) {
  struct vm_area_struct___named* named = (void*)vma;
  if (!bpf_core_field_exists(named->anon_name)) return 0;
  struct anon_vma_name* anon = BPF_CORE_READ(named, anon_name);
  if (!anon) return 0;
  prefix_len &= 15;
  copy_literal(name, prefix, prefix_len);
  long n = bpf_probe_read_kernel_str(name + prefix_len, ANON_NAME_MAX, anon->name);
  if (n <= 1 || n > ANON_NAME_MAX) return 0;
  long close = prefix_len + n - 1;
  name[close] = ']';
  name[close + 1] = 0;
  return close + 2;
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
  return anon_vma_name(vma, name, "[anon:", 6);
}

/* One step of __prepend_path(): stop at the reader's root or at the top of the mount tree,
 * cross from a mount's root to its mountpoint in the parent mount, or prepend "/component".
 * 1 stops bpf_loop(), 0 goes on. */
static long path_step(__u64 index, void* ctx) {
  struct path_walk* w = *(struct path_walk**)ctx;
  struct dentry* dentry = untrusted_at(struct dentry, w->dentry);
  struct mount* mnt = untrusted_at(struct mount, w->mnt);
  if (w->dentry == w->root_dentry &&
      w->mnt + bpf_core_field_offset(struct mount, mnt) == w->root_mnt) {
    w->end = WALK_ROOT;
    return 1;
  }
  __u64 parent = (__u64)dentry->d_parent;
  if (w->dentry == (__u64)mnt->mnt.mnt_root) {
    __u64 up = (__u64)mnt->mnt_parent;
    if (up != w->mnt) {
      w->dentry = (__u64)mnt->mnt_mountpoint;
      w->mnt = up;
      return 0;
    }
    /* The top of its mount tree: the reader's root is elsewhere (another mount namespace,
     * a detached or internal mount), and d_path() keeps what it has. */
    w->end = WALK_ROOT;
    return 1;
  }
  if (parent == w->dentry) {
    w->end = WALK_ESCAPED;
    return 1;
  }
  __u32 len = dentry->d_name.len;
  __s32 pos = w->pos - (__s32)len - 1;
  if (len > COMPONENT_MAX || pos < 0) {
    w->end = WALK_FAILED;
    return 1;
  }
  w->buf[pos & (NAME_MAX_LEN - 1)] = '/';
  if (bpf_probe_read_kernel(w->buf + ((pos + 1) & (NAME_MAX_LEN - 1)), len & COMPONENT_MAX,
                            dentry->d_name.name)) {
    w->end = WALK_FAILED;
    return 1;
  }
  w->pos = pos;
  w->dentry = parent;
  return 0;
}

/* "socket:[ino]", sockfs_dname()'s format. */
static long socket_name(char* name, __u64 ino) {
  int n = 1;
  for (__u64 rest = ino / 10; rest && n < 20; rest /= 10)
    n++;
  copy_literal(name, "socket:[", 8);
  for (int i = 0; i < 20 && i < n; i++) {
    name[(7 + n - i) & 31] = '0' + ino % 10;
    ino /= 10;
  }
  name[(8 + n) & 31] = ']';
  name[(9 + n) & 31] = 0;
  return 10 + n;
}

/* d_path()'s d_dname() branch for the pseudo files processes map: memfd, SysV shm and other
 * internal files, anonymous inodes (perf events, BPF maps, io_uring) and sockets (packet
 * rings). Other d_dname() filesystems give no name. */
static long dname(struct dentry* dentry, __u64 dname, char* name) {
  if (&simple_dname && dname == (__u64)&simple_dname) {
    __u32 len = dentry->d_name.len;
    if (len > COMPONENT_MAX) return 0;
    name[0] = '/';
    if (bpf_probe_read_kernel(name + 1, len & COMPONENT_MAX, dentry->d_name.name)) return 0;
    copy_literal(name + 1 + (len & COMPONENT_MAX), " (deleted)", 11);
    return len + 12;
  }
  if (&anon_inodefs_dname && dname == (__u64)&anon_inodefs_dname) {
    copy_literal(name, "anon_inode:", 11);
    /* dynamic_dname() formats into 64 bytes with the NUL and fails beyond. */
    long n = bpf_probe_read_kernel_str(name + 11, 64 - 11 + 1, dentry->d_name.name);
    return n > 0 && n <= 64 - 11 ? n + 11 : 0;
  }
  if (&sockfs_dname && dname == (__u64)&sockfs_dname)
    return socket_name(name, dentry->d_inode->i_ino);
  return 0;
}

/* d_path() of (dentry, vfsmnt), relative to the reader's root, into s->msg.name: its length
 * with the NUL, 0 when it cannot be built (too deep, too long, unknown d_dname()). */
static __always_inline long file_name(struct vma_scratch* s, __u64 dentry_addr, __u64 vfsmnt_addr) {
  struct dentry* dentry = untrusted_at(struct dentry, dentry_addr);
  struct vfsmount* vfsmnt = untrusted_at(struct vfsmount, vfsmnt_addr);
  bool is_root = (__u64)dentry->d_parent == dentry_addr;
  const struct dentry_operations* ops = dentry->d_op;
  __u64 d_dname = ops ? (__u64)ops->d_dname : 0;
  /* Mounted pseudo inodes (a bound nsfs file) are named by their mountpoint instead. */
  if (d_dname && (!is_root || dentry_addr != (__u64)vfsmnt->mnt_root))
    return dname(dentry, d_dname, s->msg.name);

  struct path_walk* w = &s->walk;
  __s32 tail;
  /* d_unlinked(): d_unhashed() && !IS_ROOT() */
  if (!dentry->d_hash.pprev && !is_root) {
    tail = NAME_MAX_LEN - 11;
    copy_literal(w->buf + tail, " (deleted)", 11);
  } else {
    tail = NAME_MAX_LEN - 1;
    w->buf[tail] = 0;
  }
  struct task_struct* self = untrusted(bpf_get_current_task_btf());
  struct fs_struct* fs = self->fs;
  w->root_dentry = (__u64)fs->root.dentry;
  w->root_mnt = (__u64)fs->root.mnt;
  w->dentry = dentry_addr;
  w->mnt = vfsmnt_addr - bpf_core_field_offset(struct mount, mnt);
  w->pos = tail;
  w->end = WALK_ON;
  struct path_walk* ctx = w;
  bpf_loop(PATH_STEPS, path_step, &ctx, 0);
  __u32 end = w->end;
  if (end != WALK_ROOT && end != WALK_ESCAPED) return 0;
  /* prepend_path(): a dentry that escaped its mount (moved out of the subtree a bind mount
   * shows) keeps only the tail, and a name with no component is "/". */
  __s32 pos = end == WALK_ESCAPED ? tail : w->pos;
  if (pos == tail) w->buf[--pos & (NAME_MAX_LEN - 1)] = '/';
  if (pos < 0 || pos >= NAME_MAX_LEN) return 0;
  __u32 at = pos & (NAME_MAX_LEN - 1);
  __u32 len = NAME_MAX_LEN - at;
  if (bpf_probe_read_kernel(s->msg.name, len, w->buf + at)) return 0;
  return len;
}

/* FMODE_BACKING, file_user_path() and file_user_inode() (include/linux/fs.h): a backing file
 * (overlayfs and FUSE passthrough map the real file, from 6.6) sits in a struct backing_file
 * next to the path the user opened, which /proc prints, with that path's inode. The flag is a
 * macro, bit 25 up to 6.13 and bit 24 since (`fmode_backing`); the path is taken only if it looks
 * like one (a dentry of its mount's filesystem, not of the real file's), in case a kernel moved the
 * bit without its version saying so. */
static __always_inline void user_path(struct file* file, __u64* dentry, __u64* vfsmnt) {
  *dentry = (__u64)file->f_path.dentry;
  *vfsmnt = (__u64)file->f_path.mnt;
  if (!bpf_core_type_exists(struct backing_file)) return;
  if (!(file->f_mode & fmode_backing)) return;
  struct backing_file* bf = untrusted_at(
      struct backing_file, (__u64)file - bpf_core_field_offset(struct backing_file, file));
  struct dentry* d = bf->user_path.dentry;
  struct vfsmount* m = bf->user_path.mnt;
  if (!d || !m) return;
  struct super_block* sb = m->mnt_sb;
  if (!sb || d->d_sb != sb || file->f_inode->i_sb == sb) return;
  *dentry = (__u64)d;
  *vfsmnt = (__u64)m;
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
  struct vma_scratch* s = bpf_map_lookup_elem(&vma_scratch, &zero);
  if (!s) return 0;
  struct vma_message* m = &s->msg;
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
    __u64 dentry, vfsmnt;
    user_path(file, &dentry, &vfsmnt);
    struct inode* inode = untrusted_at(struct dentry, dentry)->d_inode;
    __u32 dev = inode->i_sb->s_dev;
    v->major = dev >> 20;
    v->minor = dev & 0xfffff;
    v->inode = inode->i_ino;
    v->generation = inode->i_generation;
    /* Shared anonymous memory the user named prints that name instead (get_vma_name()). */
    name_len = vma->vm_mm ? anon_vma_name(untrusted(vma), m->name, "[anon_shmem:", 12) : 0;
    if (name_len > 0)
      v->vm_flags |= TASK_DIAG_VMA_F_PSEUDO_NAME;
    else
      name_len = file_name(s, dentry, vfsmnt);
  } else {
    name_len = pseudo_name(untrusted(vma), m->name);
    if (name_len > 0) v->vm_flags |= TASK_DIAG_VMA_F_PSEUDO_NAME;
  }
  if (name_len < 0 || name_len > NAME_MAX_LEN) name_len = 0;
  if (name_len > 0) {
    v->name_off = sizeof *v;
    v->name_len = name_len;
  }
  v->vma_len = WIRE_ALIGN(sizeof *v + name_len);
  wire_write_side_record(seq, &m->head, TASK_DIAG_VMA, sizeof *v, m->name, name_len, NAME_MAX_LEN,
                         request.seq, tid, tgid);
  return 0;
}
