#include "tool_links.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace td::diff {

ToolLinks::~ToolLinks() {
  for (auto it = made_.rbegin(); it != made_.rend(); ++it) {
    if (unlink(it->c_str()) != 0) rmdir(it->c_str());
  }
  if (!dir_.empty()) rmdir(dir_.c_str());
}

bool ToolLinks::make(const std::string& tool, const std::string& reference,
                     const std::string& candidate, std::string* error) {
  char pattern[] = "/tmp/td-diff-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    *error = std::string("mkdtemp: ") + std::strerror(errno);
    return false;
  }
  dir_ = pattern;
  // Cases run as another user (@user) must reach both tools: the checkout holding the
  // candidate may sit below a directory only root may search (/root).
  if (chmod(dir_.c_str(), 0755) != 0) {
    *error = "chmod " + dir_ + ": " + std::strerror(errno);
    return false;
  }
  reference_ = link(reference, "ref", tool, error, Place::symlink);
  if (reference_.empty()) return false;
  candidate_ = link(candidate, "td", tool, error, Place::copy);
  return !candidate_.empty();
}

std::string ToolLinks::link(const std::string& target, const std::string& sub,
                            const std::string& name, std::string* error, Place place) {
  char resolved[PATH_MAX];
  if (realpath(target.c_str(), resolved) == nullptr || access(resolved, X_OK) != 0) {
    *error = target + ": " + std::strerror(errno);
    return "";
  }
  std::string dir = dir_ + "/" + sub;
  if (mkdir(dir.c_str(), 0755) != 0) {
    *error = "mkdir " + dir + ": " + std::strerror(errno);
    return "";
  }
  made_.push_back(dir);
  std::string path = dir + "/" + name;
  if (place == Place::copy ? !copy_executable(resolved, path, error)
                           : symlink(resolved, path.c_str()) != 0) {
    if (place == Place::symlink) *error = "symlink " + path + ": " + std::strerror(errno);
    return "";
  }
  made_.push_back(path);
  return path;
}

bool ToolLinks::copy_executable(const std::string& from, const std::string& to,
                                std::string* error) {
  const int in = open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    *error = "open " + from + ": " + std::strerror(errno);
    return false;
  }
  const int out = open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
  if (out < 0) {
    *error = "create " + to + ": " + std::strerror(errno);
    close(in);
    return false;
  }
  bool ok = true;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = read(in, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0 || write(out, buffer, static_cast<size_t>(got)) != got) {
      *error = "copy " + from + " to " + to + ": " + std::strerror(errno);
      ok = false;
      break;
    }
  }
  close(in);
  // Written files cannot be exec'd while open for writing (ETXTBSY).
  if (close(out) != 0 && ok) {
    *error = "close " + to + ": " + std::strerror(errno);
    ok = false;
  }
  return ok;
}

}  // namespace td::diff
