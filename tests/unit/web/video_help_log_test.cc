// The video-help log (web/video_help_log.h): ended calls and their case links survive a restart, are linked once,
// and a line edited or removed later is found at start-up.
#include "web/video_help_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace tongban::web {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  fs::path dir = fs::temp_directory_path() / ("tongban-vhlog-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempFile() { fs::create_directories(dir); }
  ~TempFile() { fs::remove_all(dir); }
  fs::path file() const { return dir / "video_help.jsonl"; }
};

domain::HelpCall ended_call(const std::string& id, const std::string& clerk) {
  domain::HelpCall call;
  call.id = id;
  call.kiosk_id = "KIOSK-JM-WIN-CITY-1";
  call.service_point = "JM-WIN-CITY";
  call.clerk_id = clerk;
  call.holder = "acc-1";
  call.state = domain::HelpCallState::ended;
  call.end_reason = domain::HelpCallEnd::clerk_left;
  call.requested_at_ms = 100;
  call.ended_at_ms = 200;
  return call;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(VideoHelpLog, EndedCallsAndTheirCasesSurviveARestart) {
  TempFile temp;
  {
    VideoHelpLog log(temp.file());
    log.ended(ended_call("VH-1", "clerk-1"), std::string(64, 'a'), 7);
    log.ended(ended_call("VH-2", ""), std::string(64, 'b'), 3);
    EXPECT_TRUE(log.recorded_on_case("VH-1", "JM-2026-000001", "clerk-1", 300));
    EXPECT_FALSE(log.recorded_on_case("VH-1", "JM-2026-000002", "clerk-1", 301));  // once per call
    EXPECT_FALSE(log.recorded_on_case("VH-404", "JM-2026-000001", "clerk-1", 302));
  }
  VideoHelpLog again(temp.file());
  auto call = again.call("VH-1");
  ASSERT_TRUE(call);
  EXPECT_EQ(call->clerk_id, "clerk-1");
  EXPECT_EQ(call->record_sha256, std::string(64, 'a'));
  EXPECT_EQ(call->entries, 7);
  EXPECT_EQ(call->reason, "clerk_left");
  EXPECT_EQ(call->case_id, "JM-2026-000001");
  EXPECT_TRUE(again.call("VH-2")->case_id.empty());
  ASSERT_EQ(again.of_case("JM-2026-000001").size(), 1u);
  EXPECT_TRUE(again.of_case("JM-2026-000002").empty());
  EXPECT_EQ(fs::status(temp.file()).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(VideoHelpLog, AnEditedOrRemovedLineIsFoundAtStart) {
  TempFile temp;
  {
    VideoHelpLog log(temp.file());
    log.ended(ended_call("VH-1", "clerk-1"), std::string(64, 'a'), 7);
    log.ended(ended_call("VH-2", "clerk-2"), std::string(64, 'b'), 3);
  }
  const std::string original = read_all(temp.file());
  // Someone changes who helped.
  std::string edited = original;
  edited.replace(edited.find("clerk-1"), 7, "clerk-9");
  std::ofstream(temp.file(), std::ios::trunc) << edited;
  EXPECT_THROW(VideoHelpLog{temp.file()}, std::runtime_error);
  // Someone removes the first line.
  std::ofstream(temp.file(), std::ios::trunc) << original.substr(original.find('\n') + 1);
  EXPECT_THROW(VideoHelpLog{temp.file()}, std::runtime_error);
  // Untouched, it loads.
  std::ofstream(temp.file(), std::ios::trunc) << original;
  EXPECT_NO_THROW(VideoHelpLog{temp.file()});
}

}  // namespace
}  // namespace tongban::web
