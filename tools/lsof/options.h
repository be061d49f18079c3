// What lsof 4.95's command line asks for, read as lsof reads it (main.c): the selections,
// the output's shape, and the errors that make it print its usage and exit 1.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inet_spec.h"

namespace tdlsof {

// One item of a -p or -g list: an id to include, or to exclude with '^'.
struct IdItem {
  long id = 0;
  bool excluded = false;
};

// One item of a -u list: a uid, and the login name it was given as (empty for a number).
struct UidItem {
  uid_t uid = 0;
  std::string login;
  bool excluded = false;
};

// One -c item: a command prefix, or with '^' an excluded prefix.
struct CommandItem {
  std::string prefix;
  bool excluded = false;
};

// One -c /regex/[bix] item.
struct CommandRegex {
  std::string text;          // as given, for messages
  std::string regex;         // between the slashes
  bool basic = false;        // 'b': a basic regular expression
  bool ignore_case = false;  // 'i'
  bool exact = false;        // 'x': the whole name
};

// One -d item: a descriptor name ("cwd", "txt", "mem"...) or a range of numbers.
struct FdItem {
  std::string name;  // empty for numbers
  int low = 0;
  int high = 0;
};

// Field letters of -F, in lsof's table order (lsof_fields.h).
struct FieldChoice {
  std::string letters;  // every letter asked for, each once
  bool has(char letter) const { return letters.find(letter) != std::string::npos; }
};

struct Options {
  // Selections (ORed unless and_selections).
  bool and_selections = false;                // -a
  std::vector<IdItem> pids;                   // -p
  std::vector<IdItem> pgids;                  // -g s
  std::vector<UidItem> uids;                  // -u
  std::vector<CommandItem> commands;          // -c
  std::vector<CommandRegex> command_regexes;  // -c /re/
  std::vector<FdItem> fds;                    // -d
  bool fds_excluded = false;                  // the -d list is all exclusions
  // -s TCP:state,... inclusions and ^exclusions, by TCP state number (lsof's TcpStI/TcpStX).
  std::vector<int> tcp_states_in;
  std::vector<int> tcp_states_out;
  InetSelection inet;         // -i: families, protocols, addresses, ports
  bool inet_given = false;    // -i at all
  bool unix_sockets = false;  // -U
  bool nfs = false;           // -N
  bool select_tasks = false;  // -K
  bool ignore_tasks = false;  // -K i
  long nlink_below = 0;       // +L N: link counts below N (+L1: unlinked files)
  bool select_nlink = false;
  std::vector<std::string> names;  // file and file-system names after the options
  struct Directory {
    std::string path;
    bool descend = false;  // +D: the whole tree; +d: its entries
  };
  std::vector<Directory> directories;
  bool cross_file_systems = false;  // -x f: +d/+D enter other file systems
  bool cross_symlinks = false;      // -x l: +d/+D follow symbolic links
  int filesystem_names = 0;         // +f 2, -f 1, 0 neither

  // Output.
  bool terse = false;                 // -t
  std::optional<FieldChoice> fields;  // -F
  char terminator = '\n';             // -F0 or the '0' field
  bool offsets = false;               // -o
  int offset_digits = 8;              // -o N
  bool sizes = false;                 // -s
  bool link_counts = false;           // +L
  bool show_pgid = false;             // -g
  bool show_ppid = false;             // -R
  int command_width = 9;              // +c N (0: the whole name)
  bool uid_numbers = false;           // -l
  bool host_names = true;             // -n turns off
  bool port_names = true;             // -P turns off
  bool warnings = true;               // -w turns off, +w on
  bool avoid_blocking = false;        // -b: mount points are neither stat'ed nor read as links
  bool quiet_search = false;          // -Q
  bool verbose_search = false;        // -V
  bool skip_tcp_udp = false;          // -X
  bool file_flags = false;            // +f g / +f G
  bool file_flags_hex = false;        // +f G
  unsigned tcp_info = 1;              // -T: bit 0 state, 1 queues, 2 windows, 3 flags
  int repeat_seconds = 0;             // -r / +r
  bool repeat_until_empty = false;    // +r
  int repeat_count = 0;               // -r Nc<count>
  int endpoints = 0;                  // -E 1 (endpoint lists), +E 2 (and the endpoint files)
  // -e/+e: file systems whose files are not stat'ed, newest first (lsof's Efsysl). -e's
  // path has its symbolic links resolved, +e's is taken as given; no trailing '/'.
  struct Exempt {
    std::string path;
    bool plus = false;
  };
  std::vector<Exempt> exempt;
  // -e paths left unresolved because -b came first, in the order given (block_warnings.h).
  std::vector<std::string> readlinks_avoided;

  bool help = false;
  bool version = false;
  bool field_help = false;  // -F?

  // Beyond lsof.
  bool json = false;
  bool debug = false;
  std::string backend;  // --backend=
};

// Parses argv (argv[0] excluded) the way lsof 4.95 does. Messages lsof prints while
// parsing go to `errors`, one per line, without the program name; `failed` means lsof
// would print its short usage and exit 1.
struct ParseResult {
  Options options;
  std::vector<std::string> errors;
  bool failed = false;
  bool no_selection_to_and = false;  // "-a" with nothing to AND
};
ParseResult parse_options(const std::vector<std::string>& args);

}  // namespace tdlsof
