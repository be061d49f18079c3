#include "tool_links.h"

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
  reference_ = link(reference, "ref", tool, error);
  if (reference_.empty()) return false;
  candidate_ = link(candidate, "td", tool, error);
  return !candidate_.empty();
}

std::string ToolLinks::link(const std::string& target, const std::string& sub,
                            const std::string& name, std::string* error) {
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
  if (symlink(resolved, path.c_str()) != 0) {
    *error = "symlink " + path + ": " + std::strerror(errno);
    return "";
  }
  made_.push_back(path);
  return path;
}

}  // namespace td::diff
