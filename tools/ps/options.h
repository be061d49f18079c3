// The ps command line, parsed the way procps-ng 4.0.2 parses it (src/ps/parser.c).
//
// Three syntaxes mix on one line: SysV options ("-ef"), BSD options ("aux") and GNU long
// options ("--sort=pid"); bare numbers are trailing pid lists ("-N" a process group,
// "+N" a session). An option that takes a list swallows the rest of its word or the next
// word. If anything fails, the caller parses again with every dash option read as BSD
// (`force_bsd`), which is how "ps -aux" works.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "personality.h"
#include "print_context.h"
#include "procscan/scanner.h"

namespace td::ps {

// What a list selection matches (procps SEL_*).
enum class ListKind : std::uint8_t {
  Ruid,
  Euid,
  Rgid,
  Egid,
  Pgrp,
  Pid,
  QuickPid,
  Ppid,
  Tty,
  Session,
  Command,
};

struct SelectionList {
  ListKind kind;
  std::vector<std::uint64_t> ids;     // pids, uids, gids, terminal device numbers
  std::vector<std::string> commands;  // for ListKind::Command, up to 63 bytes each
};

// Simple selections (procps SS_*).
enum SimpleSelect : unsigned {
  kSelectBsdX = 0x01,   // x: also tasks without a terminal
  kSelectBsdG = 0x02,   // g: really all (a no-op in practice)
  kSelectUnixD = 0x04,  // -d: all but session leaders
  kSelectUnixA = 0x08,  // -a: all with a terminal but session leaders
  kSelectBsdA = 0x10,   // a: all with a terminal, any user
};

// Predefined formats (procps FF_*).
enum FormatFlag : unsigned {
  kFormatUnixF = 0x0001,    // -f
  kFormatUnixJ = 0x0002,    // -j with a personality that has a -j format
  kFormatUnixL = 0x0004,    // -l
  kFormatBsdJ = 0x0008,     // j
  kFormatBsdL = 0x0010,     // l
  kFormatBsdS = 0x0020,     // s
  kFormatBsdU = 0x0040,     // u
  kFormatBsdV = 0x0080,     // v
  kFormatBsdX = 0x0100,     // X
  kFormatBsdM = 0x0200,     // m under the old Linux personality
  kFormatContext = 0x0400,  // --context
};

// Format modifiers (procps FM_*).
enum FormatModifier : unsigned {
  kModifierC = 0x0001,  // -c: scheduling class
  kModifierJ = 0x0002,  // -j: add PGID and SID
  kModifierY = 0x0004,  // -y: RSS instead of ADDR, no F
  kModifierP = 0x0010,  // -P: PSR
  kModifierM = 0x0020,  // -M, Z: security label
  kModifierF = 0x0080,  // -F: extra full
};

// Thread display (procps TF_*).
enum ThreadFlag : unsigned {
  kThreadBsdH = 0x0001,
  kThreadBsdM = 0x0002,
  kThreadUnixM = 0x0004,
  kThreadUnixT = 0x0008,
  kThreadUnixL = 0x0010,
  kThreadShowProcess = 0x0100,  // a line per process
  kThreadShowTask = 0x0200,     // a line per thread
  kThreadShowBoth = 0x0400,     // separate process and thread formats
  kThreadLooseTasks = 0x0800,   // threads are sorted like processes (H)
  kThreadMustUse = 0x4000,      // -L/-T combined with H, m or -m
};

// Personality bits (procps PER_*), set from PS_PERSONALITY or CMD_ENV (personality.h);
// the second parsing pass adds kPersonalityOldM as procps does.
enum Personality : unsigned {
  kPersonalityBsdH = 0x0002,        // h repeats the header
  kPersonalityBsdM = 0x0004,        // m sorts by memory
  kPersonalityIrixL = 0x0008,       // -l: SZ:RSS, P and PRI as on IRIX
  kPersonalityForceBsd = 0x0010,    // dash options are BSD ones
  kPersonalityGoodO = 0x0020,       // no visible effect in 4.0.2
  kPersonalityOldM = 0x0040,        // m is the old Linux memory format
  kPersonalityNoDefaultG = 0x0080,  // BSD selections leave out session leaders without g
  kPersonalityZapAddr = 0x0100,     // -l shows P in place of ADDR
  kPersonalitySaneUser = 0x0200,    // -f shows USER, not UID
  kPersonalityHpuxX = 0x0400,       // -x is HP-UX's
  kPersonalitySvr4X = 0x0800,       // -x is SVR4's
};

enum class HeaderMode : std::uint8_t { Single, None, Repeat };

// Where a deferred format or sort argument came from (procps SF_*).
enum class FormatSource : std::uint8_t { UnixBigO, UnixO, BsdBigO, BsdO, BsdM, GnuSort, GnuFormat };

struct DeferredFormat {
  std::string text;
  FormatSource source;
};

enum class Action : std::uint8_t { Report, Version, Help, ListFormats, Info };

struct Options {
  // Selection.
  bool all_processes = false;
  unsigned simple_select = 0;
  bool prefer_bsd_defaults = false;
  bool negate = false;
  bool running_only = false;
  std::vector<SelectionList> lists;
  // Format.
  unsigned format_flags = 0;
  unsigned format_modifiers = 0;
  unsigned thread_flags = 0;
  std::vector<DeferredFormat> formats;  // in command-line order
  char forest_type = 0;                 // 'b' f, 'g' --forest, 'u' -H
  HeaderMode header = HeaderMode::Single;
  OutputModes modes;
  int w_count = 0;
  std::optional<int> columns;  // --cols, --columns, --width
  std::optional<int> rows;     // --rows, --lines
  // What to do instead of a report.
  Action action = Action::Report;
  std::string help_topic;
  std::optional<procscan::BackendChoice> backend;
  bool json = false;   // --json
  bool debug = false;  // --debug: which backend ran, and what it read, on stderr
  unsigned personality = 0;
  PredefinedFormats predefined;  // from the personality
};

// Parses the words after argv[0] into `out`; returns the procps error message, or an
// empty string. `force_bsd` is the second pass.
std::string parse_options(std::span<const std::string_view> args, bool force_bsd, Options& out);

// Parses a selection list ("1,2 3") with one of the element parsers below; the
// message on failure is procps'. `negate` matters for unknown user and group names.
std::string parse_list(std::string_view text, ListKind kind, bool negate, SelectionList& out);

// One process id as procps reads it: strtoul base 0 over the whole text, 1..0x7fffffff.
std::string parse_pid_value(const std::string& text, std::uint64_t& out);

}  // namespace td::ps
