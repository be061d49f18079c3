// How the decoders and parsers fill a SocketTable: records are added in any order, then
// built once (sorted by inode; /proc/net/unix's kernel addresses joined by inode).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "procscan/sockets.h"

namespace procscan {

struct SocketTable::Builder {
  // `path`: a unix socket's name as the kernel gives it; `pending`: a listener's pending
  // connections (UNIX_DIAG_ICONS, 32-bit inodes).
  void add(Socket socket, std::string_view path = {}, std::span<const std::uint32_t> pending = {});
  // /proc/net/unix's "Num" for an inode, joined when the table is built.
  void add_kernel_address(std::uint64_t inode, std::uint64_t address) {
    kernel_addresses_.emplace_back(inode, address);
  }
  std::size_t size() const { return table_.sockets_.size(); }
  // Takes back what a failed read added (its strings stay, unreferenced).
  void truncate(std::size_t count) { table_.sockets_.resize(count); }
  SocketReadStats& stats() { return table_.stats_; }
  // Sorts by inode (the first record of an inode read twice wins) and joins addresses.
  SocketTable build() &&;

 private:
  SocketTable table_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> kernel_addresses_;
};

}  // namespace procscan
