#include "help.h"

namespace tdlsof {

namespace {

// The usage lines of lsof 4.95 on Linux (usage.c with Debian's build switches).
constexpr const char* kUsageLines =
    " usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]\n"
    " [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]\n"
    " [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]\n";

std::string banner(const std::string& program) {
  return program +
         " (td " TD_VERSION
         "), a drop-in lsof 4.95.0 on libprocscan\n"
         " project: td (libprocscan, tdps, tdtop, tdlsof)\n"
         " manual: tdlsof(1); lsof's own: https://github.com/lsof-org/lsof/blob/master/Lsof.8\n";
}

// The field letters -F? lists, with lsof 4.95's descriptions (lsof_fields.h), in its order.
struct FieldText {
  char letter;
  const char* text;
};
constexpr FieldText kFields[] = {
    {'a', "access: r = read; w = write; u = read/write"},
    {'c', "command name"},
    {'d', "device character code"},
    {'D', "major/minor device number as 0x<hex>"},
    {'f', "file descriptor"},
    {'G', "file flaGs"},
    {'i', "inode number"},
    {'k', "link count"},
    {'K', "task ID (TID)"},
    {'l', "lock: r/R = read; w/W = write; u = read/write"},
    {'L', "login name"},
    {'m', "marker between repeated output"},
    {'M', "task comMand name"},
    {'n', "comment, name, Internet addresses"},
    {'o', "file offset as 0t<dec> or 0x<hex>"},
    {'p', "process ID (PID)"},
    {'g', "process group ID (PGID)"},
    {'P', "protocol name"},
    {'r', "raw device number as 0x<hex>"},
    {'R', "paRent PID"},
    {'s', "file size"},
    {'S', "stream module and device names"},
    {'t', "file type"},
    {'T', "TCP/TPI info"},
    {'u', "user ID (UID)"},
    {'0', "(zero) use NUL field terminator instead of NL"},
};

}  // namespace

std::string short_usage(const std::string& program) {
  return banner(program) + kUsageLines + "Use the ``-h'' option to get more help information.\n";
}

std::string help_text(const std::string& program) {
  return banner(program) + kUsageLines +
         "Defaults in parentheses; comma-separated set (s) items; dash-separated ranges.\n"
         "  -?|-h list help          -a AND selections (OR)     -b avoid kernel blocks\n"
         "  -c c  cmd c ^c /c/[bix]  +c w  COMMAND width (9)    +d s  dir s files\n"
         "  -d s  select by FD set   +D D  dir D tree *SLOW?*   +|-e s  exempt s *RISKY*\n"
         "  -i select IPv[46] files  -K [i] list|(i)gn tasKs    -l list UID numbers\n"
         "  -n no host names         -N select NFS files        -o list file offset\n"
         "  -O no overhead *RISKY*   -P no port names           -Q allow failed search\n"
         "  -R list paRent PID       -s list file size          -t terse listing\n"
         "  -T disable TCP/TPI info  -U select Unix socket      -v list version info\n"
         "  -V verbose search        +|-w  Warnings (+)         -X skip TCP&UDP* files\n"
         "  -Z Z  context [Z]        -- end option scan       \n"
         "  -E display endpoint info              +E display endpoint info and files\n"
         "  +f|-f  +filesystem or -file names     +|-f[gG] flaGs \n"
         "  -F [f] select fields; -F? for help  \n"
         "  +|-L [l] list (+) suppress (-) link counts < l (0 = all; default = 0)\n"
         "                                        +m [m] use|create mount supplement\n"
         "  +|-M   portMap registration (-)       -o o   o 0t offset digits (8)\n"
         "  -p s   exclude(^)|select PIDs         -S [t] t second stat timeout (15)\n"
         "  -T fqs TCP/TPI Fl,Q,St (s) info\n"
         "  -g [s] exclude(^)|select and print process group IDs\n"
         "  -i i   select by IPv[46] address: [46][proto][@host|addr][:svc_list|port_list]\n"
         "  +|-r [t[m<fmt>]] repeat every t seconds (15);  + until no files, - forever.\n"
         "       An optional suffix to t is m<fmt>; m must separate t from <fmt> and\n"
         "      <fmt> is an strftime(3) format for the marker line.\n"
         "  -s p:s  exclude(^)|select protocol (p = TCP|UDP) states by name(s).\n"
         "  -u s   exclude(^)|select login|UID set s\n"
         "  -x [fl] cross over +d|+D File systems or symbolic Links\n"
         "  names  select named files or files on named file systems\n"
         "  --json print JSON  --backend=auto|taskdiag|bpf|procfs  --debug  (beyond lsof)\n"
         "Anyone can list all files; /dev warnings disabled; kernel ID check disabled.\n";
}

std::string field_help(const std::string& program) {
  std::string out = program + ":\tID    field description\n";
  for (const auto& f : kFields) {
    out += "\t ";
    out += f.letter;
    out += "    ";
    out += f.text;
    out += "\n";
  }
  return out;
}

std::string version_text(const std::string& program) {
  return program +
         " version information:\n"
         "    revision: 4.95.0 (lsof compatible), td " TD_VERSION
         "\n"
         "    project: td: libprocscan and the tools tdps, tdtop, tdlsof\n"
         "    manual: tdlsof(1)\n"
         "    Anyone can list all files.\n"
         "    /dev warnings are disabled.\n"
         "    Kernel ID check is disabled.\n";
}

}  // namespace tdlsof
