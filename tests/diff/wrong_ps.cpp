// td-wrong-ps: a deliberately wrong candidate for the harness's own test. It runs the
// reference ps with the same arguments and changes the last byte of its last line, so every
// case with output must fail, with a diff that points at that byte; where ps printed
// nothing, it changes the exit status instead, so that every case fails.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  const char* reference = std::getenv("TD_WRONG_REFERENCE");
  if (reference == nullptr) reference = "/usr/bin/ps";
  int out[2];
  if (argc < 1 || pipe(out) != 0) return 125;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    execv(reference, argv);
    _exit(127);
  }
  close(out[1]);
  std::string text;
  char chunk[65536];
  ssize_t n;
  while ((n = read(out[0], chunk, sizeof chunk)) > 0)
    text.append(chunk, static_cast<size_t>(n));
  int status = 0;
  waitpid(pid, &status, 0);
  size_t last = text.size();
  if (last > 0 && text[last - 1] == '\n') --last;
  if (last > 0) text[last - 1] = text[last - 1] == '#' ? '%' : '#';
  for (size_t done = 0; done < text.size();) {
    ssize_t written = write(1, text.data() + done, text.size() - done);
    if (written <= 0) break;
    done += static_cast<size_t>(written);
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (text.empty()) return code == 0 ? 1 : 0;
  return code;
}
