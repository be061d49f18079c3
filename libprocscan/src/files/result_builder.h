// Appends tasks, rows, text and epoll fd lists to an OpenFilesResult (its only writer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "procscan/open_files.h"

namespace procscan {

class OpenFilesBuilder {
 public:
  explicit OpenFilesBuilder(OpenFilesResult& result) : result_(result) {}

  std::vector<TaskFiles>& tasks() { return result_.tasks_; }
  std::vector<OpenFile>& files() { return result_.files_; }
  std::vector<int>& epoll_tfds() { return result_.epoll_tfds_; }
  OpenFilesStats& stats() { return result_.stats_; }
  void count(FileGroup group, std::uint64_t n = 1) {
    result_.stats_.reads[static_cast<std::size_t>(group)] += n;
  }
  std::string_view name(const OpenFile& file) const { return result_.name(file); }
  void set_source(std::string_view source, std::string reason) {
    result_.source_ = source;
    result_.source_reason_ = std::move(reason);
  }
  // Keeps `text` in the result's arena and points the file's name at it.
  void set_name(OpenFile& file, std::string_view text) {
    file.name_offset = static_cast<std::uint32_t>(result_.text_.size());
    file.name_length = static_cast<std::uint32_t>(text.size());
    result_.text_.append(text);
  }

 private:
  OpenFilesResult& result_;
};

}  // namespace procscan
