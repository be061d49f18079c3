#include "host_runs.h"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <thread>

namespace td::diff::host {

Run run(const std::vector<std::string>& argv, const char* backend, const char* split) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {};
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(pipe_fds[1], 1);
    ::dup2(pipe_fds[1], 2);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::setenv("PROCSCAN_BACKEND", backend, 1);
    if (split) ::setenv("PROCSCAN_SPLIT_DUMPS", split, 1);
    std::vector<char*> args;
    for (const auto& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  ::close(pipe_fds[1]);
  Run result;
  char chunk[65536];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], chunk, sizeof chunk)) > 0)
    result.out.append(chunk, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  ::waitpid(child, &result.status, 0);
  return result;
}

namespace {

// The lines of `out` whose first word `keep` accepts.
template <typename Keep>
std::string lines_by_first_word(const std::string& out, Keep keep) {
  std::istringstream in(out);
  std::string line, kept;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (keep(first)) kept += line + "\n";
  }
  return kept;
}

}  // namespace

std::string lines_of(const std::string& out, const std::set<std::string>& pids) {
  return lines_by_first_word(
      out, [&](const std::string& first) { return first == "PID" || pids.count(first); });
}

std::string other_lines(const std::string& out) {
  return lines_by_first_word(out, [](const std::string& first) {
    const bool row = !first.empty() && first.find_first_not_of("0123456789") == std::string::npos;
    return first != "PID" && !row;
  });
}

std::string mismatch_report(const Run& procfs, const std::string& want, const Run& bpf,
                            const std::string& got) {
  return "\n--- procfs (status " + std::to_string(procfs.status) + ")\n" + want +
         "--- bpf (status " + std::to_string(bpf.status) + ")\n" + got + "--- bpf, other lines\n" +
         other_lines(bpf.out);
}

bool each_line_of_either(const std::string& got, const std::string& before,
                         const std::string& after) {
  std::istringstream g(got), b(before), a(after);
  std::string gl, bl, al;
  while (true) {
    const bool more_g = static_cast<bool>(std::getline(g, gl));
    const bool more_b = static_cast<bool>(std::getline(b, bl));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (more_g != more_b || more_g != more_a) return false;
    if (!more_g) return true;
    if (gl != bl && gl != al) return false;
  }
}

bool retried(const std::string& shown, int attempts, const std::function<std::string()>& attempt) {
  std::string why;
  for (int i = 0; i < attempts; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250 * i));
    why = attempt();
    if (why.empty()) {
      std::cout << "ok   " << shown << "\n";
      return true;
    }
  }
  std::cout << "FAIL " << shown << why << "\n";
  return false;
}

bool set_last_pid(long pid) {
  FILE* file = std::fopen("/proc/sys/kernel/ns_last_pid", "w");
  if (!file) return false;
  const bool ok = std::fprintf(file, "%ld", pid) > 0;
  return std::fclose(file) == 0 && ok;
}

long pid_max() {
  long value = 32768;
  if (FILE* file = std::fopen("/proc/sys/kernel/pid_max", "r")) {
    if (std::fscanf(file, "%ld", &value) != 1) value = 32768;
    std::fclose(file);
  }
  return value;
}

int FailureEcho::Tee::overflow(int c) {
  if (c == traits_type::eof()) return traits_type::not_eof(c);
  kept.push_back(static_cast<char>(c));
  return out->sputc(static_cast<char>(c));
}

std::streamsize FailureEcho::Tee::xsputn(const char* s, std::streamsize n) {
  kept.append(s, static_cast<std::size_t>(n));
  return out->sputn(s, n);
}

int FailureEcho::Tee::sync() {
  return out->pubsync();
}

FailureEcho::FailureEcho() {
  tee_.out = std::cout.rdbuf(&tee_);
}

FailureEcho::~FailureEcho() {
  std::cout.flush();
  std::cout.rdbuf(tee_.out);
}

void FailureEcho::print_failures_again() {
  std::istringstream in(tee_.kept);
  std::string line, again;
  bool in_failure = false;
  while (std::getline(in, line)) {
    const bool result_line = line.rfind("ok   ", 0) == 0 || line.rfind("--   ", 0) == 0 ||
                             line.rfind("FAIL", 0) == 0 || line.rfind("SKIPPED", 0) == 0;
    if (result_line) in_failure = line.rfind("FAIL", 0) == 0;
    if (in_failure) again += line + "\n";
  }
  if (again.empty()) return;
  std::cout << "\n==== the failures above, again ====\n" << again << std::flush;
}

}  // namespace td::diff::host
