#include "output.h"

#include <pwd.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "procscan/names.h"
#include "safe_text.h"

namespace tdlsof {

namespace {

// Column titles (lsof.h *TTL).
constexpr const char* kCommandTitle = "COMMAND";
constexpr const char* kPidTitle = "PID";
constexpr const char* kTidTitle = "TID";
constexpr const char* kTaskCommandTitle = "TASKCMD";
constexpr const char* kPpidTitle = "PPID";
constexpr const char* kPgidTitle = "PGID";
constexpr const char* kUserTitle = "USER";
constexpr const char* kFdTitle = "FD";
constexpr const char* kTypeTitle = "TYPE";
constexpr const char* kFlagsTitle = "FILE-FLAG";
constexpr const char* kDeviceTitle = "DEVICE";
constexpr const char* kLinksTitle = "NLINK";
constexpr const char* kNodeTitle = "NODE";
constexpr const char* kNameTitle = "NAME";

// Linux open flags in lsof's table order (dialects/linux/dstore.c Pff_tab): a name takes
// every bit it shares with the flags left, so O_TMPFILE's O_DIRECTORY bit goes to DTY.
struct FlagName {
  std::uint32_t bits;
  const char* name;
};
constexpr std::array<FlagName, 20> kFlagNames{{
    {01, "W"},         {02, "RW"},         {0100, "CR"},        {0200, "EXCL"},
    {0400, "NTTY"},    {01000, "TR"},      {02000, "AP"},       {04000, "ND"},
    {04010000, "SYN"}, {020000, "ASYN"},   {040000, "DIR"},     {0200000, "DTY"},
    {0400000, "NFLK"}, {01000000, "NATM"}, {010000, "DSYN"},    {04010000, "RSYN"},
    {0100000, "LG"},   {02000000, "CX"},   {010000000, "PATH"}, {020200000, "TMPF"},
}};

std::string number(long long value) {
  return std::to_string(value);
}

std::string pad_right(const std::string& text, std::size_t width) {  // "%*s"
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string fd_cell(const FileRow& file) {
  const char access = file.lock == ' ' ? file.access : (file.access == ' ' ? '-' : file.access);
  return file.fd + access + file.lock;
}

std::string trimmed_fd(const std::string& fd) {
  return fd.substr(std::min(fd.find_first_not_of(' '), fd.size()));
}

std::string tcp_info_text(const FileRow& file) {
  std::string out;
  for (const auto& item : file.tcp_info) {
    out += out.empty() ? "(" : " ";
    out += item.key == "ST" ? item.value : item.key + "=" + item.value;
  }
  return out.empty() ? out : out + ")";
}

}  // namespace

const std::string& Logins::user(uid_t uid, bool* found) {
  for (auto& [id, entry] : cache_) {
    if (id == uid) {
      if (found) *found = entry.found;
      return entry.text;
    }
  }
  Entry entry;
  if (!numbers_) {
    if (const passwd* pw = ::getpwuid(uid)) {
      entry.text = pw->pw_name;
      entry.found = true;
    } else {
      missing_.push_back(uid);
    }
  }
  if (!entry.found) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%*lu", 8, static_cast<unsigned long>(uid));
    entry.text = buf;
  }
  cache_.emplace_back(uid, entry);
  if (found) *found = cache_.back().second.found;
  return cache_.back().second.text;
}

std::string file_flags_cell(std::uint32_t flags, bool hex) {
  if (hex) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%x;0x0", flags);
    return buf;
  }
  std::string out;
  std::uint32_t left = flags;
  for (const auto& f : kFlagNames) {
    if (!(left & f.bits)) continue;
    out += (out.empty() ? "" : ",");
    out += f.name;
    left &= ~f.bits;
  }
  if (left) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%x", left);
    out += (out.empty() ? "" : ",");
    out += buf;
  }
  return out;
}

std::string size_or_offset(const FileRow& file, const Options& options) {
  if (file.size) return number(static_cast<long long>(*file.size));
  if (!file.offset) return "";
  std::string text = "0t" + std::to_string(*file.offset);
  if (options.offset_digits && text.size() > static_cast<std::size_t>(options.offset_digits) + 2) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%#llx", static_cast<unsigned long long>(*file.offset));
    text = buf;
  }
  return text;
}

std::string device_cell(const FileRow& file) {
  const std::optional<std::uint64_t> dev = file.raw_device ? file.raw_device : file.device;
  if (dev) {
    return std::to_string(procscan::dev_major(*dev)) + "," +
           std::to_string(procscan::dev_minor(*dev));
  }
  return file.device_text;
}

std::string name_cell(const FileRow& file, const Options& options, bool text_mode) {
  std::string out = safe_text(file.name);
  if (!file.name_addition.empty()) {
    if (!out.empty()) out += ' ';
    out += safe_text(file.name_addition);
  }
  if (text_mode && options.tcp_info && file.has_tcp_info) {
    if (!out.empty()) out += ' ';
    out += tcp_info_text(file);
  }
  return out;
}

namespace {

struct Widths {
  std::size_t command = 7, pid = 3, tid = 3, task_command = 7, ppid = 4, pgid = 4, user = 4, fd = 2,
              type = 4, flags = 9, device = 6, size = 8, links = 5, node = 4;
  bool print_tid = false, print_task_command = false;
};

std::string node_cell(const FileRow& file) {
  switch (file.node) {
    case NodeKind::Inode:
      return std::to_string(file.inode);
    case NodeKind::Protocol:
      return file.protocol;
    case NodeKind::None:
      break;
  }
  return "";
}

std::string flags_of(const FileRow& file, const Options& options) {
  if (!file.open_flags) return "";
  if (!options.file_flags_hex && *file.open_flags == 0) return "";
  return file_flags_cell(*file.open_flags, options.file_flags_hex);
}

std::string links_of(const FileRow& file) {
  return file.link_count ? " " + std::to_string(*file.link_count) : "";
}

std::size_t command_width(const std::string& command, const Options& options) {
  std::size_t len = safe_width(command.empty() ? "(unknown)" : command, true);
  if (options.command_width && len > static_cast<std::size_t>(options.command_width)) {
    len = static_cast<std::size_t>(options.command_width);
  }
  return len;
}

}  // namespace

std::string text_output(const std::vector<ProcessRows>& processes, const Options& options,
                        Logins& logins, const Emit& emit) {
  Widths w;
  w.size = options.sizes ? 4 : options.offsets ? 6 : 8;
  bool any = false;
  for (const auto& p : processes) {
    bool process_printed = false;
    for (const auto& f : p.rows()) {
      if (!f.selected) continue;
      any = process_printed = true;
      w.fd = std::max(w.fd, fd_cell(f).size());
      w.type = std::max(w.type, f.type.size());
      if (options.file_flags) w.flags = std::max(w.flags, flags_of(f, options).size());
      w.device = std::max(w.device, device_cell(f).size());
      w.size = std::max(w.size, size_or_offset(f, options).size());
      if (options.link_counts) w.links = std::max(w.links, links_of(f).size());
      w.node = std::max(w.node, node_cell(f).size());
    }
    if (!process_printed) continue;
    w.command = std::max(w.command, command_width(p.command, options));
    w.pid = std::max(w.pid, number(p.pid).size());
    if (p.tid) {
      w.print_tid = w.print_task_command = true;
      w.tid = std::max(w.tid, number(p.tid).size());
      w.task_command = std::max(w.task_command, command_width(p.task_command, options));
    }
    w.ppid = std::max(w.ppid, number(p.ppid).size());
    w.pgid = std::max(w.pgid, number(p.pgid).size());
    w.user = std::max(w.user, logins.user(p.uid).size());
  }
  if (!any) return "";

  std::string out;
  out += safe_fixed(kCommandTitle, w.command) + " " + pad_right(kPidTitle, w.pid);
  if (w.print_tid) out += " " + pad_right(kTidTitle, w.tid);
  if (w.print_task_command) out += " " + safe_fixed(kTaskCommandTitle, w.task_command);
  if (options.show_ppid) out += " " + pad_right(kPpidTitle, w.ppid);
  if (options.show_pgid) out += " " + pad_right(kPgidTitle, w.pgid);
  out += " " + pad_right(kUserTitle, w.user) + " " + pad_right(kFdTitle, w.fd - 2) + "   " +
         pad_right(kTypeTitle, w.type);
  if (options.file_flags) out += " " + pad_right(kFlagsTitle, w.flags);
  out += " " + pad_right(kDeviceTitle, w.device);
  out += " " + pad_right(options.offsets ? "OFFSET" : options.sizes ? "SIZE" : "SIZE/OFF", w.size);
  if (options.link_counts) out += " " + pad_right(kLinksTitle, w.links);
  out += " " + pad_right(kNodeTitle, w.node) + " " + kNameTitle + "\n";

  std::size_t rows = 0;
  for (const auto& p : processes)
    rows += p.rows().size();
  const std::size_t fixed = w.command + w.pid + w.tid + w.task_command + w.ppid + w.pgid + w.user +
                            w.fd + w.type + w.flags + w.device + w.size + w.links + w.node + 16;
  out.reserve(out.size() + rows * (fixed + 40));
  // Cells are appended in place: a whole-machine listing has hundreds of thousands of them.
  auto right = [&out](std::string_view text, std::size_t width) {  // " %*.*s"
    out += ' ';
    text = text.substr(0, width);
    out.append(width - text.size(), ' ');
    out += text;
  };
  for (const auto& p : processes) {
    const std::string pid = number(p.pid), tid = p.tid ? number(p.tid) : std::string(),
                      ppid = number(p.ppid), pgid = number(p.pgid);
    const std::string command =
        safe_fixed(p.command.empty() ? "(unknown)" : p.command, w.command, true);
    const std::string task_command =
        w.print_task_command ? safe_fixed(p.task_command, w.task_command, true) : std::string();
    const std::string& user = logins.user(p.uid);
    for (const auto& f : p.rows()) {
      if (!f.selected) continue;
      out += command;
      right(pid, w.pid);
      if (w.print_tid) right(tid, w.tid);
      if (w.print_task_command) {
        out += ' ';
        out += task_command;
      }
      if (options.show_ppid) right(ppid, w.ppid);
      if (options.show_pgid) right(pgid, w.pgid);
      right(user, w.user);
      right(f.fd, w.fd - 2);
      out += f.lock == ' ' ? f.access : (f.access == ' ' ? '-' : f.access);
      out += f.lock;
      right(f.type, w.type);
      if (options.file_flags) right(flags_of(f, options), w.flags);
      right(device_cell(f), w.device);
      right(size_or_offset(f, options), w.size);
      if (options.link_counts) right(links_of(f), w.links);
      right(node_cell(f), w.node);
      out += ' ';
      out += name_cell(f, options, true);
      out += '\n';
      if (emit && out.size() >= kEmitBytes) emit(out);
    }
  }
  return out;
}

std::string field_output(const std::vector<ProcessRows>& processes, const Options& options,
                         Logins& logins, const Emit& emit) {
  const FieldChoice& fields = *options.fields;
  const char end = options.terminator;
  std::string out;
  auto field = [&](char letter, const std::string& value) {
    out += letter;
    out += value;
    out += end;
  };
  for (const auto& p : processes) {
    if (std::none_of(p.rows().begin(), p.rows().end(), [](const FileRow& f) { return f.selected; }))
      continue;
    field('p', number(p.pid));
    if (fields.has('K') && p.tid) field('K', number(p.tid));
    if (fields.has('M') && p.tid) field('M', p.task_command);
    if (fields.has('g') && options.show_pgid) field('g', number(p.pgid));
    if (fields.has('R') && options.show_ppid) field('R', number(p.ppid));
    if (fields.has('c')) field('c', safe_text(p.command.empty() ? "(unknown)" : p.command));
    if (fields.has('u')) field('u', number(p.uid));
    if (fields.has('L')) {
      bool found = false;
      const std::string& login = logins.user(p.uid, &found);
      if (found) field('L', login);
    }
    if (end == '\0') out += '\n';
    for (const auto& f : p.rows()) {
      if (!f.selected) continue;
      int count = 0;
      auto file_field = [&](char letter, const std::string& value) {
        field(letter, value);
        ++count;
      };
      if (fields.has('f')) file_field('f', trimmed_fd(f.fd));
      if (fields.has('a')) file_field('a', std::string(1, f.access));
      if (fields.has('l')) file_field('l', std::string(1, f.lock));
      if (fields.has('t') && !f.type.empty()) file_field('t', f.type);
      if (fields.has('G') && f.open_flags && (options.file_flags_hex || *f.open_flags)) {
        file_field('G', file_flags_cell(*f.open_flags, options.file_flags_hex));
      }
      if (fields.has('d') && !f.device_text.empty()) file_field('d', f.device_text);
      char buf[32];
      if (fields.has('D') && f.device) {
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(*f.device));
        file_field('D', buf);
      }
      if (fields.has('r') && f.raw_device) {
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(*f.raw_device));
        file_field('r', buf);
      }
      if (fields.has('s') && f.size) file_field('s', number(static_cast<long long>(*f.size)));
      if (fields.has('o') && f.offset) {
        FileRow offset_only;
        offset_only.offset = f.offset;
        file_field('o', size_or_offset(offset_only, options));
      }
      if (fields.has('i') && f.node == NodeKind::Inode) file_field('i', std::to_string(f.inode));
      if (fields.has('k') && f.link_count) file_field('k', std::to_string(*f.link_count));
      if (fields.has('P') && f.node == NodeKind::Protocol && !f.protocol.empty()) {
        file_field('P', f.protocol);
      }
      if (fields.has('n')) file_field('n', name_cell(f, options, false));
      if (fields.has('T')) {
        for (const auto& item : f.tcp_info)
          file_field('T', item.key + "=" + item.value);
      }
      if (end == '\0' && count) out += '\n';
      if (emit && out.size() >= kEmitBytes) emit(out);
    }
  }
  return out;
}

std::string terse_output(const std::vector<ProcessRows>& processes, const Emit& emit) {
  std::string out;
  pid_t last = -1;
  for (const auto& p : processes) {
    if (p.pid == last) continue;
    if (std::none_of(p.rows().begin(), p.rows().end(), [](const FileRow& f) { return f.selected; }))
      continue;
    last = p.pid;
    out += number(p.pid) + "\n";
    if (emit && out.size() >= kEmitBytes) emit(out);
  }
  return out;
}

}  // namespace tdlsof
