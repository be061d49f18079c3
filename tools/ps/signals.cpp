#include "signals.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>

namespace td::ps {

namespace {

void on_signal(int signo) {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, nullptr);
  if (signo == SIGPIPE) _exit(EXIT_SUCCESS);
  if (signo == SIGHUP || signo == SIGUSR1 || signo == SIGUSR2) _exit(EXIT_FAILURE);
  // Die of the signal itself, as without a handler (sigaction is async-signal-safe).
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signo, &fallback, nullptr);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, signo);
  sigprocmask(SIG_UNBLOCK, &one, nullptr);
  kill(getpid(), signo);
  _exit(EXIT_FAILURE);
}

bool left_alone(int signo) {
  switch (signo) {
    case SIGCONT:
    case SIGINT:
    case SIGTSTP:
    case SIGTTOU:
    case SIGQUIT:
    case SIGPROF:
    case SIGKILL:
    case SIGSTOP:
    case SIGWINCH:
    case SIGURG:
      return true;
    default:
      return false;
  }
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigfillset(&action.sa_mask);
  for (int signo = 1; signo < 32; ++signo)
    if (!left_alone(signo)) sigaction(signo, &action, nullptr);
}

}  // namespace td::ps
