// The JSON writer and --json's member names.
#include <catch2/catch.hpp>

#include <string>

#include "format_list.h"
#include "json_rows.h"
#include "json_writer.h"
#include "output_buffer.h"
#include "printers.h"

namespace {

std::string quoted(std::string_view bytes) {
  std::string out;
  td::common::append_json_string(out, bytes);
  return out;
}

}  // namespace

TEST_CASE("JSON strings escape what JSON and terminals need, and only that") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("q\"b\\") == "\"q\\\"b\\\\\"");
  CHECK(quoted("a\nb\tc\rd") == "\"a\\nb\\tc\\rd\"");
  CHECK(quoted(std::string_view("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(quoted("\x1b[31m\x7f") == "\"\\u001b[31m\\u007f\"");
  // Valid UTF-8 passes through; C1 controls are escaped as their code points.
  CHECK(quoted("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  CHECK(quoted("\xc2\x9b") == "\"\\u009b\"");
}

TEST_CASE("JSON strings write each invalid UTF-8 byte as \\u00XX") {
  CHECK(quoted("\xff\xfe") == "\"\\u00ff\\u00fe\"");
  CHECK(quoted("cut\xe2\x82") == "\"cut\\u00e2\\u0082\"");                  // truncated sequence
  CHECK(quoted("\xc0\xaf") == "\"\\u00c0\\u00af\"");                        // overlong '/'
  CHECK(quoted("\xed\xa0\x80") == "\"\\u00ed\\u00a0\\u0080\"");             // a surrogate
  CHECK(quoted("\xf4\x90\x80\x80") == "\"\\u00f4\\u0090\\u0080\\u0080\"");  // past U+10FFFF
  CHECK(quoted("\x80x") == "\"\\u0080x\"");                                 // lone continuation
}

TEST_CASE("JSON numbers as ps prints them") {
  using td::common::is_json_number;
  CHECK(is_json_number("0"));
  CHECK(is_json_number("-12"));
  CHECK(is_json_number("3.5"));
  CHECK_FALSE(is_json_number("-"));
  CHECK_FALSE(is_json_number("xx"));
  CHECK_FALSE(is_json_number("012"));
  CHECK_FALSE(is_json_number("1."));
  CHECK_FALSE(is_json_number(""));
  CHECK_FALSE(is_json_number("00:01:02"));
}

TEST_CASE("The JSON writer separates members and puts rows on lines") {
  std::string out;
  td::common::JsonWriter json(out, true);
  json.begin_array();
  for (int row = 0; row < 2; ++row) {
    json.begin_object();
    json.key("pid");
    json.number(std::uint64_t{7});
    json.key("ni");
    json.number(std::int64_t{-5});
    json.key("time");
    json.number(0.25);
    json.key("wchan");
    json.null();
    json.key("list");
    json.begin_array();
    json.string("a");
    json.number_text("1.0");
    json.end_array();
    json.end_object();
  }
  json.end_array();
  const std::string row = R"({"pid":7,"ni":-5,"time":0.25,"wchan":null,"list":["a",1.0]})";
  CHECK(out == "[\n" + row + ",\n" + row + "\n]");

  std::string empty;
  td::common::JsonWriter none(empty, true);
  none.begin_array();
  none.end_array();
  CHECK(empty == "[]");
}

TEST_CASE("JSON keys: specifier names, renames, and numbered duplicates") {
  std::vector<td::ps::FormatColumn> columns;
  const std::string process = "PROCESS";
  const std::string same = "PID";
  const std::string empty;
  const std::string pid_2 = "pid_2";
  REQUIRE(td::ps::append_spec("pid", nullptr, 5, columns));
  REQUIRE(td::ps::append_spec("pid", nullptr, 5, columns));
  REQUIRE(td::ps::append_spec("pid", &process, 5, columns));
  REQUIRE(td::ps::append_spec("pid", &same, 5, columns));
  REQUIRE(td::ps::append_spec("comm", &empty, 5, columns));
  REQUIRE(td::ps::append_spec("tid", &pid_2, 5, columns));
  REQUIRE(td::ps::append_spec("vsize", nullptr, 5, columns));
  columns.push_back(td::ps::FormatColumn{nullptr, ":", 1});  // literal text: no member
  const std::vector<std::string> keys = td::ps::json_keys(columns);
  CHECK(keys ==
        std::vector<std::string>{"pid", "pid_2", "PROCESS", "pid_3", "comm", "pid_2_2", "vsize"});
}

TEST_CASE("Every column has a JSON kind, and placeholders are null") {
  for (const td::ps::ColumnSpec& column : td::ps::all_columns()) {
    INFO(column.spec);
    CHECK((column.print == nullptr) == (column.json == td::ps::JsonValue::Null));
  }
}

TEST_CASE("JSON ids are unsigned, as the kernel keeps them, whatever the text prints") {
  using enum procscan::Field;
  const procscan::FieldSet fields{Tgid, Tid,  Euid, Ruid,  Suid,     Fsuid,
                                  Egid, Rgid, Sgid, Fsgid, LoginUid, SdOwnerUid};
  procscan::TaskTable table(fields);
  auto add_row = [&](std::uint64_t uid, std::uint64_t gid, std::uint64_t login_uid,
                     bool has_owner) {
    table.begin_row(procscan::RowKind::Process);
    table.set_u64(Tgid, 7);
    table.set_u64(Tid, 7);
    for (const procscan::Field f : {Euid, Ruid, Suid, Fsuid})
      table.set_u64(f, uid);
    for (const procscan::Field f : {Egid, Rgid, Sgid, Fsgid})
      table.set_u64(f, gid);
    table.set_u64(LoginUid, login_uid);
    if (has_owner) table.set_u64(SdOwnerUid, uid);
    table.commit_row();
  };
  add_row(4294967294, 2147483648, 2147483648, true);
  add_row(0, 4294967294, 4294967295, false);  // login uid unset, no systemd owner

  std::vector<td::ps::FormatColumn> columns;
  for (const char* spec : {"uid", "euid", "ruid", "suid", "svuid", "fuid", "fsuid", "gid", "egid",
                           "rgid", "sgid", "svgid", "fgid", "fsgid", "luid", "ouid"}) {
    REQUIRE(td::ps::append_spec(spec, nullptr, 5, columns));
    CHECK(columns.back().spec->json == td::ps::JsonValue::Id);
  }
  td::ps::NameLookups names;
  td::ps::PrintContext ctx;
  ctx.names = &names;

  // The text columns print as ps does: "%d" for these ids, "-" for an unset login uid.
  std::string text;
  td::ps::print_euid(ctx, table[0], text);
  td::ps::print_fgid(ctx, table[0], text);
  td::ps::print_luid(ctx, table[0], text);
  td::ps::print_luid(ctx, table[1], text);
  td::ps::print_sd_ouid(ctx, table[0], text);
  td::ps::print_sd_ouid(ctx, table[1], text);
  CHECK(text == "-2-2147483648-2147483648--2-");

  // Never flushed before the check: the threshold is past anything these lines reach.
  td::common::OutputBuffer out(-1, std::size_t{1} << 30);
  td::ps::JsonLines lines(columns, ctx, out);
  lines.begin();
  lines.line(table[0], td::ps::LineMask::Whole);
  lines.line(table[1], td::ps::LineMask::Whole);
  lines.end();
  CHECK(out.text() ==
        "[\n"
        R"({"uid":4294967294,"euid":4294967294,"ruid":4294967294,"suid":4294967294,)"
        R"("svuid":4294967294,"fuid":4294967294,"fsuid":4294967294,"gid":2147483648,)"
        R"("egid":2147483648,"rgid":2147483648,"sgid":2147483648,"svgid":2147483648,)"
        R"("fgid":2147483648,"fsgid":2147483648,"luid":2147483648,"ouid":4294967294},)"
        "\n"
        R"({"uid":0,"euid":0,"ruid":0,"suid":0,"svuid":0,"fuid":0,"fsuid":0,)"
        R"("gid":4294967294,"egid":4294967294,"rgid":4294967294,"sgid":4294967294,)"
        R"("svgid":4294967294,"fgid":4294967294,"fsgid":4294967294,"luid":null,"ouid":null})"
        "\n]\n");
}
