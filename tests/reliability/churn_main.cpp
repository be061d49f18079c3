// td-churn: processes forking and dying by the hundred per second, for the churn test
// (churn.py). Each child names itself after its own pid, in comm ("c1234") and in its
// command line, so a listing row whose name and pid disagree mixes two tasks:
//   td-churn --rate=N      N children a second (default 1000) until stdin closes or a signal
// A child lives 2-40 ms. Seven in eight are cheap: clone(CLONE_VM) without a copy of the
// address space (a fork costs 2-7 ms on this project's VMs, too slow for the rate), named by
// comm alone (their command line is the parent's). Every 8th is forked and renames its
// command line too; of those, every other one starts a thread, and every 4th execs td-churn
// again (--exec-child), which renames itself "x<pid>" before it ends. The parent prints
// "ready" once the first children ran.
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

volatile sig_atomic_t g_stop = 0;

void on_signal(int) {
  g_stop = 1;
}

void sleep_ms(long ms) {
  timespec t{ms / 1000, (ms % 1000) * 1000000};
  while (nanosleep(&t, &t) != 0 && errno == EINTR) {
  }
}

// comm and the whole command line area say `name`: the first byte of argv[0] to the end
// of the last argument, the rest NUL.
void rename_self(char** argv, int argc, const std::string& name) {
  prctl(PR_SET_NAME, name.c_str(), 0, 0, 0);
  char* begin = argv[0];
  char* end = argv[argc - 1] + std::strlen(argv[argc - 1]);
  const std::size_t room = static_cast<std::size_t>(end - begin);
  std::memset(begin, 0, room);
  std::memcpy(begin, name.data(), std::min(room, name.size()));
}

void* idle_thread(void*) {
  sleep_ms(20);
  return nullptr;
}

[[noreturn]] void forked_child(char** argv, int argc, unsigned serial, const char* self) {
  const std::string name = "c" + std::to_string(getpid());
  rename_self(argv, argc, name);
  if (serial % 32 == 31) {
    char* exec_argv[] = {const_cast<char*>(self), const_cast<char*>("--exec-child"),
                         const_cast<char*>("padding-for-a-longer-name"), nullptr};
    execv(self, exec_argv);
    _exit(127);
  }
  pthread_t thread;
  const bool threaded =
      serial % 16 == 15 && pthread_create(&thread, nullptr, idle_thread, nullptr) == 0;
  sleep_ms(2 + static_cast<long>(serial % 39));
  if (threaded) pthread_join(thread, nullptr);
  _exit(0);
}

// A clone(CLONE_VM) child shares the parent's memory: only its own stack and raw system
// calls (no malloc, no stdio; glibc thinks the process single-threaded and locks nothing).
// Not instrumented: the sanitizers' runtime knows nothing of this stack.
__attribute__((no_sanitize("address", "undefined"))) int cloned_child(void* arg) {
  const auto serial = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(arg));
  char name[16] = {'c'};
  long pid = syscall(SYS_getpid);
  char digits[12];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + pid % 10);
    pid /= 10;
  } while (pid > 0 && n < 11);
  for (int i = 0; i < n; ++i)
    name[1 + i] = digits[n - 1 - i];
  syscall(SYS_prctl, PR_SET_NAME, name, 0, 0, 0);
  timespec t{0, (2 + static_cast<long>(serial % 39)) * 1000000};
  syscall(SYS_nanosleep, &t, nullptr);
  syscall(SYS_exit, 0);
  return 0;
}

// Stacks for the cloned children, each reused once its child is reaped.
class StackPool {
 public:
  static constexpr std::size_t kSlots = 1024, kSize = 16 * 1024;
  StackPool() {
    void* memory =
        mmap(nullptr, kSlots * kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    base_ = memory == MAP_FAILED ? nullptr : static_cast<char*>(memory);
    for (std::size_t i = 0; i < kSlots; ++i)
      free_.push_back(i);
  }
  // The top of a free stack, or nullptr when every slot is busy.
  char* take(std::size_t& slot) {
    if (!base_ || free_.empty()) return nullptr;
    slot = free_.back();
    free_.pop_back();
    return base_ + (slot + 1) * kSize;
  }
  void give_back(std::size_t slot) { free_.push_back(slot); }

 private:
  char* base_ = nullptr;
  std::vector<std::size_t> free_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "--exec-child") {
    rename_self(argv, argc, "x" + std::to_string(getpid()));
    sleep_ms(10);
    return 0;
  }
  long rate = 1000;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--rate=")) rate = std::atol(argv[i] + 7);
  }
  if (rate <= 0) rate = 1000;
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return 1;
  self[n] = '\0';
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGHUP, on_signal);
  prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
  // Stdin closing ends the churn: a watcher child turns it into SIGTERM.
  const pid_t parent = getpid();
  if (fork() == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    char byte;
    while (read(0, &byte, 1) > 0) {
    }
    kill(parent, SIGTERM);
    _exit(0);
  }
  StackPool stacks;
  std::unordered_map<pid_t, std::size_t> stack_of;  // cloned child -> its stack slot
  auto reap = [&](int flags) {
    pid_t pid;
    while ((pid = waitpid(-1, nullptr, flags | __WALL)) > 0) {
      if (auto it = stack_of.find(pid); it != stack_of.end()) {
        stacks.give_back(it->second);
        stack_of.erase(it);
      }
      if (!(flags & WNOHANG)) break;
    }
  };
  // Paced by the clock: a loop that fell behind (a busy machine) forks until it caught up.
  timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  unsigned serial = 0;
  bool announced = false;
  while (!g_stop) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const double elapsed = static_cast<double>(now.tv_sec - start.tv_sec) +
                           static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9;
    const auto due = static_cast<unsigned>(elapsed * static_cast<double>(rate)) + 1;
    while (serial < due && !g_stop) {
      std::size_t slot = 0;
      char* stack = serial % 8 == 7 ? nullptr : stacks.take(slot);
      if (stack) {
        const pid_t pid = clone(cloned_child, stack, CLONE_VM | SIGCHLD,
                                reinterpret_cast<void*>(static_cast<std::uintptr_t>(serial)));
        if (pid > 0) {
          stack_of[pid] = slot;
        } else {
          stacks.give_back(slot);
        }
      } else if (fork() == 0) {
        forked_child(argv, argc, serial, self);
      }
      ++serial;
      reap(WNOHANG);
    }
    if (!announced && serial >= 64) {
      std::printf("ready\n");
      std::fflush(stdout);
      announced = true;
    }
    sleep_ms(1);
    reap(WNOHANG);
  }
  signal(SIGTERM, SIG_IGN);
  kill(0, SIGTERM);
  while (wait(nullptr) > 0 || errno == EINTR) {
  }
  std::printf("forked %u\n", serial);
  return 0;
}
