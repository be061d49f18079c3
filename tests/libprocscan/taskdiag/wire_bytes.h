// Builds task_diag response streams byte by byte, at the offsets of the reference
// (../shared/reference/task_diag.md 3.3): nlmsghdr (len 0, type 4, flags 6, seq 8, pid 12),
// task_diag_msg (pid 16, tgid 20, flags 24), then nlattrs (len 0, type 2, payload 4) each
// padded to 4 bytes. Tests write the payload structs field by field, so a layout mistake in
// task_diag_abi.h would show as a mismatch rather than cancel out.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace td_test {

using Bytes = std::vector<std::byte>;

inline void put(Bytes& out, std::size_t at, const void* value, std::size_t size) {
  if (out.size() < at + size) out.resize(at + size);
  std::memcpy(out.data() + at, value, size);
}
template <typename T>
void put_at(Bytes& out, std::size_t at, T value) {
  put(out, at, &value, sizeof value);
}
template <typename T>
void append(Bytes& out, T value) {
  put_at(out, out.size(), value);
}

inline Bytes bytes_of(std::string_view text) {
  const auto* p = reinterpret_cast<const std::byte*>(text.data());
  return Bytes(p, p + text.size());
}

struct Message {
  Message(std::uint32_t pid_, std::uint32_t tgid_, std::uint32_t flags_ = 0)
      : pid(pid_), tgid(tgid_), flags(flags_) {}
  std::uint32_t pid = 0;
  std::uint32_t tgid = 0;
  std::uint32_t flags = 0;
  std::uint16_t type = 0xD101;
  std::uint32_t seq = 1;
  std::vector<std::pair<std::uint16_t, Bytes>> attributes;

  Message& with(std::uint16_t attribute, Bytes payload) {
    attributes.emplace_back(attribute, std::move(payload));
    return *this;
  }
  Bytes encode() const {
    Bytes out(28, std::byte{0});
    put_at<std::uint16_t>(out, 4, type);
    put_at<std::uint16_t>(out, 6, 0x2);  // NLM_F_MULTI
    put_at<std::uint32_t>(out, 8, seq);
    put_at<std::uint32_t>(out, 16, pid);
    put_at<std::uint32_t>(out, 20, tgid);
    put_at<std::uint32_t>(out, 24, flags);
    for (const auto& [number, payload] : attributes) {
      const std::size_t at = out.size();
      put_at<std::uint16_t>(out, at, static_cast<std::uint16_t>(4 + payload.size()));
      put_at<std::uint16_t>(out, at + 2, number);
      out.insert(out.end(), payload.begin(), payload.end());
      out.resize((out.size() + 3) & ~std::size_t{3}, std::byte{0});
    }
    put_at<std::uint32_t>(out, 0, static_cast<std::uint32_t>(out.size()));
    return out;
  }
};

inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts)
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

// task_diag_base, 44 bytes: tgid 0, pid 4, ppid 8, tpid 12, sid 16, pgid 20, state 24,
// comm 25..40, 3 padding bytes (filled with garbage, as the kernel leaves them).
inline Bytes base_payload(std::uint32_t tgid, std::uint32_t pid, std::uint32_t ppid,
                          std::uint32_t tpid, std::uint32_t sid, std::uint32_t pgid,
                          std::uint8_t state, std::string_view comm) {
  Bytes out(44, std::byte{0xEE});
  put_at(out, 0, tgid);
  put_at(out, 4, pid);
  put_at(out, 8, ppid);
  put_at(out, 12, tpid);
  put_at(out, 16, sid);
  put_at(out, 20, pgid);
  put_at(out, 24, state);
  for (std::size_t i = 0; i < 16; ++i)
    out[25 + i] = std::byte{static_cast<unsigned char>(i < comm.size() ? comm[i] : 0)};
  return out;
}

// task_diag_creds, 64 bytes: four caps of two u32 words (0, 8, 16, 24), then uid euid suid
// fsuid gid egid sgid fsgid at 32..60.
inline Bytes creds_payload(std::uint64_t inheritable, std::uint64_t permitted,
                           std::uint64_t effective, std::uint64_t bounding,
                           std::array<std::uint32_t, 8> ids) {
  Bytes out(64, std::byte{0});
  const std::uint64_t caps[] = {inheritable, permitted, effective, bounding};
  for (int i = 0; i < 4; ++i) {
    put_at<std::uint32_t>(out, 8 * i, static_cast<std::uint32_t>(caps[i]));
    put_at<std::uint32_t>(out, 8 * i + 4, static_cast<std::uint32_t>(caps[i] >> 32));
  }
  for (int i = 0; i < 8; ++i)
    put_at(out, 32 + 4 * i, ids[i]);
  return out;
}

// task_diag_stat, 72 bytes: eight u64 (minflt cminflt majflt cmajflt utime stime cutime
// cstime) at 0..56, threads u32 at 64, 4 padding bytes.
inline Bytes stat_payload(std::array<std::uint64_t, 8> counters, std::uint32_t threads) {
  Bytes out(72, std::byte{0xAB});
  for (int i = 0; i < 8; ++i)
    put_at(out, 8 * i, counters[i]);
  put_at(out, 64, threads);
  return out;
}

// Fifteen u64 (our STATM layout) in the order of task_diag_statm.
inline Bytes u64s_payload(std::initializer_list<std::uint64_t> values) {
  Bytes out;
  for (std::uint64_t v : values)
    append(out, v);
  return out;
}

// One VMA record: header (start 0, end 8, vm_flags 16, pgoff 24, major 32, minor 36, inode
// 40, generation 48, vma_len 52, name_off 54, name_len 56, stat_off 58, stat_len 60), an
// optional 80-byte stat block at 64, the NUL-terminated name, padded to 4.
inline Bytes vma_record(std::uint64_t start, std::uint64_t end, std::uint64_t flags,
                        std::string_view name, const std::uint64_t* stat = nullptr) {
  Bytes out(64, std::byte{0});
  put_at(out, 0, start);
  put_at(out, 8, end);
  put_at(out, 16, flags);
  put_at<std::uint64_t>(out, 24, 0x1000);
  put_at<std::uint32_t>(out, 32, 8);
  put_at<std::uint32_t>(out, 36, 1);
  put_at<std::uint64_t>(out, 40, 1234);
  put_at<std::uint32_t>(out, 48, 7);
  if (stat) {
    put_at<std::uint16_t>(out, 58, 64);
    put_at<std::uint16_t>(out, 60, 80);
    for (int i = 0; i < 10; ++i)
      append(out, stat[i]);
  }
  if (!name.empty()) {
    put_at<std::uint16_t>(out, 54, static_cast<std::uint16_t>(out.size()));
    put_at<std::uint16_t>(out, 56, static_cast<std::uint16_t>(name.size() + 1));
    const Bytes text = bytes_of(name);
    out.insert(out.end(), text.begin(), text.end());
    out.push_back(std::byte{0});
  }
  out.resize((out.size() + 3) & ~std::size_t{3}, std::byte{0});
  put_at<std::uint16_t>(out, 52, static_cast<std::uint16_t>(out.size()));
  return out;
}

}  // namespace td_test
