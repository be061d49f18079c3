#include "bpf/task_loader.h"

#include <errno.h>
#include <stdlib.h>

#include "bpf/task.lskel.h"

struct task_program {
  struct task_bpf* skel;
};

struct task_program* task_program_load(void) {
  struct task_bpf* skel = task_bpf__open_and_load();
  if (!skel) return NULL;
  struct task_program* program = malloc(sizeof *program);
  if (!program) {
    task_bpf__destroy(skel);
    errno = ENOMEM;
    return NULL;
  }
  program->skel = skel;
  return program;
}

void task_program_destroy(struct task_program* program) {
  if (!program) return;
  task_bpf__destroy(program->skel);
  free(program);
}

int task_program_fd(const struct task_program* program) {
  return program->skel->progs.dump_task.prog_fd;
}

struct wire_config* task_program_config(struct task_program* program) {
  return &program->skel->bss->request;
}

struct reader_slot* task_program_readers(struct task_program* program) {
  return program->skel->bss->readers;
}

void task_program_set_status_sums_rss(struct task_program* program, int sums) {
  program->skel->bss->status_sums_rss = sums ? 1 : 0;
}
