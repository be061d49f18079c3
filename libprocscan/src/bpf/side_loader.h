/* The side programs (task_vma, task_file), loaded like the task program through light
 * skeletons (task_loader.h says why): a regular libbpf skeleton reads the kernel's BTF and
 * /proc/kallsyms in user space, ~150 ms before the first record, more than a whole
 * `tdlsof -p PID` costs from procfs. Light skeletons are C only, hence this C interface. */
#ifndef PROCSCAN_SIDE_LOADER_H
#define PROCSCAN_SIDE_LOADER_H

#include "bpf/wire_config.h"

#ifdef __cplusplus
extern "C" {
#endif

enum side_program_kind { SIDE_PROGRAM_VMA, SIDE_PROGRAM_FILE };

struct side_program;

/* NULL with errno set when the loader or the verifier refuses. `fmode_backing`: the
 * FMODE_BACKING bit of this kernel's f_mode (task_vma.bpf.c: user_path), 0 for none. */
struct side_program* side_program_load(enum side_program_kind kind, __u32 fmode_backing);
void side_program_destroy(struct side_program* program);
int side_program_fd(const struct side_program* program);
/* The request settings in the program's mmapped .bss. */
struct wire_config* side_program_config(struct side_program* program);

#ifdef __cplusplus
}
#endif

#endif /* PROCSCAN_SIDE_LOADER_H */
