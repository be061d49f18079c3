#include "json_output.h"

#include <algorithm>

#include "json_writer.h"

namespace tdlsof {

namespace {

std::string trimmed(const std::string& fd) {
  return fd.substr(std::min(fd.find_first_not_of(' '), fd.size()));
}

void file_object(td::common::JsonWriter& json, const FileRow& f, const Options& options) {
  json.begin_object();
  json.key("fd");
  json.string(trimmed(f.fd));
  if (f.fd_number) {
    json.key("fd_number");
    json.number(static_cast<std::int64_t>(*f.fd_number));
  }
  if (f.access != ' ') {
    json.key("access");
    json.string(std::string(1, f.access));
  }
  if (f.lock != ' ') {
    json.key("lock");
    json.string(std::string(1, f.lock));
  }
  json.key("type");
  json.string(f.type);
  const std::string device = device_cell(f);
  if (!device.empty()) {
    json.key("device");
    json.string(device);
  }
  if (f.raw_device || f.device) {
    json.key("device_number");
    json.number(static_cast<std::uint64_t>(f.raw_device ? *f.raw_device : *f.device));
  }
  if (f.size) {
    json.key("size");
    json.number(static_cast<std::uint64_t>(*f.size));
  }
  if (f.offset) {
    json.key("offset");
    json.number(static_cast<std::uint64_t>(*f.offset));
  }
  if (f.link_count) {
    json.key("link_count");
    json.number(static_cast<std::int64_t>(*f.link_count));
  }
  if (f.node == NodeKind::Inode) {
    json.key("inode");
    json.number(static_cast<std::uint64_t>(f.inode));
  } else if (f.node == NodeKind::Protocol && !f.protocol.empty()) {
    json.key("protocol");
    json.string(f.protocol);
  }
  if (f.open_flags) {
    json.key("flags");
    json.number(static_cast<std::uint64_t>(*f.open_flags));
  }
  json.key("name");
  json.string(name_cell(f, options, false));
  for (const auto& item : f.tcp_info) {
    if (item.key == "ST") {
      json.key("state");
      json.string(item.value);
    } else if (item.key == "QR" || item.key == "QS") {
      json.key(item.key == "QR" ? "recv_queue" : "send_queue");
      json.number(static_cast<std::uint64_t>(std::stoull(item.value)));
    }
  }
  json.end_object();
}

}  // namespace

std::string json_output(const std::vector<ProcessRows>& processes, const Options& options,
                        Logins& logins) {
  std::string out;
  td::common::JsonWriter json(out, true);
  json.begin_array();
  for (const auto& p : processes) {
    if (std::none_of(p.rows().begin(), p.rows().end(), [](const FileRow& f) { return f.selected; }))
      continue;
    json.begin_object();
    json.key("pid");
    json.number(static_cast<std::int64_t>(p.pid));
    if (p.tid) {
      json.key("tid");
      json.number(static_cast<std::int64_t>(p.tid));
      json.key("task_cmd");
      json.string(p.task_command);
    }
    json.key("command");
    json.string(p.command);
    json.key("uid");
    json.number(static_cast<std::uint64_t>(p.uid));
    bool found = false;
    const std::string& login = logins.user(p.uid, &found);
    if (found) {
      json.key("login");
      json.string(login);
    }
    json.key("pgid");
    json.number(static_cast<std::int64_t>(p.pgid));
    json.key("ppid");
    json.number(static_cast<std::int64_t>(p.ppid));
    json.key("files");
    json.begin_array();
    for (const auto& f : p.rows())
      if (f.selected) file_object(json, f, options);
    json.end_array();
    json.end_object();
  }
  json.end_array();
  out += "\n";
  return out;
}

}  // namespace tdlsof
