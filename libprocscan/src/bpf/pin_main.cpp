// procscan-bpf-pin: pins the task iterator under /sys/fs/bpf/procscan (or DIR) so that
// users without CAP_BPF and CAP_PERFMON can read task data through it; see
// man/procscan-bpf-pin.8 for what that exposes.
//
//   procscan-bpf-pin [--mode=OCTAL] [DIR]     pin "processes" and "threads" (mode 0444)
//   procscan-bpf-pin --remove [DIR]           unpin them
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bpf/iter_transport.h"
#include "bpf/task_loader.h"
#include "util/unique_fd.h"

namespace {

int pin_one(const std::string& path, std::uint32_t strategy, mode_t mode) {
  std::string why;
  task_program* program = procscan::bpf::load_task_program(why);
  if (!program) {
    std::fprintf(stderr, "procscan-bpf-pin: %s\n", why.c_str());
    return 1;
  }
  wire_config& config = *task_program_config(program);
  config.show_flags = procscan::bpf::kTaskAttributes;
  config.strategy = strategy;
  procscan::UniqueFd link(bpf_link_create(task_program_fd(program), 0, BPF_TRACE_ITER, nullptr));
  int rc = 0;
  if (!link || bpf_obj_pin(link.get(), path.c_str()) != 0 || chmod(path.c_str(), mode) != 0) {
    std::fprintf(stderr, "procscan-bpf-pin: %s: %s\n", path.c_str(), std::strerror(errno));
    rc = 1;
  }
  // The pin keeps link, program and its .bss alive after this process exits.
  link.reset();
  task_program_destroy(program);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = procscan::bpf::pin_dir();
  mode_t mode = 0444;
  bool remove = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--remove") {
      remove = true;
    } else if (arg.starts_with("--mode=")) {
      mode = static_cast<mode_t>(std::strtoul(arg.c_str() + 7, nullptr, 8)) & 0777;
    } else if (arg.starts_with("-")) {
      std::fprintf(stderr, "usage: procscan-bpf-pin [--mode=OCTAL] [--remove] [DIR]\n");
      return 2;
    } else {
      dir = arg;
    }
  }
  const std::string processes = dir + "/" + std::string(procscan::bpf::kPinProcesses);
  const std::string threads = dir + "/" + std::string(procscan::bpf::kPinThreads);
  if (remove) {
    int rc = 0;
    for (const auto& path : {processes, threads}) {
      if (unlink(path.c_str()) != 0 && errno != ENOENT) {
        std::fprintf(stderr, "procscan-bpf-pin: %s: %s\n", path.c_str(), std::strerror(errno));
        rc = 1;
      }
    }
    rmdir(dir.c_str());
    return rc;
  }
  if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "procscan-bpf-pin: %s: %s\n", dir.c_str(), std::strerror(errno));
    return 1;
  }
  for (const auto& path : {processes, threads})
    unlink(path.c_str());
  if (pin_one(processes, TASK_DIAG_DUMP_ALL, mode) != 0) return 1;
  return pin_one(threads, TASK_DIAG_DUMP_ALL_THREAD, mode);
}
