#include "procfs/systemd_login.h"

#include <dlfcn.h>

#include <cstdlib>
#include <memory>

#if TD_HAVE_LIBSYSTEMD
#include <systemd/sd-login.h>
#endif

namespace procscan::procfs {

#if TD_HAVE_LIBSYSTEMD
namespace {

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
using CString = std::unique_ptr<char, FreeDeleter>;

// libsystemd and what it links (libgcrypt, liblzma, libzstd, liblz4, libcap, ...) cost
// every run about a hundred syscalls and a millisecond to load, so the library is opened
// the first time a systemd field is asked for, as procps-ng opens libnuma. The header
// still types each symbol.
struct SdLogin {
  decltype(&sd_pid_get_unit) pid_get_unit = nullptr;
  decltype(&sd_pid_get_user_unit) pid_get_user_unit = nullptr;
  decltype(&sd_pid_get_slice) pid_get_slice = nullptr;
  decltype(&sd_pid_get_machine_name) pid_get_machine_name = nullptr;
  decltype(&sd_pid_get_owner_uid) pid_get_owner_uid = nullptr;
  decltype(&sd_pid_get_session) pid_get_session = nullptr;
  decltype(&sd_session_get_seat) session_get_seat = nullptr;
  bool loaded = false;
};

template <typename Fn>
bool bind(void* lib, const char* name, Fn& fn) {
  fn = reinterpret_cast<Fn>(::dlsym(lib, name));
  return fn != nullptr;
}

SdLogin open_sd_login() {
  SdLogin sd;
  // Never closed: the functions are used until exit.
  void* lib = ::dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!lib) return sd;
  sd.loaded = bind(lib, "sd_pid_get_unit", sd.pid_get_unit) &&
              bind(lib, "sd_pid_get_user_unit", sd.pid_get_user_unit) &&
              bind(lib, "sd_pid_get_slice", sd.pid_get_slice) &&
              bind(lib, "sd_pid_get_machine_name", sd.pid_get_machine_name) &&
              bind(lib, "sd_pid_get_owner_uid", sd.pid_get_owner_uid) &&
              bind(lib, "sd_pid_get_session", sd.pid_get_session) &&
              bind(lib, "sd_session_get_seat", sd.session_get_seat);
  return sd;
}

// Scan threads share one load; a static local's initialisation is thread-safe.
const SdLogin& sd_login() {
  static const SdLogin sd = open_sd_login();
  return sd;
}

struct TextQuery {
  Field field;
  decltype(&sd_pid_get_unit) SdLogin::*get;
};
constexpr TextQuery kTextQueries[] = {
    {Field::SdUnit, &SdLogin::pid_get_unit},
    {Field::SdUserUnit, &SdLogin::pid_get_user_unit},
    {Field::SdSlice, &SdLogin::pid_get_slice},
    {Field::SdMachine, &SdLogin::pid_get_machine_name},
};

}  // namespace

bool systemd_login_available() {
  return true;
}

void read_systemd_login(pid_t tid, const FieldSet& wanted, TaskTable& out) {
  const SdLogin& sd = sd_login();
  if (!sd.loaded) return;
  for (const auto& query : kTextQueries) {
    if (!wanted.contains(query.field)) continue;
    char* raw = nullptr;
    if ((sd.*query.get)(tid, &raw) < 0) continue;
    const CString text(raw);
    out.set_str(query.field, text.get());
  }
  if (wanted.contains(Field::SdOwnerUid)) {
    uid_t uid = 0;
    if (sd.pid_get_owner_uid(tid, &uid) >= 0) out.set_u64(Field::SdOwnerUid, uid);
  }
  if (wanted.contains(Field::SdSession) || wanted.contains(Field::SdSeat)) {
    char* raw = nullptr;
    if (sd.pid_get_session(tid, &raw) < 0) return;
    const CString session(raw);
    out.set_str(Field::SdSession, session.get());
    if (!wanted.contains(Field::SdSeat)) return;
    char* seat_raw = nullptr;
    if (sd.session_get_seat(session.get(), &seat_raw) < 0) return;
    const CString seat(seat_raw);
    out.set_str(Field::SdSeat, seat.get());
  }
}

#else

bool systemd_login_available() {
  return false;
}

void read_systemd_login(pid_t, const FieldSet&, TaskTable&) {}

#endif

}  // namespace procscan::procfs
