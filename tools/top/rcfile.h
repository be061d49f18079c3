// Reading top's rcfiles (top.c configs_reads, configs_file, cfg_xform, config_osel): the
// personal file named after the program, the system defaults, and the restrictions file
// that turns on secure mode. Writing them is the interactive top's job (the W command).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config.h"

namespace td::top {

// What the reader saw besides the settings.
struct RcReadResult {
  std::string error;    // top's message for a file it refuses; empty when all is well
  std::string path;     // the personal rcfile's path, read or not (W would write there)
  bool secure = false;  // secure mode, from /etc/toprc (never for root)
};

// Parses one rcfile's text over `config` (configs_file): "" when accepted, else top's
// message naming `name`. `delay` receives the file's delay.
std::string parse_rcfile(std::string_view text, std::string_view name, TopConfig& config,
                         float& delay);

// Where the files are, and how to read one (nullopt when it cannot be opened).
struct RcSources {
  std::string program;              // argv[0]'s base name: the rcfile is ".<program>rc"
  std::optional<std::string> home;  // $HOME if absolute, else the passwd entry's directory
  std::optional<std::string> xdg_config_home;  // $XDG_CONFIG_HOME
  bool root = false;                           // getuid() == 0: /etc/toprc does not restrict
  std::string restrictions = "/etc/toprc";
  std::string system_defaults = "/etc/topdefaultrc";
  std::function<std::optional<std::string>(const std::string&)> read;
};

// The sources of this process: its environment, uid and the real files.
RcSources process_rc_sources(std::string_view program);

// configs_reads: the restrictions file, then the legacy ~/.<program>rc, else the XDG file,
// else the system defaults; the settings land in `config`.
RcReadResult read_rc_files(const RcSources& sources, TopConfig& config);

}  // namespace td::top
