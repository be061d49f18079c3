#include "signal_names.h"

#include <signal.h>
#include <strings.h>

#include <cstdlib>
#include <string>

namespace td::top {

namespace {

struct SignalName {
  const char* name;
  int number;
};

constexpr SignalName kSignals[] = {
    {"ABRT", SIGABRT},     {"ALRM", SIGALRM}, {"BUS", SIGBUS},   {"CHLD", SIGCHLD},
    {"CONT", SIGCONT},     {"FPE", SIGFPE},   {"HUP", SIGHUP},   {"ILL", SIGILL},
    {"INT", SIGINT},       {"KILL", SIGKILL}, {"PIPE", SIGPIPE}, {"POLL", SIGPOLL},
    {"PROF", SIGPROF},     {"PWR", SIGPWR},   {"QUIT", SIGQUIT}, {"SEGV", SIGSEGV},
    {"STKFLT", SIGSTKFLT}, {"STOP", SIGSTOP}, {"SYS", SIGSYS},   {"TERM", SIGTERM},
    {"TRAP", SIGTRAP},     {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},
    {"URG", SIGURG},       {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"VTALRM", SIGVTALRM},
    {"WINCH", SIGWINCH},   {"XCPU", SIGXCPU}, {"XFSZ", SIGXFSZ}, {"CLD", SIGCHLD},
    {"IO", SIGPOLL},       {"IOT", SIGABRT},
};

}  // namespace

int signal_name_to_number(std::string_view text) {
  std::string name(text);
  const char* p = name.c_str();
  if (!::strncasecmp(p, "SIG", 3)) p += 3;
  for (const SignalName& s : kSignals)
    if (!::strcasecmp(p, s.name)) return s.number;
  if (!::strcasecmp(p, "RTMIN")) return SIGRTMIN;
  if (!::strcasecmp(p, "EXIT") || !::strcasecmp(p, "NULL")) return 0;
  int offset = 0;
  if (!::strncasecmp(p, "RTMIN+", 6)) {
    p += 6;
    offset = SIGRTMIN;
  }
  char* end = nullptr;
  const long value = std::strtol(p, &end, 10);
  if (*end || end == p) return -1;
  if (value < 0 || value + SIGRTMIN > 127) return -1;
  return static_cast<int>(value) + offset;
}

}  // namespace td::top
