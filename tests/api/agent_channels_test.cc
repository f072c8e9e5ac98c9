// Channels and agents over HTTP (issue 11 §3, docs/channels.md): a bank agent takes in at their branch, checks and
// forwards a remote-intake case, and is refused every decision; an agent is refused an item their point's own list
// does not hold and a case of another point; an agent account is created only at a bank, post or partner point and
// with an organisation, which every event the agent causes records (in the hash chain); and the per-channel figures
// of GET /api/v1/statistics/channels and /metrics, counted from the node's cases.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "case_scenario.h"
#include "domain/audit_chain.h"
#include "domain/problem.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

using namespace std::chrono;

constexpr std::string_view kBankItem = "JM-HRSS-009";  // 领取养老金人员待遇资格认证: on JM-BANK-BEA's own list
constexpr std::string_view kBankPoint = "JM-BANK-BEA";
constexpr std::string_view kBankOrganisation = "Bank of East Asia, Jiangmen Branch";

std::vector<std::pair<std::string, std::string>> bank_item_materials(const HttpClient& http, const std::string& token,
                                                                     std::string_view label) {
  return {{"id_card", upload_blob(http, token, pdf_bytes(std::string(label) + " id card"))},
          {"labour_contract", upload_blob(http, token, pdf_bytes(std::string(label) + " labour contract"))}};
}

// A valid application for kBankItem on behalf of `applicant`.
boost::json::object bank_application(const TestAccount& applicant,
                                     const std::vector<std::pair<std::string, std::string>>& materials,
                                     std::string_view mode = "") {
  boost::json::array listed;
  for (const auto& [id, sha256] : materials) listed.push_back({{"material_id", id}, {"blob", sha256}});
  boost::json::object body{{"item_code", kBankItem},
                           {"applicant_id", applicant.id},
                           {"form",
                            {{"applicant_name", "李小梅"},
                             {"id_number", {{"type", "CN_RIC"}, {"number", applicant.id_document_number}}},
                             {"phone", "+8613812345678"},
                             {"consent_transfer", true}}},
                           {"materials", std::move(listed)},
                           {"delivery_method", "electronic"},
                           {"consent_to_transfer", true},
                           {"submit", true}};
  if (!mode.empty()) body["mode"] = mode;
  return body;
}

class AgentChannelsTest : public SharedNodeTest {};

TEST_F(AgentChannelsTest, BankAgentTakesInChecksForwardsAndIsRefusedWhenDeciding) {
  auto http = client();
  auto applicant = node().register_applicant("agent-applicant");
  auto agent = node().add_agent("bank-agent", std::string(kBankPoint), std::string(kBankOrganisation));
  auto reviewer = node().add_reviewer("hrss-reviewer", "JM-HRSS");
  auto materials = bank_item_materials(http, agent.token, "bank agent");
  auto opened = open_case_ok(http, agent.token, bank_application(applicant, materials, "remote_intake"));
  ASSERT_FALSE(text(opened, "id").empty());
  const std::string id = text(opened, "id");
  EXPECT_EQ(text(opened, "channel"), "bank");  // the branch's own channel
  EXPECT_EQ(text(opened, "intake_point"), kBankPoint);
  EXPECT_EQ(text(opened, "state"), "submitted");

  // The agent decides nothing: before the check no one may (a remote-intake case is decided after it is forwarded:
  // 409 for every caller, domain/case_lifecycle.h checks the state before the role), after it the agent may not (403).
  for (const char* action : {"accept", "not_accept", "approve", "reject", "request_supplement", "close"}) {
    auto refused = act(http, agent.token, id, 1, {{"action", action}, {"note", "agent tries"}});
    EXPECT_EQ(refused.status, 409) << action << ": " << refused.body;
    EXPECT_EQ(refused.problem_type(), "/problems/illegal-transition") << action;
  }
  ASSERT_EQ(act(http, agent.token, id, 1, {{"action", "check_intake"}}).status, 200);
  ASSERT_EQ(act(http, agent.token, id, 2, {{"action", "forward"}}).status, 200);
  for (const char* action : {"accept", "not_accept"}) {
    auto refused = act(http, agent.token, id, 3, {{"action", action}, {"note", "agent tries"}});
    EXPECT_EQ(refused.status, 403) << action << ": " << refused.body;
    EXPECT_EQ(refused.problem_type(), "/problems/forbidden") << action;
  }
  ASSERT_EQ(act(http, reviewer.token, id, 3, {{"action", "accept"}}).status, 200);
  for (const char* action : {"start_review", "approve", "reject", "request_supplement"}) {
    auto refused = act(http, agent.token, id, 4, {{"action", action}, {"note", "agent tries"}});
    EXPECT_EQ(refused.status, 403) << action << ": " << refused.body;
  }
  auto kase = read_case(http, agent.token, id);
  ASSERT_TRUE(kase);
  EXPECT_EQ(text(*kase, "state"), "accepted");
  EXPECT_EQ(kase->at("version").as_int64(), 4);
  EXPECT_TRUE(kase->at("available_actions").as_array().empty());  // nothing left for the agent to do
  // The reviewer decides.
  ASSERT_EQ(act(http, reviewer.token, id, 4, {{"action", "approve"}, {"note", "qualified"}}).status, 200);
  EXPECT_EQ(act(http, agent.token, id, 5, {{"action", "issue_result"}}).status, 403);

  // Every event the agent caused names the agent and their organisation; the reviewer's name none.
  auto events = http.get("/api/v1/cases/" + id + "/events", agent.token);
  ASSERT_EQ(events.status, 200) << events.body;
  int by_agent = 0;
  const auto events_json = events.json();  // kept: the loop reads into it
  for (const auto& event : events_json.at("events").as_array()) {
    const auto& e = event.as_object();
    if (text(e, "actor_id") == agent.id) {
      ++by_agent;
      EXPECT_EQ(text(e, "actor_role"), "agent");
      EXPECT_EQ(text(e, "actor_organisation"), kBankOrganisation);
    } else {
      EXPECT_FALSE(e.contains("actor_organisation")) << boost::json::serialize(e);
    }
  }
  EXPECT_EQ(by_agent, 3);  // submit, check_intake, forward
  // The organisation is sealed into the chain: the stored events verify.
  std::vector<domain::Event> chain;
  node().node().store().for_each_event([&](const domain::Event& e) {
    chain.push_back(e);
    return true;
  });
  EXPECT_FALSE(domain::verify_chain(chain).has_value());
  auto me = http.get("/api/v1/accounts/me", agent.token);
  EXPECT_EQ(text(me.json(), "role"), "agent");
  EXPECT_EQ(text(me.json(), "organisation"), kBankOrganisation);
}

TEST_F(AgentChannelsTest, AgentIsRefusedAnotherPointsItemsAndCases) {
  auto http = client();
  auto applicant = node().register_applicant("agent-applicant-2");
  auto bank_agent = node().add_agent("bank-agent-2", std::string(kBankPoint), std::string(kBankOrganisation));
  auto post_agent = node().add_agent("post-agent", "JM-POST-JIANGHAI", "China Post Jiangmen Jianghai");
  auto before = node().counts();
  // JM-CA-006 is a Jiangmen item, but not on the bank branch's own list.
  auto materials = upload_required_materials(http, bank_agent.token, "bank agent other item");
  auto not_here = open_case(http, bank_agent.token, application(applicant, materials, true));
  EXPECT_EQ(not_here.status, 400) << not_here.body;
  EXPECT_NE(not_here.body.find("not_offered_here"), std::string::npos) << not_here.body;
  // Nor on the traffic post office's list: it takes in traffic licensing only.
  auto post_materials = upload_required_materials(http, post_agent.token, "post agent other item");
  auto not_post = open_case(http, post_agent.token, application(applicant, post_materials, true));
  EXPECT_EQ(not_post.status, 400) << not_post.body;
  EXPECT_NE(not_post.body.find("not_offered_here"), std::string::npos) << not_post.body;
  // A channel the branch does not have.
  auto bank_materials = bank_item_materials(http, bank_agent.token, "bank agent window");
  auto body = bank_application(applicant, bank_materials);
  body["channel"] = "window";
  auto wrong_channel = open_case(http, bank_agent.token, body);
  EXPECT_EQ(wrong_channel.status, 400) << wrong_channel.body;
  EXPECT_NE(wrong_channel.body.find("not_at_this_point"), std::string::npos) << wrong_channel.body;
  auto after = node().counts();
  EXPECT_EQ(after.cases, before.cases);
  EXPECT_EQ(after.events, before.events);

  // A case the bank agent took in is another point's for the post agent: not found, untouchable.
  auto opened = open_case_ok(http, bank_agent.token, bank_application(applicant, bank_materials, "remote_intake"));
  const std::string id = text(opened, "id");
  EXPECT_EQ(http.get("/api/v1/cases/" + id, post_agent.token).status, 404);
  EXPECT_EQ(act(http, post_agent.token, id, 1, {{"action", "check_intake"}}).status, 404);
  auto list = http.get("/api/v1/cases", post_agent.token);
  ASSERT_EQ(list.status, 200);
  const auto listed = list.json();
  for (const auto& kase : listed.at("cases").as_array()) EXPECT_NE(text(kase, "id"), id);
}

TEST_F(AgentChannelsTest, AgentAccountsNeedAnAgentPointAndAnOrganisation) {
  auto before = node().counts();
  auto refused = [&](node::StaffAccount staff, const std::string& field, const std::string& rule) {
    try {
      node().accounts().add_staff(staff);
      ADD_FAILURE() << "accepted " << staff.login;
    } catch (const domain::ProblemError& error) {
      EXPECT_EQ(error.problem().slug, "validation-failed");
      bool found = false;
      for (const auto& e : error.problem().errors) found = found || (e.field == field && e.rule == rule);
      EXPECT_TRUE(found) << staff.login << ": " << error.problem().detail;
    }
  };
  const std::string password = "Staff-pass-2026";
  refused({"agent-window@staff.test", password, "A", domain::Role::agent, "", "JM-WIN-CITY", "Bank"}, "service_point",
          "not_an_agent_point");
  refused({"agent-cabin@staff.test", password, "A", domain::Role::agent, "", "JM-CABIN-TAISHAN", "Bank"},
          "service_point", "not_an_agent_point");
  refused({"agent-nobody@staff.test", password, "A", domain::Role::agent, "", std::string(kBankPoint), "  "},
          "organisation", "required");
  refused({"agent-nowhere@staff.test", password, "A", domain::Role::agent, "", "", "Bank"}, "service_point",
          "required");
  refused({"agent-macao@staff.test", password, "A", domain::Role::agent, "", "MO-PARTNER-UGAMM", "UGAMM"},
          "service_point", "not_this_node");
  refused({"clerk-org@staff.test", password, "A", domain::Role::clerk, "", "JM-WIN-CITY", "Bank"}, "organisation",
          "not_allowed");
  EXPECT_EQ(node().counts().accounts, before.accounts);
  // At a partner office's kind of point on its own node, or a post office here: accepted.
  auto post = node().accounts().add_staff({"agent-post@staff.test", password, "Postal clerk", domain::Role::agent, "",
                                           "JM-POST-PENGJIANG", " China Post "});
  EXPECT_EQ(post.role, domain::Role::agent);
  EXPECT_EQ(post.organisation, "China Post");
  EXPECT_EQ(post.service_point, "JM-POST-PENGJIANG");
}

// The figures on a node of their own, so that every count is known.
TEST(ChannelStatistics, CountsTheNodesCasesPerChannelAndKind) {
  NodeUnderTest node;
  auto http = node.client();
  auto applicant = node.register_applicant("figures-applicant");
  auto agent = node.add_agent("figures-bank-agent", std::string(kBankPoint), std::string(kBankOrganisation));
  auto clerk = node.add_clerk("figures-clerk", std::string(kIntakePoint));
  auto admin = node.add_admin("figures-admin");

  // Monday 2 March 2026: a bank case, a window case and a web case are taken in.
  auto bank = open_case_ok(http, agent.token,
                           bank_application(applicant, bank_item_materials(http, agent.token, "figures bank")));
  auto window = open_case_ok(
      http, clerk.token, application(applicant, upload_required_materials(http, clerk.token, "figures window"), true));
  auto web_body = application(applicant, upload_required_materials(http, applicant.token, "figures web"));
  auto web = open_case_ok(http, applicant.token, web_body);
  ASSERT_EQ(text(bank, "channel"), "bank");
  ASSERT_EQ(text(window, "channel"), "window");
  ASSERT_EQ(text(web, "channel"), "web");
  // Tuesday: the web case is not accepted (1 working day). Thursday: the bank case is approved (3 working days).
  node.set_today(2026y / March / 3d);
  auto ca = node.add_reviewer("figures-ca", "JM-CA");
  ASSERT_EQ(act(http, ca.token, text(web, "id"), 1, {{"action", "not_accept"}, {"note", "incomplete"}}).status, 200);
  node.set_today(2026y / March / 5d);
  auto hrss = node.add_reviewer("figures-hrss", "JM-HRSS");
  ASSERT_EQ(act(http, hrss.token, text(bank, "id"), 1, {{"action", "accept"}}).status, 200);
  ASSERT_EQ(act(http, hrss.token, text(bank, "id"), 2, {{"action", "approve"}, {"note", "ok"}}).status, 200);

  admin.token = node.sign_in(admin);
  auto answer = http.get("/api/v1/statistics/channels", admin.token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto json = answer.json().as_object();
  EXPECT_EQ(text(json, "jurisdiction"), "CN-GD-JM");
  auto find = [&](std::string_view list, std::string_view key_name, std::string_view key) -> boost::json::object {
    for (const auto& row : json.at(list).as_array())
      if (text(row, key_name) == key) return row.as_object();
    ADD_FAILURE() << "no row " << key << " in " << list;
    return {};
  };
  ASSERT_EQ(json.at("channels").as_array().size(), 6u);
  ASSERT_EQ(json.at("service_point_kinds").as_array().size(), 6u);
  auto bank_row = find("channels", "channel", "bank");
  EXPECT_EQ(bank_row.at("cases_taken_in").as_int64(), 1);
  EXPECT_EQ(bank_row.at("cases_completed").as_int64(), 1);
  EXPECT_DOUBLE_EQ(bank_row.at("completion_rate").to_number<double>(), 1.0);
  EXPECT_DOUBLE_EQ(bank_row.at("median_working_days_to_decision").to_number<double>(), 3.0);
  auto window_row = find("channels", "channel", "window");
  EXPECT_EQ(window_row.at("cases_taken_in").as_int64(), 1);
  EXPECT_EQ(window_row.at("cases_completed").as_int64(), 0);
  EXPECT_DOUBLE_EQ(window_row.at("completion_rate").to_number<double>(), 0.0);
  EXPECT_TRUE(window_row.at("median_working_days_to_decision").is_null());
  auto web_row = find("channels", "channel", "web");
  EXPECT_EQ(web_row.at("cases_completed").as_int64(), 1);
  EXPECT_DOUBLE_EQ(web_row.at("median_working_days_to_decision").to_number<double>(), 1.0);
  EXPECT_TRUE(find("channels", "channel", "cabin").at("completion_rate").is_null());
  // Items on the web: Jiangmen's items offered there, counted from the catalog independently.
  int web_items = 0;
  for (const auto& item : node.node().catalog()->catalog.items)
    web_items += item.jurisdiction == "CN-GD-JM" &&
                 std::find(item.channels.begin(), item.channels.end(), domain::Channel::web) != item.channels.end();
  EXPECT_EQ(web_row.at("items_available").as_int64(), web_items);
  // Per kind of point: the bank branch's case, the window's; no partner office on the Jiangmen node.
  auto branch = find("service_point_kinds", "kind", "bank_branch");
  EXPECT_EQ(branch.at("cases_taken_in").as_int64(), 1);
  EXPECT_DOUBLE_EQ(branch.at("median_working_days_to_decision").to_number<double>(), 3.0);
  EXPECT_GE(branch.at("items_available").as_int64(), 11);  // at least JM-BANK-BEA's own list
  EXPECT_EQ(find("service_point_kinds", "kind", "window").at("cases_taken_in").as_int64(), 1);
  EXPECT_EQ(find("service_point_kinds", "kind", "partner_office").at("service_points").as_int64(), 0);
  EXPECT_GT(find("service_point_kinds", "kind", "post_office").at("items_available").as_int64(), 0);

  // The same figures as gauges.
  auto metrics = http.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tongban_channel_cases_taken_in{channel=\"bank\"} 1\n"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("tongban_channel_decision_working_days_median{channel=\"bank\"} 3\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("tongban_point_kind_cases_completed{kind=\"bank_branch\"} 1\n"), std::string::npos);
  EXPECT_EQ(metrics.body.find("tongban_channel_decision_working_days_median{channel=\"window\"}"), std::string::npos);

  // Staff of the node only: not applicants, not agents, not anonymous callers.
  agent.token = node.sign_in(agent);
  applicant.token = node.sign_in(applicant);
  EXPECT_EQ(http.get("/api/v1/statistics/channels", agent.token).status, 403);
  EXPECT_EQ(http.get("/api/v1/statistics/channels", applicant.token).status, 403);
  EXPECT_EQ(http.get("/api/v1/statistics/channels").status, 401);
}

}  // namespace
}  // namespace tongban::api_test
