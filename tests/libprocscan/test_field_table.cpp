#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "procscan/field.h"
#include "procscan/field_set.h"

using namespace procscan;

TEST_CASE("every field has a unique name, a doc line and a group", "[field]") {
  std::set<std::string_view> names;
  for (const auto& row : kFieldTable) {
    INFO(row.name);
    CHECK(names.insert(row.name).second);
    CHECK(row.group != Group::Count);
    CHECK(field_by_name(row.name) == row.field);
    CHECK(group_name(row.group) != "?");
  }
  CHECK(field_by_name("no such field") == Field::Count);
}

TEST_CASE("a field set reports the groups its fields cost", "[field]") {
  const FieldSet ps_ax{Field::Tgid, Field::TtyNr, Field::State, Field::Utime, Field::Cmdline};
  CHECK(ps_ax.needs(Group::Stat));
  CHECK(ps_ax.needs(Group::Cmdline));
  CHECK_FALSE(ps_ax.needs(Group::Status));
  CHECK_FALSE(ps_ax.needs(Group::Environ));

  const FieldSet pid_only{Field::Tgid};
  CHECK(pid_only.groups() == FieldSet::group_bit(Group::Identity));

  FieldSet s = ps_ax.minus(FieldSet{Field::Cmdline});
  CHECK_FALSE(s.needs(Group::Cmdline));
  CHECK(s.size() == 4);
}
