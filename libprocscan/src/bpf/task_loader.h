/* The task program, loaded through a light skeleton (bpftool gen skeleton -L): a loader
 * program does the CO-RE relocations and the kfunc and attach-target lookups in the kernel,
 * so user space never reads /sys/kernel/btf/vmlinux (which sysfs returns 4 KiB per read:
 * ~1,350 reads for libbpf). Light skeletons are C only, hence this C interface. */
#ifndef PROCSCAN_TASK_LOADER_H
#define PROCSCAN_TASK_LOADER_H

#include "bpf/wire_config.h"

#ifdef __cplusplus
extern "C" {
#endif

struct task_program;

/* NULL with errno set when the loader or the verifier refuses. */
struct task_program* task_program_load(void);
void task_program_destroy(struct task_program* program);
int task_program_fd(const struct task_program* program);
/* The request settings in the program's mmapped .bss. */
struct wire_config* task_program_config(struct task_program* program);
/* The WIRE_READER_SLOTS reader slots in the same .bss. */
struct reader_slot* task_program_readers(struct task_program* program);
/* Whether status sums the per-CPU parts of the rss counters, which EXT_MM then does too
 * (task.bpf.c: status_sums_rss); set before the first dump. */
void task_program_set_status_sums_rss(struct task_program* program, int sums);

#ifdef __cplusplus
}
#endif

#endif /* PROCSCAN_TASK_LOADER_H */
