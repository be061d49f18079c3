#include "bpf/side_loader.h"

#include <errno.h>
#include <stdlib.h>

#include "bpf/task_file.lskel.h"
#include "bpf/task_vma.lskel.h"

struct side_program {
  enum side_program_kind kind;
  union {
    struct task_vma_bpf* vma;
    struct task_file_bpf* file;
  } skel;
};

static int open_and_load(struct side_program* program, __u32 fmode_backing) {
  if (program->kind == SIDE_PROGRAM_VMA) {
    program->skel.vma = task_vma_bpf__open_and_load();
    if (!program->skel.vma) return -1;
    /* Read when the program runs, not when it loads (a .bss value, not .rodata). */
    program->skel.vma->bss->fmode_backing = fmode_backing;
    return 0;
  }
  program->skel.file = task_file_bpf__open_and_load();
  return program->skel.file ? 0 : -1;
}

struct side_program* side_program_load(enum side_program_kind kind, __u32 fmode_backing) {
  struct side_program* program = malloc(sizeof *program);
  if (!program) {
    errno = ENOMEM;
    return NULL;
  }
  program->kind = kind;
  if (open_and_load(program, fmode_backing) != 0) {
    int error = errno;
    free(program);
    errno = error;
    return NULL;
  }
  return program;
}

void side_program_destroy(struct side_program* program) {
  if (!program) return;
  if (program->kind == SIDE_PROGRAM_VMA)
    task_vma_bpf__destroy(program->skel.vma);
  else
    task_file_bpf__destroy(program->skel.file);
  free(program);
}

int side_program_fd(const struct side_program* program) {
  return program->kind == SIDE_PROGRAM_VMA ? program->skel.vma->progs.dump_vma.prog_fd
                                           : program->skel.file->progs.dump_file.prog_fd;
}

struct wire_config* side_program_config(struct side_program* program) {
  return program->kind == SIDE_PROGRAM_VMA ? &program->skel.vma->bss->request
                                           : &program->skel.file->bss->request;
}
