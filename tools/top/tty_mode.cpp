#include "tty_mode.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace td::top::tty {

namespace {

termios g_original{};
termios g_raw{};
std::atomic<bool> g_changed{false};
int g_pipe[2] = {-1, -1};

// Two buffers for the restore text, so that a handler never reads one being written.
constexpr std::size_t kRestoreBytes = 512;
char g_restore[2][kRestoreBytes];
std::size_t g_restore_size[2] = {0, 0};
std::atomic<int> g_restore_index{0};
std::string g_resume_text;  // rmam, keypad_xmit: written when a stop ends
char g_program[64] = "top";

void write_all(const char* text, std::size_t size, int fd = STDOUT_FILENO) {
  while (size > 0) {
    const ssize_t n = ::write(fd, text, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text += n;
    size -= static_cast<std::size_t>(n);
  }
}

void write_error(const char* text) {
  write_all(text, std::strlen(text), STDERR_FILENO);
}

void poke() {
  const char byte = 1;
  const ssize_t n = ::write(g_pipe[1], &byte, 1);
  (void)n;
}

void on_end(int) {
  end(0);
}

void on_resize(int) {
  const int saved = errno;
  ::tcdrain(STDOUT_FILENO);
  poke();
  errno = saved;
}

void on_pause(int) {
  const int saved = errno;
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_original);
  const int i = g_restore_index.load();
  // sig_paused: the cursor to the last line and normal, margins on; no newline.
  write_all(g_restore[i], g_restore_size[i]);
  ::raise(SIGSTOP);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_raw);
  write_all(g_resume_text.data(), g_resume_text.size());
  poke();
  errno = saved;
}

void on_crash(int sig) {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, nullptr);
  restore();
  // top's EXIT_signals_fmt, less the address for bug reports (it is procps's).
  write_error("\tsignal ");
  char number[16];
  int n = 0;
  for (int v = sig; v > 0 && n < 15; v /= 10)
    number[n++] = static_cast<char>('0' + v % 10);
  while (n > 0)
    write_all(&number[--n], 1, STDERR_FILENO);
  write_error(" (");
  const char* name = sigabbrev_np(sig);
  write_error(name ? name : "?");
  write_error(") was caught by ");
  write_error(g_program);
  write_error("\n");
  ::signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  sigprocmask(SIG_UNBLOCK, &one, nullptr);
  ::raise(sig);
  ::_exit(EXIT_FAILURE);
}

}  // namespace

bool enter(const TtyCaps& caps, std::string* error) {
  if (::tcgetattr(STDIN_FILENO, &g_original) == -1) {
    *error = "failed tty get";
    return false;
  }
  g_changed = true;
  // whack_terminal: a consistent canonical mode first, then the keyboard mode from it.
  termios mode = g_original;
  mode.c_lflag |= (ECHO | ECHOCTL | ECHOE | ICANON | ISIG);
  mode.c_lflag &= ~NOFLSH;
  mode.c_oflag &= ~TAB3;
  mode.c_iflag |= BRKINT;
  mode.c_iflag &= ~IGNBRK;
  const std::string& backspace = caps.keys[0].text;
  if (backspace.size() == 1) mode.c_cc[VERASE] = static_cast<cc_t>(backspace[0]);
  mode.c_lflag &= ~(ECHO | ECHOCTL | ECHOE | ICANON);
  mode.c_cc[VMIN] = 1;
  mode.c_cc[VTIME] = 0;
  if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &mode) == -1) {
    *error = std::string("failed tty set: ") + std::strerror(errno);
    return false;
  }
  ::tcgetattr(STDIN_FILENO, &g_raw);
  g_resume_text = caps.rmam + caps.keypad_on;
  write_all(g_resume_text.data(), g_resume_text.size());
  return true;
}

void set_restore_text(const TtyCaps& caps, int screen_rows) {
  const std::string text = caps.keypad_off + caps.go(0, screen_rows) + "\n" + caps.curs_norm +
                           caps.erase_line + caps.smam;
  const int next = 1 - g_restore_index.load();
  const std::size_t size = std::min(text.size(), kRestoreBytes);
  std::memcpy(g_restore[next], text.data(), size);
  g_restore_size[next] = size;
  g_restore_index.store(next);
}

void restore() {
  if (!g_changed.exchange(false)) return;
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_original);
  const int i = g_restore_index.load();
  write_all(g_restore[i], g_restore_size[i]);
}

void end(int status) {
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  restore();
  ::_exit(status);
}

void install_signal_handlers(const std::string& program) {
  std::strncpy(g_program, program.c_str(), sizeof g_program - 1);
  if (g_pipe[0] < 0 && ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) g_pipe[0] = g_pipe[1] = -1;
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a signal wakes the wait for keys
  for (int sig = SIGRTMAX; sig > 0; --sig) {
    switch (sig) {
      case SIGHUP:
      case SIGALRM:
      case SIGINT:
      case SIGPIPE:
      case SIGQUIT:
      case SIGTERM:
      case SIGUSR1:
      case SIGUSR2:
        action.sa_handler = on_end;
        break;
      case SIGTSTP:
      case SIGTTIN:
      case SIGTTOU:
        action.sa_handler = on_pause;
        break;
      case SIGCONT:
      case SIGWINCH:
        action.sa_handler = on_resize;
        break;
      case SIGKILL:
      case SIGSTOP:
      case SIGCHLD:
        continue;
      default:
        // glibc keeps two real-time signals for its threads.
        if (sig >= 32 && sig < SIGRTMIN) continue;
        action.sa_handler = on_crash;
        break;
    }
    ::sigaction(sig, &action, nullptr);
  }
}

int redraw_fd() {
  return g_pipe[0];
}

bool take_redraw() {
  bool any = false;
  char buffer[64];
  while (::read(g_pipe[0], buffer, sizeof buffer) > 0)
    any = true;
  return any;
}

bool window_size(int* columns, int* rows) {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == -1 || size.ws_col == 0 || size.ws_row == 0)
    return false;
  *columns = size.ws_col;
  *rows = size.ws_row;
  return true;
}

}  // namespace td::top::tty
