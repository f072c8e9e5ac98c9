// The UPU JSON carrier format: EMSEVT codes or event words, every field checked, the writer and the reader agree;
// carrier secrets are private files or nothing.
#include "post/carrier_adapter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tongban::post {
namespace {

TEST(UpuJsonCarrier, ReadsCodesAndWords) {
  UpuJsonCarrier carrier;
  auto reports = carrier.parse_webhook(
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e1","code":"EMA","at_ms":1000,"location":"Macau"},)"
      R"({"item_id":"RR473124829GB","event_id":"e2","event":"failed_attempt","at_ms":2000,"reason":"closed"}]})");
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].event.event, domain::PostalEvent::accepted);
  EXPECT_EQ(reports[0].event.location, "Macau");
  EXPECT_EQ(reports[1].event.event, domain::PostalEvent::failed_attempt);
  EXPECT_EQ(reports[1].event.reason, "closed");
}

TEST(UpuJsonCarrier, WriterAndReaderAgree) {
  std::vector<CarrierReport> reports(3);
  reports[0] = {"EE000000005CN", {"a", domain::PostalEvent::held_by_customs, 10, "Gongbei", "inspection", ""}};
  reports[1] = {"EE000000005CN", {"b", domain::PostalEvent::returned, 20, "", "refused", ""}};
  reports[2] = {"EE000000005CN", {"c", domain::PostalEvent::delivered, 30, "", "", "signed: LEI"}};
  auto back = UpuJsonCarrier().parse_webhook(upu_json_body(reports));
  ASSERT_EQ(back.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(domain::same_event(back[i].event, reports[i].event)) << i;
}

TEST(UpuJsonCarrier, EveryBadFieldIsRefused) {
  UpuJsonCarrier carrier;
  const char* bodies[] = {
      "not json",
      "[]",
      R"({"events":[]})",
      R"({"events":[], "extra":1})",
      R"({"events":[{"item_id":"RR473124828GB","event_id":"e","code":"EMA","at_ms":1}]})",  // check digit
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e","code":"ZZZ","at_ms":1}]})",  // unknown code
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e","code":"EMA","event":"accepted","at_ms":1}]})",
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e","event":"delivered","at_ms":1}]})",  // no proof
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e","event":"accepted","at_ms":"1"}]})",
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e e","event":"accepted","at_ms":1}]})",
      R"({"events":[{"item_id":"RR473124829GB","event_id":"e","event":"accepted","at_ms":1,"who":"x"}]})",
  };
  for (const char* body : bodies) EXPECT_THROW(carrier.parse_webhook(body), CarrierPayloadError) << body;
}

TEST(CarrierSecrets, APrivateFileOrNothing) {
  auto dir = std::filesystem::temp_directory_path() / ("tongban-carrier-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  EXPECT_FALSE(load_carrier_secret(dir, "sim-post"));
  std::string secret = ensure_carrier_secret(dir, "sim-post");
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(load_carrier_secret(dir, "sim-post"), secret);
  EXPECT_EQ(ensure_carrier_secret(dir, "sim-post"), secret);  // kept, not replaced
  auto perms = std::filesystem::status(carrier_secret_path(dir, "sim-post")).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::permissions(carrier_secret_path(dir, "sim-post"), std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  EXPECT_FALSE(load_carrier_secret(dir, "sim-post"));  // readable by others: refused
  EXPECT_FALSE(load_carrier_secret(dir, "../etc/passwd"));
  EXPECT_THROW(ensure_carrier_secret(dir, "Bad Name"), std::invalid_argument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tongban::post
