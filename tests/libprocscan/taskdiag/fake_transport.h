// A Transport that serves scripted reads: the seam between the wire backend and a kernel
// that no test machine has. Each dump is looked up by (strategy, pid); its reads are byte
// streams or negative errnos, and an absent script answers ESRCH as the kernel does for an
// unknown pid.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <utility>
#include <variant>
#include <vector>

#include "taskdiag/request.h"
#include "taskdiag/transport.h"
#include "wire_bytes.h"

namespace td_test {

using Read = std::variant<Bytes, int>;  // bytes, or -errno

class FakeTransport final : public procscan::taskdiag::Transport {
 public:
  explicit FakeTransport(std::uint64_t attributes) : attributes_(attributes) {}

  void script(std::uint64_t strategy, std::uint32_t pid, std::vector<Read> reads) {
    scripts_[{strategy, pid}] = std::move(reads);
  }
  void fail_send(int error) { send_error_ = error; }
  // Claims TASK_DIAG_DUMP_ALL_PROCESS_THREAD, as the BPF transport does.
  void serve_one_walk() { one_walk_ = true; }
  bool serves_processes_with_threads() const override { return one_walk_; }
  // Splits ALL_PROCESS_THREAD dumps: the next one after split_next_dump() answers `first`
  // through receive() and `second` through receive_second().
  void script_split(std::vector<Read> first, std::vector<Read> second) {
    split_ok_ = true;
    split_first_ = std::move(first);
    split_second_ = std::move(second);
  }
  bool split_next_dump(std::uint32_t boundary, pid_t second_reader) override {
    if (!split_ok_) return false;
    boundary_ = boundary;
    second_reader_ = second_reader;
    split_pending_ = true;
    return true;
  }
  ssize_t receive_second(std::span<std::byte> buffer) override {
    second_caller_ = static_cast<pid_t>(::gettid());
    return serve(second_pending_, second_next_, buffer);
  }
  std::uint32_t boundary() const { return boundary_; }
  pid_t second_reader() const { return second_reader_; }
  pid_t second_caller() const { return second_caller_; }

  std::string_view name() const override { return name_; }
  std::uint64_t attributes() const override { return attributes_; }
  int send(std::span<const std::byte> request) override {
    if (send_error_) return -send_error_;
    if (request.size() != procscan::taskdiag::kRequestSize) return -EINVAL;
    Sent sent;
    std::memcpy(&sent.show, request.data() + 16, 8);
    std::memcpy(&sent.strategy, request.data() + 24, 8);
    std::memcpy(&sent.pid, request.data() + 32, 4);
    sent_.push_back(sent);
    std::uint32_t key_pid =
        sent.strategy == 0 || sent.strategy == 2 || sent.strategy == 32 ? 0 : sent.pid;
    next_ = second_next_ = 0;
    second_pending_.clear();
    if (std::exchange(split_pending_, false) && sent.strategy == 32) {
      pending_ = split_first_;
      second_pending_ = split_second_;
      return 0;
    }
    const auto it = scripts_.find({sent.strategy, key_pid});
    pending_ = it == scripts_.end() ? std::vector<Read>{Read{-ESRCH}} : it->second;
    return 0;
  }
  ssize_t receive(std::span<std::byte> buffer) override { return serve(pending_, next_, buffer); }

  struct Sent {
    std::uint64_t show = 0;
    std::uint64_t strategy = 0;
    std::uint32_t pid = 0;
  };
  const std::vector<Sent>& sent() const { return sent_; }
  std::string_view name_ = "fake";

 private:
  static ssize_t serve(const std::vector<Read>& reads, std::size_t& next,
                       std::span<std::byte> buffer) {
    if (next >= reads.size()) return 0;
    const Read& read = reads[next++];
    if (const int* error = std::get_if<int>(&read)) return *error;
    const Bytes& bytes = std::get<Bytes>(read);
    if (bytes.size() > buffer.size()) return -EMSGSIZE;
    std::memcpy(buffer.data(), bytes.data(), bytes.size());
    return static_cast<ssize_t>(bytes.size());
  }

  std::uint64_t attributes_;
  std::map<std::pair<std::uint64_t, std::uint32_t>, std::vector<Read>> scripts_;
  std::vector<Read> pending_;
  std::size_t next_ = 0;
  int send_error_ = 0;
  bool one_walk_ = false;
  bool split_ok_ = false;
  bool split_pending_ = false;
  std::vector<Read> split_first_, split_second_, second_pending_;
  std::size_t second_next_ = 0;
  std::uint32_t boundary_ = 0;
  pid_t second_reader_ = 0;
  pid_t second_caller_ = 0;
  std::vector<Sent> sent_;
};

}  // namespace td_test
