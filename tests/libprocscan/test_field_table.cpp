#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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
    CHECK(detail::source_is_in_group(detail::doc_source(row.doc), row.group));
  }
  CHECK(field_by_name("no such field") == Field::Count);
}

TEST_CASE("groups are named as --debug prints them, each after its source", "[field]") {
  // tdps --debug prints "reads: NAME=COUNT ..." with these names; tests and scripts read them.
  const std::vector<std::string_view> debug_names = {
      "identity",  "stat",          "status",   "statm",     "cmdline",      "environ",
      "io",        "wchan",         "cgroup",   "ns",        "label",        "exe",
      "oom_score", "oom_score_adj", "loginuid", "autogroup", "smaps_rollup", "systemd"};
  REQUIRE(debug_names.size() == kGroupCount);
  for (std::size_t g = 0; g < kGroupCount; ++g)
    CHECK(group_name(static_cast<Group>(g)) == debug_names[g]);
  // A doc source names its group's file as a word of its own or under its directory.
  CHECK(detail::source_is_in_group("statm 1st", Group::Statm));
  CHECK_FALSE(detail::source_is_in_group("statm 1st", Group::Stat));
  CHECK_FALSE(detail::source_is_in_group("oom_score_adj", Group::OomScore));
  CHECK(detail::source_is_in_group("ns/net", Group::Namespace));
  CHECK(detail::doc_source("a: b: stat field 3") == "stat field 3");
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
