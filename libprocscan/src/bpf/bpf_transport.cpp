// The scanner's two questions about the BPF fast path, for builds with BPF support.
#include "bpf/bpf_transport.h"

#include <charconv>
#include <string_view>

#include "bpf/iter_transport.h"
#include "bpf/pays_off.h"
#include "util/read_file.h"

namespace procscan::bpf {

std::unique_ptr<taskdiag::Transport> open_transport(std::string& why) {
  std::string load_why;
  if (auto transport = IterTransport::load(load_why)) return transport;
  std::string pin_why;
  if (auto transport = IterTransport::open_pinned(pin_why)) return transport;
  why = load_why + "; " + pin_why;
  return nullptr;
}

std::unique_ptr<taskdiag::Transport> open_side_transport(std::string& why) {
  return IterTransport::load_side(why);
}

std::uint64_t offered_attributes() {
  return IterTransport::task_attributes();
}

namespace {

// Whether `count` of `what` reaches `threshold`, with the numbers in `why`.
bool weigh(std::uint64_t count, std::uint64_t threshold, const char* what, const char* loaded,
           std::string& why) {
  const bool pays = count >= threshold;
  why = std::to_string(count) + " " + what + (pays ? ", at least " : ", fewer than ") +
        std::to_string(threshold) + " for which loading " + loaded + " pays off";
  return pays;
}

}  // namespace

bool pays_off(std::string& why) {
  // /proc/loadavg: "0.00 0.01 0.05 RUNNING/TOTAL LASTPID"; TOTAL counts every task.
  const std::string loadavg = read_small_file("/proc/loadavg");
  const std::size_t slash = loadavg.find('/');
  std::uint64_t tasks = 0;
  if (slash == std::string::npos ||
      std::from_chars(loadavg.data() + slash + 1, loadavg.data() + loadavg.size(), tasks).ec !=
          std::errc()) {
    why = "cannot read the task count from /proc/loadavg";
    return false;
  }
  return weigh(tasks, kPaysOffTasks, "tasks", "the iterator", why);
}

bool files_pay_off(std::string& why) {
  // /proc/sys/fs/file-nr: "ALLOCATED\t0\tMAX"; ALLOCATED counts every open file.
  const std::string file_nr = read_small_file("/proc/sys/fs/file-nr");
  std::uint64_t files = 0;
  if (std::from_chars(file_nr.data(), file_nr.data() + file_nr.size(), files).ec != std::errc()) {
    why = "cannot read the open file count from /proc/sys/fs/file-nr";
    return false;
  }
  return weigh(files, kPaysOffFiles, "open files", "the iterators", why);
}

}  // namespace procscan::bpf
