// ref/TOOL and td/TOOL in a fresh temporary directory, with one basename, so the reference
// and the candidate run with the same comm (the kernel takes it from the name exec'd) and
// the same argv[0], and nothing the tools show tells the two runs apart. The reference is
// a symlink; the candidate a copy, which another user (@user cases) can run wherever the
// checkout lies.
#pragma once

#include <string>
#include <vector>

namespace td::diff {

class ToolLinks {
 public:
  ToolLinks() = default;
  ToolLinks(const ToolLinks&) = delete;
  ToolLinks& operator=(const ToolLinks&) = delete;
  // Removes the links and their directories.
  ~ToolLinks();

  // False with *error set if a binary is missing or not executable, or a link fails.
  bool make(const std::string& tool, const std::string& reference, const std::string& candidate,
            std::string* error);

  const std::string& reference() const { return reference_; }
  const std::string& candidate() const { return candidate_; }

 private:
  enum class Place { symlink, copy };
  std::string link(const std::string& target, const std::string& sub, const std::string& name,
                   std::string* error, Place place);
  static bool copy_executable(const std::string& from, const std::string& to, std::string* error);

  std::string dir_, reference_, candidate_;
  std::vector<std::string> made_;  // links, then directories, in creation order
};

}  // namespace td::diff
