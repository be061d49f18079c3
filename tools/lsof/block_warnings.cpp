#include "block_warnings.h"

#include "safe_text.h"

namespace tdlsof {

std::string block_warnings(const procscan::MountTable& mounts, const Options& options,
                           const std::string& program) {
  std::string out;
  for (const auto& path : options.readlinks_avoided)
    out += program + ": avoiding readlink(" + safe_text(path) + "): -b was specified.\n";
  if (!options.avoid_blocking || !options.warnings) return out;
  if (options.inet_given && options.exempt.empty()) return out;
  for (const procscan::MountEntry& m : mounts.entries()) {
    // An exempt file system is not stat'ed; +e's is not read as a link either (arg.c
    // enter_efsys: rdlnk for '+').
    const Options::Exempt* exempt = nullptr;
    for (const auto& e : options.exempt)
      if (e.path == m.dir) {
        exempt = &e;
        break;
      }
    if (!exempt || !exempt->plus)
      out += program + ": avoiding readlink(" + safe_text(m.dir) + "): -b was specified.\n";
    // Readlink() gives the path back unresolved: a relative one is skipped.
    if (m.dir.empty() || m.dir[0] != '/' || exempt) continue;
    // Every stat fails, so no mount is ever remembered, and none is a duplicate.
    out += program + ": avoiding stat(" + m.dir + "): -b was specified.\n";
    out += program + ": WARNING: can't stat() " + safe_text(m.type) + " file system " +
           safe_text(m.dir) + "\n      Output information may be incomplete.\n";
  }
  return out;
}

}  // namespace tdlsof
