// The region's network (issue 12 §2–3, docs/region.md): three real nodes — Jiangmen, Macao, Hong Kong — each with
// cases of its own; Macao and Hong Kong publish their signed daily aggregates to Jiangmen, which subscribes, and
// Jiangmen's region figures equal the sum of the three nodes' own figures (k = 1: nothing suppressed). A notice
// that Macao's staff write and review about a Macao item offered in Jiangmen reaches Jiangmen; a peer that forges
// another node's notice or aggregate, or sends small cells, is refused and nothing of it is kept.
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "domain/region_aggregate.h"
#include "domain/region_figures.h"
#include "mode_fixture.h"
#include "node/case_statistics.h"
#include "node/notice_desk.h"
#include "node/notice_json.h"
#include "node/region_aggregate_json.h"

namespace tongban::crossnode_test {
namespace {

using domain::Dimension;
using domain::Measure;

std::vector<std::string> region_types() {
  return {"statistics.daily", "notice.published"};
}
std::vector<std::string> region_categories() {
  return {"statistics", "notices"};
}

// What a local applicant of each node applies for online: an item of the node's own jurisdiction.
struct LocalItem {
  std::string code;
  std::vector<std::string> materials;
  std::string id_type;
  std::string id_number;
  std::string phone;
};

LocalItem local_item(const std::string& jurisdiction) {
  if (jurisdiction == "MO")
    return {"MO-DSAL-002", {"mo_bir", "application_form"}, "MO_BIR", "1234567(8)", "+85366123456"};
  if (jurisdiction == "HK")
    return {"HK-DH-001", {"hk_id", "application_form"}, "HK_HKID", "A123456(3)", "+85291234567"};
  return {"JM-CA-005", {"id_card", "bank_card"}, "CN_RIC", api_test::valid_cn_ric(61), "+8613800138000"};
}

// The feed as python3-feedparser (a build dependency, /usr/bin/python3) reads it: {bozo, language, entries: [[id,
// title]]}.
boost::json::object feed_as_parsed(const std::string& xml) {
  const auto path =
      std::filesystem::temp_directory_path() / ("tongban-region-feed-" + std::to_string(::getpid()) + ".xml");
  std::ofstream(path, std::ios::binary) << xml;
  const std::string command =
      "/usr/bin/python3 -c 'import feedparser,sys,json; d=feedparser.parse(sys.argv[1]); "
      "print(json.dumps({\"bozo\":bool(d.bozo), \"language\":d.feed.get(\"language\",\"\"), "
      "\"entries\":[[e.id,e.title] for e in d.entries]}))' '" +
      path.string() + "'";
  std::string out;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe != nullptr) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    ::pclose(pipe);
  }
  std::filesystem::remove(path);
  boost::json::error_code error;
  auto value = boost::json::parse(out, error);
  if (error || !value.is_object()) {
    ADD_FAILURE() << "feedparser did not answer: " << out;
    return {{"bozo", true}, {"language", ""}, {"entries", boost::json::array{}}};
  }
  return value.as_object();
}

// A signed envelope outside any case from `from` to `to` with the message id given, posted to `to`'s inbox as a peer
// would.
federation::TransportResult post_from(FederatedNode& from, FederatedNode& to, const std::string& type,
                                      std::string payload, const std::string& message_id) {
  federation::Envelope envelope;
  envelope.message_id = message_id;
  envelope.from = from.id();
  envelope.to = to.id();
  envelope.type = type;
  envelope.created_at_ms = envelope.sent_at_ms = to.node().now_ms();
  envelope.data_categories = {type == "notice.published" ? "notices" : "statistics"};
  envelope.payload = std::move(payload);
  federation::sign_envelope(envelope, federation::NodeKey::load(from.dir() / "keys" / "node.key"));
  return federation::post_json(to.endpoint(), federation::kMessagesPath, federation::envelope_to_json(envelope),
                               std::nullopt, std::chrono::seconds(5));
}

class RegionExchangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Jiangmen subscribes to both (their grant lets Jiangmen receive statistics and notices); Macao and Hong Kong
    // accept notices from each other and from Jiangmen, and statistics from nobody.
    jm.write_federation_config({{&mo, region_types(), {}}, {&hk, region_types(), {}}});
    mo.write_federation_config({{&jm, {"notice.published"}, region_categories()}, {&hk, region_types(), {}}});
    hk.write_federation_config({{&jm, {"notice.published"}, region_categories()}, {&mo, region_types(), {}}});
    region::RegionSettings settings;
    settings.k = 1;
    settings.days_back = 1;
    settings.publish_interval = std::chrono::hours(24);  // the test publishes by hand
    for (FederatedNode* node : {&jm, &mo, &hk}) node->start_federation({}, settings);
  }

  // Opens `count` cases of the node's local item by one applicant of the node; returns their ids.
  std::vector<std::string> open_cases(FederatedNode& at, int count, int serial,
                                      std::optional<LocalItem> other = std::nullopt) {
    LocalItem item = other.value_or(local_item(at.id()));
    domain::Actor applicant = at.add_applicant("applicant" + std::to_string(serial) + "@" + at.id() + ".example",
                                               api_test::valid_cn_ric(serial));
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) {
      node::CaseApplication a;
      a.item_code = item.code;
      a.mode = domain::HandlingMode::online;
      a.delivery_method = "electronic";
      a.form =
          boost::json::object{{"applicant_name", "陳大文"},
                              {"id_number", boost::json::object{{"type", item.id_type}, {"number", item.id_number}}},
                              {"phone", item.phone},
                              {"consent_transfer", true}};
      for (const std::string& material : item.materials)
        a.materials.push_back({material, at.put_blob(material + " of case " + std::to_string(i), applicant)});
      ids.push_back(at.cases().open(applicant, a, std::nullopt, "").kase.id);
    }
    return ids;
  }

  static domain::CalendarDate today(FederatedNode& at) { return node::NoticeDesk(at.node()).today(); }

  // The aggregates Jiangmen holds for the day, decoded.
  static std::vector<domain::DailyAggregate> held_at(FederatedNode& at, domain::CalendarDate day) {
    std::vector<domain::DailyAggregate> aggregates;
    const std::string text = domain::format_date(day);
    for (const auto& record : at.node().store().list_region_aggregates(text, text))
      aggregates.push_back(node::parse_daily_aggregate(record.document));
    return aggregates;
  }

  FederatedNode jm{"CN-GD-JM"}, mo{"MO"}, hk{"HK"};
};

TEST_F(RegionExchangeTest, TheRegionsFiguresOnJiangmenAreTheSumOfTheThreeNodesOwnFigures) {
  open_cases(jm, 3, 61);
  open_cases(mo, 2, 62);
  open_cases(hk, 1, 63);
  domain::CalendarDate day = today(jm);
  for (FederatedNode* node : {&jm, &mo, &hk}) EXPECT_TRUE(node->cross_border().region().publish_day(day));
  // Until the three new publications have arrived (the exchange published each node's empty days when it started).
  auto received_held = [&] {
    std::int64_t received = 0;
    for (const auto& aggregate : held_at(jm, day)) received += aggregate.by_item.total[Measure::received];
    return received;
  };
  ASSERT_TRUE(eventually([&] { return held_at(jm, day).size() == 3 && received_held() == 6; })) << received_held();
  // Publishing again without a change sends nothing new.
  EXPECT_FALSE(mo.cross_border().region().publish_day(day));

  domain::RegionFigures region = domain::region_figures(held_at(jm, day), day, day);
  ASSERT_EQ(region.nodes.size(), 3u);
  domain::FigureFilter filter;
  filter.from = filter.to = day;
  for (Dimension dimension : domain::kAggregateDimensions) {
    // The sum of the three nodes' own figures, key by key, for every measure the aggregate carries.
    std::map<std::string, std::array<std::int64_t, domain::kMeasureCount>> expected;
    std::array<std::int64_t, domain::kMeasureCount> expected_total{};
    for (FederatedNode* node : {&jm, &mo, &hk}) {
      domain::CaseFigures own = node::case_statistics(node->node(), dimension, filter);
      for (const auto& row : own.rows)
        for (Measure measure : domain::kAllMeasures) expected[row.key][index_of(measure)] += measure_of(row, measure);
      for (Measure measure : domain::kAllMeasures) expected_total[index_of(measure)] += measure_of(own.total, measure);
    }
    const auto& rows = dimension == Dimension::item      ? region.by_item
                       : dimension == Dimension::mode    ? region.by_mode
                       : dimension == Dimension::channel ? region.by_channel
                                                         : region.by_jurisdiction_pair;
    ASSERT_EQ(rows.size(), expected.size()) << domain::to_string(dimension);
    for (const auto& row : rows) {
      ASSERT_TRUE(expected.count(row.key)) << row.key;
      for (Measure measure : domain::kAllMeasures) {
        EXPECT_FALSE(row[measure].some_hidden) << row.key;
        EXPECT_EQ(row[measure].published_sum, expected[row.key][index_of(measure)])
            << domain::to_string(dimension) << " " << row.key << " " << domain::measure_field(measure);
      }
    }
    for (Measure measure : domain::kAllMeasures)
      EXPECT_EQ(region.total_of(measure), expected_total[index_of(measure)]) << domain::measure_field(measure);
  }
  EXPECT_EQ(region.total_of(Measure::received), 6);
  ASSERT_EQ(region.by_item.size(), 3u);  // one local item per node
}

TEST_F(RegionExchangeTest, AMacaoNoticeAboutAMacaoItemOfferedInJiangmenReachesJiangmenOnceReviewed) {
  domain::Actor author = mo.add_staff(domain::Role::reviewer, "author@mo.example", "MO-DSAL", "");
  domain::Actor approver = mo.add_staff(domain::Role::admin, "approver@mo.example", "", "");
  node::NoticeDesk desk(mo.node());
  node::NoticeDraft draft;
  draft.topic = domain::NoticeTopic::service_change;
  draft.title = {"求职登记可在江门办理", "求職登記可在江門辦理", "Inscrição para emprego também em Jiangmen",
                 "Jobseeker registration now also in Jiangmen"};
  draft.body = {"澳门劳工局的求职登记现可在江门的服务点办理。", "澳門勞工局的求職登記現可在江門的服務點辦理。",
                "A inscrição da DSAL pode ser feita nos balcões de Jiangmen.",
                "Macao's jobseeker registration can be handed in at Jiangmen's service points."};
  draft.item_codes = {"MO-DSAL-002"};
  draft.valid_from = today(mo);
  domain::Notice notice = desk.create(author, draft);
  desk.step(author, notice.id, domain::NoticeAction::submit);
  // The author cannot approve their own notice; nothing is published or sent.
  EXPECT_THROW(desk.step(author, notice.id, domain::NoticeAction::approve), domain::ProblemError);
  EXPECT_FALSE(jm.node().store().find_notice(notice.id).has_value());
  desk.step(approver, notice.id, domain::NoticeAction::approve);

  ASSERT_TRUE(eventually([&] { return jm.node().store().find_notice(notice.id).has_value(); }));
  node::NoticeDesk jiangmen(jm.node());
  domain::NoticeQuery query;
  query.item_code = "MO-DSAL-002";
  auto shown = jiangmen.published(query);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].origin_node, "MO");
  EXPECT_EQ(shown[0].title.en, "Jobseeker registration now also in Jiangmen");
  EXPECT_EQ(shown[0].approver, approver.account_id);
  EXPECT_EQ(hk.node().store().list_notices().size(), 0u);  // Hong Kong did not subscribe to Macao's notices

  // A Jiangmen resident sees it on Jiangmen's pages: the list, the notice, the item's page, and the Atom feed, read
  // back with a real feed parser.
  api_test::HttpClient client("127.0.0.1", jm.port());
  auto list = client.request("GET", "/zh-Hant/notices", {});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("求職登記可在江門辦理"), std::string::npos);
  auto page = client.request("GET", "/pt/notices/" + notice.id, {});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("A inscrição da DSAL pode ser feita nos balcões de Jiangmen."), std::string::npos);
  auto item = client.request("GET", "/en/items/MO-DSAL-002", {});
  ASSERT_EQ(item.status, 200);
  EXPECT_NE(item.body.find("href=\"/en/notices/" + notice.id + "\""), std::string::npos);
  auto feed = client.request("GET", "/zh-Hant/notices/feed.atom?topic=service_change", {});
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("Content-Type"), "application/atom+xml; charset=utf-8");
  auto parsed = feed_as_parsed(feed.body);
  EXPECT_FALSE(parsed.at("bozo").is_bool() && parsed.at("bozo").as_bool()) << feed.body;
  ASSERT_EQ(parsed.at("entries").as_array().size(), 1u) << feed.body;
  const auto& entry = parsed.at("entries").as_array().at(0).as_array();
  EXPECT_EQ(entry.at(0).as_string(), "tag:tongban.network,2026:notice/" + notice.id);
  EXPECT_EQ(entry.at(1).as_string(), "求職登記可在江門辦理");
  EXPECT_EQ(parsed.at("language").as_string(), "zh-Hant");
  // Another topic's feed does not carry it.
  auto other = client.request("GET", "/zh-Hant/notices/feed.atom?topic=holiday_hours", {});
  EXPECT_EQ(feed_as_parsed(other.body).at("entries").as_array().size(), 0u);

  // Withdrawn in Macao, withdrawn in Jiangmen: it is no longer shown.
  desk.step(approver, notice.id, domain::NoticeAction::withdraw);
  ASSERT_TRUE(
      eventually([&] { return jm.node().store().find_notice(notice.id)->state == domain::NoticeState::withdrawn; }));
  EXPECT_TRUE(jiangmen.published(query).empty());
}

TEST_F(RegionExchangeTest, APeerForgingAnotherNodesNoticeOrAggregateOrSendingSmallCellsIsRefused) {
  // A notice in Macao's name, sent by Hong Kong.
  domain::Notice forged;
  forged.id = "MO-N-99";
  forged.origin_node = forged.origin_jurisdiction = "MO";
  forged.topic = domain::NoticeTopic::policy;
  forged.state = domain::NoticeState::published;
  forged.title = forged.body = {"假", "假", "Falso", "Fake"};
  forged.valid_from = today(jm);
  forged.author = "st_a";
  forged.approver = "st_b";
  forged.revision = 1;
  auto answer = post_from(hk, jm, "notice.published", node::notice_json(forged), federation::random_uuid_v4());
  EXPECT_EQ(answer.status, 422) << answer.body;
  EXPECT_NE(answer.body.find("handler:notice_invalid"), std::string::npos) << answer.body;
  EXPECT_FALSE(jm.node().store().find_notice("MO-N-99").has_value());
  // Hong Kong's own notice, but about Jiangmen's services: a peer does not speak for another's.
  domain::Notice about_jiangmen = forged;
  about_jiangmen.id = "HK-N-98";
  about_jiangmen.origin_node = "HK";
  about_jiangmen.origin_jurisdiction = "CN-GD-JM";
  answer = post_from(hk, jm, "notice.published", node::notice_json(about_jiangmen), federation::random_uuid_v4());
  EXPECT_EQ(answer.status, 422) << answer.body;
  EXPECT_NE(answer.body.find("handler:notice_invalid"), std::string::npos) << answer.body;
  EXPECT_FALSE(jm.node().store().find_notice("HK-N-98").has_value());

  // Macao's aggregate, sent by Hong Kong.
  open_cases(mo, 1, 64);
  domain::CalendarDate day = today(mo);
  auto macao = node::daily_aggregates(mo.node(), {day}, 1, "MO").front();
  const std::string in_macaos_name = federation::random_uuid_v4();
  answer = post_from(hk, jm, "statistics.daily", node::daily_aggregate_json(macao), in_macaos_name);
  EXPECT_EQ(answer.status, 422) << answer.body;
  EXPECT_NE(answer.body.find("handler:not_sender"), std::string::npos) << answer.body;
  // Hong Kong's own aggregate of six cases, one of them of another item, claiming k = 5 but showing that item's
  // count of 1: a small cell.
  open_cases(hk, 5, 65);
  open_cases(hk, 1, 66,
             LocalItem{"HK-EHR-002", {"hk_id", "hk_address_proof"}, "HK_HKID", "A123456(3)", "+85291234567"});
  auto small = node::daily_aggregates(hk.node(), {day}, 1, "HK").front();
  small.k = 5;
  const std::string with_small_cells = federation::random_uuid_v4();
  answer = post_from(hk, jm, "statistics.daily", node::daily_aggregate_json(small), with_small_cells);
  EXPECT_EQ(answer.status, 422) << answer.body;
  EXPECT_NE(answer.body.find("handler:aggregate_invalid"), std::string::npos) << answer.body;
  // Hong Kong's own aggregate of a day far in the future: no node publishes it, it would only fill the store.
  auto future = node::daily_aggregates(hk.node(), {*domain::parse_date("2099-01-01")}, 1, "HK").front();
  const std::string of_the_future = federation::random_uuid_v4();
  answer = post_from(hk, jm, "statistics.daily", node::daily_aggregate_json(future), of_the_future);
  EXPECT_EQ(answer.status, 422) << answer.body;
  EXPECT_NE(answer.body.find("handler:aggregate_out_of_range"), std::string::npos) << answer.body;
  EXPECT_TRUE(jm.node().store().list_region_aggregates("2099-01-01", "2099-01-01").empty());
  // Neither was kept: what Jiangmen holds of Macao and Hong Kong came with their own publications.
  for (const auto& record : jm.node().store().list_region_aggregates("", "")) {
    EXPECT_NE(record.message_id, in_macaos_name);
    EXPECT_NE(record.message_id, with_small_cells);
    EXPECT_NE(record.message_id, of_the_future);
  }
}

}  // namespace
}  // namespace tongban::crossnode_test
