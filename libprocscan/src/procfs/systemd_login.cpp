#include "procfs/systemd_login.h"

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

struct TextQuery {
  Field field;
  int (*get)(pid_t, char**);
};
constexpr TextQuery kTextQueries[] = {
    {Field::SdUnit, sd_pid_get_unit},
    {Field::SdUserUnit, sd_pid_get_user_unit},
    {Field::SdSlice, sd_pid_get_slice},
    {Field::SdMachine, sd_pid_get_machine_name},
};

}  // namespace

bool systemd_login_available() {
  return true;
}

void read_systemd_login(pid_t tid, const FieldSet& wanted, TaskTable& out) {
  for (const auto& query : kTextQueries) {
    if (!wanted.contains(query.field)) continue;
    char* raw = nullptr;
    if (query.get(tid, &raw) < 0) continue;
    const CString text(raw);
    out.set_str(query.field, text.get());
  }
  if (wanted.contains(Field::SdOwnerUid)) {
    uid_t uid = 0;
    if (sd_pid_get_owner_uid(tid, &uid) >= 0) out.set_u64(Field::SdOwnerUid, uid);
  }
  if (wanted.contains(Field::SdSession) || wanted.contains(Field::SdSeat)) {
    char* raw = nullptr;
    if (sd_pid_get_session(tid, &raw) < 0) return;
    const CString session(raw);
    out.set_str(Field::SdSession, session.get());
    if (!wanted.contains(Field::SdSeat)) return;
    char* seat_raw = nullptr;
    if (sd_session_get_seat(session.get(), &seat_raw) < 0) return;
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
