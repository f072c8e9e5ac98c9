// The authorization matrix: every route of the router, called by every kind of caller, against an explicit table
// of expected answers — 401 without a token, 403 for a role the route does not admit, 404 for a case the caller
// may not see, 2xx otherwise. A route without a row fails the test, so a new route must declare who may call it
// here too. Refused calls change nothing. Agents (bank, post and partner staff, docs/channels.md) have a table of
// their own, kAgentExpected, probed against a case an agent took in at their point: a route without a row there
// fails too.
#include <gtest/gtest.h>

#include <array>
#include <boost/json/serialize.hpp>
#include <functional>
#include <map>

#include "case_scenario.h"
#include "post/carrier_adapter.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

enum Caller {
  kAnonymous,
  kApplicant,
  kOtherApplicant,
  kClerkHere,
  kClerkElsewhere,
  kReviewer,
  kOtherReviewer,
  kAdmin,
  kAgentHere,       // the post office agent who took the agents' case in (JM-POST-PENGJIANG)
  kAgentElsewhere,  // a bank agent (JM-BANK-BEA), whose point does not take in the probed item
};
constexpr std::array<const char*, 10> kCallerNames = {"anonymous",
                                                      "applicant",
                                                      "other applicant",
                                                      "clerk of the intake point",
                                                      "clerk elsewhere",
                                                      "reviewer of the authority",
                                                      "reviewer of another authority",
                                                      "admin",
                                                      "agent of the intake point",
                                                      "agent elsewhere"};
using Row = std::array<int, 8>;
using AgentRow = std::array<int, 2>;

// clang-format off
//                                                       anon appl other clerk clerk2 rev  rev2 admin
const std::map<std::string, Row> kExpected = {
    {"POST /api/v1/accounts",                          {201, 201, 201,  201,  201,  201, 201,  201}},
    {"GET /api/v1/accounts/me",                        {401, 200, 200,  200,  200,  200, 200,  200}},
    {"POST /api/v1/sessions",                          {201, 201, 201,  201,  201,  201, 201,  201}},
    {"DELETE /api/v1/sessions/current",                {401, 204, 204,  204,  204,  204, 204,  204}},
    {"GET /api/v1/items",                              {200, 200, 200,  200,  200,  200, 200,  200}},
    {"GET /api/v1/items/{code}",                       {200, 200, 200,  200,  200,  200, 200,  200}},
    {"POST /api/v1/blobs",                             {401, 201, 201,  201,  201,  403, 403,  403}},
    // a material is seen through its case: the same callers as the case, 404 for everyone else
    {"GET /api/v1/cases/{id}/materials/{sha256}",      {401, 200, 404,  200,  404,  200, 404,  200}},
    {"POST /api/v1/cases",                             {401, 201, 201,  201,  201,  403, 403,  403}},
    {"GET /api/v1/cases",                              {401, 200, 200,  200,  200,  200, 200,  200}},
    {"GET /api/v1/cases/{id}",                         {401, 200, 404,  200,  404,  200, 404,  200}},
    // the probe is "accept" on a submitted case: only the reviewer of the case's authority may
    {"POST /api/v1/cases/{id}/actions",                {401, 403, 404,  403,  404,  200, 404,  403}},
    {"GET /api/v1/cases/{id}/events",                  {401, 200, 404,  200,  404,  200, 404,  200}},
    // e-certificates: this node runs without federation, so it holds no key and no directory and says so (503)
    // to every caller the route admits
    {"POST /api/v1/certificates/verify",               {503, 503, 503,  503,  503,  503, 503,  503}},
    {"GET /api/v1/certificates",                       {401, 503, 503,  403,  403,  403, 403,  403}},
    {"POST /api/v1/certificates/{id}/status",          {401, 403, 403,  403,  403,  503, 503,  403}},
    {"GET /api/v1/cases/{id}/certificate",             {401, 503, 503,  503,  503,  503, 503,  503}},
    // post: the carrier's webhook is anonymous and its signature the credential (none here: webhook-unsigned);
    // the probe posts the originals of the case (a clerk's or admin's step; a reviewer posts results)
    {"POST /api/v1/carriers/{carrier}/events",         {401, 401, 401,  401,  401,  401, 401,  401}},
    {"POST /api/v1/cases/{id}/shipments",              {401, 403, 403,  201,  404,  403, 404,  201}},
    {"GET /api/v1/cases/{id}/shipments",               {401, 200, 404,  200,  404,  200, 404,  200}},
    {"GET /api/v1/shipment-tasks",                     {401, 403, 403,  200,  200,  403, 403,  200}},
    // the probe names no task of anyone's queue
    {"POST /api/v1/shipment-tasks/{id}/done",          {401, 403, 403,  404,  404,  403, 403,  404}},
    // notifications: an applicant's own inbox and preferences; the probe marks a notification that is not theirs
    {"GET /api/v1/notifications",                      {401, 200, 200,  403,  403,  403, 403,  403}},
    {"POST /api/v1/notifications/{id}/read",           {401, 404, 404,  403,  403,  403, 403,  403}},
    {"GET /api/v1/notification-preferences",           {401, 200, 200,  403,  403,  403, 403,  403}},
    {"PUT /api/v1/notification-preferences",           {401, 200, 200,  403,  403,  403, 403,  403}},
    {"GET /api/v1/openapi.json",                       {200, 200, 200,  200,  200,  200, 200,  200}},
    {"GET /healthz",                                   {200, 200, 200,  200,  200,  200, 200,  200}},
    {"GET /readyz",                                    {200, 200, 200,  200,  200,  200, 200,  200}},
    {"GET /metrics",                                   {200, 200, 200,  200,  200,  200, 200,  200}},
    // channel figures: the node's own staff only, never applicants or agents
    {"GET /api/v1/statistics/channels",                {401, 403, 403,  200,  200,  200, 200,  200}},
    {"GET /api/v1/statistics/cases",                   {401, 403, 403,  200,  200,  200, 200,  200}},
    // 好差评: the probed case is not finished, so whoever may rate it is told so (409); a reviewer never rates; the
    // follow-up routes name a rating that does not exist (404) to the one role each admits
    {"POST /api/v1/cases/{id}/ratings",                {401, 409, 404,  409,  404,  403, 403,  403}},
    {"GET /api/v1/cases/{id}/ratings",                 {401, 200, 404,  200,  404,  200, 404,  200}},
    {"GET /api/v1/rating-follow-ups",                  {401, 403, 403,  403,  403,  200, 200,  200}},
    {"POST /api/v1/cases/{id}/ratings/{channel}/follow-up", {401, 403, 403, 403, 403, 404, 404,  403}},
    {"POST /api/v1/cases/{id}/ratings/{channel}/answer", {401, 404, 404, 403,  403,  403, 403,  403}},
};

// Agents, probed on a case the agent of the intake point took in. The agent elsewhere is refused that case (404)
// and, opening one, the item (400: JM-CA-006 is not on the bank branch's own list). Neither decides (403 accept).
//                                                      here elsewhere
const std::map<std::string, AgentRow> kAgentExpected = {
    {"POST /api/v1/accounts",                          {201, 201}},
    {"GET /api/v1/accounts/me",                        {200, 200}},
    {"POST /api/v1/sessions",                          {201, 201}},
    {"DELETE /api/v1/sessions/current",                {204, 204}},
    {"GET /api/v1/items",                              {200, 200}},
    {"GET /api/v1/items/{code}",                       {200, 200}},
    {"POST /api/v1/blobs",                             {201, 201}},
    {"GET /api/v1/cases/{id}/materials/{sha256}",      {200, 404}},
    {"POST /api/v1/cases",                             {201, 400}},
    {"GET /api/v1/cases",                              {200, 200}},
    {"GET /api/v1/cases/{id}",                         {200, 404}},
    {"POST /api/v1/cases/{id}/actions",                {403, 404}},
    {"GET /api/v1/cases/{id}/events",                  {200, 404}},
    {"GET /api/v1/openapi.json",                       {200, 200}},
    {"GET /healthz",                                   {200, 200}},
    {"GET /readyz",                                    {200, 200}},
    {"GET /metrics",                                   {200, 200}},
    {"GET /api/v1/statistics/channels",                {403, 403}},
    {"GET /api/v1/statistics/cases",                   {403, 403}},
    {"POST /api/v1/certificates/verify",               {503, 503}},
    {"GET /api/v1/certificates",                       {403, 403}},
    {"POST /api/v1/certificates/{id}/status",          {403, 403}},
    {"GET /api/v1/cases/{id}/certificate",             {503, 503}},
    {"GET /api/v1/notifications",                      {403, 403}},
    {"POST /api/v1/notifications/{id}/read",           {403, 403}},
    {"GET /api/v1/notification-preferences",           {403, 403}},
    {"PUT /api/v1/notification-preferences",           {403, 403}},
    {"POST /api/v1/carriers/{carrier}/events",         {401, 401}},
    // an agent of the post office posts the originals it took in; the bank's agent does not see that case
    {"POST /api/v1/cases/{id}/shipments",              {201, 404}},
    {"GET /api/v1/cases/{id}/shipments",               {200, 404}},
    {"GET /api/v1/shipment-tasks",                     {200, 200}},
    {"POST /api/v1/shipment-tasks/{id}/done",          {404, 404}},
    {"POST /api/v1/cases/{id}/ratings",                {409, 404}},
    {"GET /api/v1/cases/{id}/ratings",                 {200, 404}},
    {"GET /api/v1/rating-follow-ups",                  {403, 403}},
    {"POST /api/v1/cases/{id}/ratings/{channel}/follow-up", {403, 403}},
    {"POST /api/v1/cases/{id}/ratings/{channel}/answer", {403, 403}},
};
// clang-format on

std::string expected_problem(int status) {
  switch (status) {
    case 401: return "/problems/unauthenticated";
    case 403: return "/problems/forbidden";
    case 404: return "/problems/not-found";
    case 503: return "/problems/unavailable";
    case 400: return "/problems/validation-failed";
    case 409: return "/problems/conflict";
    default: return "";
  }
}

// The problem a refusal names: the carrier webhook's own for its 401 (the signature is its credential), otherwise
// by status.
std::string expected_problem(const std::string& key, int status) {
  if (key == "POST /api/v1/carriers/{carrier}/events" && status == 401) return "/problems/webhook-unsigned";
  return expected_problem(status);
}

class AuthorizationMatrixTest : public SharedNodeTest {
 protected:
  void SetUp() override {
    callers_[kApplicant] = node().register_applicant("matrix-applicant");
    callers_[kOtherApplicant] = node().register_applicant("matrix-other-applicant");
    callers_[kClerkHere] = node().add_clerk("matrix-clerk", std::string(kIntakePoint));
    callers_[kClerkElsewhere] = node().add_clerk("matrix-clerk-elsewhere", std::string(kOtherPoint));
    callers_[kReviewer] = node().add_reviewer("matrix-reviewer", std::string(kItemAuthority));
    callers_[kOtherReviewer] = node().add_reviewer("matrix-other-reviewer", std::string(kOtherAuthority));
    callers_[kAdmin] = node().add_admin("matrix-admin");
    post::ensure_carrier_secret(node().data_dir(), "sim-post");  // a carrier the node knows (its webhook unsigned)
    callers_[kAgentHere] = node().add_agent("matrix-post-agent", "JM-POST-PENGJIANG", "China Post Jiangmen");
    callers_[kAgentElsewhere] = node().add_agent("matrix-bank-agent", "JM-BANK-BEA", "Bank of East Asia Jiangmen");
    // The clerk scans the walk-in's papers: only who handed a blob in (or their service point) may attach it.
    materials_ = upload_required_materials(client(), callers_[kClerkHere].token, "matrix");
    case_id_ = new_case();
    agent_materials_ = upload_required_materials(client(), callers_[kAgentHere].token, "matrix agent");
    agent_case_id_ = new_agent_case();
  }

  static bool is_agent(Caller caller) { return caller == kAgentHere || caller == kAgentElsewhere; }

  // A submitted case of the applicant, taken in by the post office agent (JM-CA-006 goes by post there).
  std::string new_agent_case() {
    auto body = application(callers_[kApplicant], agent_materials_, true);
    return text(open_case_ok(client(), callers_[kAgentHere].token, body), "id");
  }

  // A submitted case of the applicant, taken in by the clerk of the intake point.
  std::string new_case() {
    auto body = application(callers_[kApplicant], materials_, true);
    return text(open_case_ok(client(), callers_[kClerkHere].token, body), "id");
  }

  // The request a caller makes to probe a route: real ids in the path, a body that would succeed if allowed.
  struct Probe {
    std::string method, target, body;
    Headers headers;
    std::string pattern;  // the route's pattern, for the expected problem
    std::string case_id;  // the case an action targets, to check it did not change when refused
  };

  Probe probe(const http::Route& route, Caller caller) {
    const TestAccount& who = callers_[caller];
    Probe p{route.method, route.pattern, "", {}, route.pattern, ""};
    auto fill = [&](std::string_view param, const std::string& value) {
      auto at = p.target.find(param);
      if (at != std::string::npos) p.target.replace(at, param.size(), value);
    };
    fill("{code}", std::string(kItemCode));
    fill("{carrier}", "sim-post");
    fill("{channel}", "web");
    fill("{sha256}", is_agent(caller) ? agent_materials_.front().second : materials_.front().second);
    fill("{id}", is_agent(caller) ? agent_case_id_ : case_id_);
    std::string token = who.token;
    const std::string key = route.method + " " + route.pattern;
    if (key == "POST /api/v1/accounts") {
      int serial = 5000 + next_serial_++;
      p.body = boost::json::serialize(
          boost::json::object{{"kind", "natural_person"},
                              {"login", "matrix-registered-" + std::to_string(serial) + "@example.mo"},
                              {"password", "Matrix-pass-2026"},
                              {"display_name", "Matrix"},
                              {"id_document", {{"type", "CN_RIC"}, {"number", valid_cn_ric(serial)}}}});
    } else if (key == "POST /api/v1/sessions") {
      p.body = boost::json::serialize(
          boost::json::object{{"login", callers_[kApplicant].login}, {"password", callers_[kApplicant].password}});
    } else if (key == "DELETE /api/v1/sessions/current") {
      if (caller != kAnonymous) token = node().sign_in(who);  // a token of its own: this call revokes it
    } else if (key == "POST /api/v1/blobs") {
      p.body = pdf_bytes("matrix upload by " + std::string(kCallerNames[caller]));
    } else if (key == "POST /api/v1/cases") {
      bool clerk = caller == kClerkHere || caller == kClerkElsewhere || is_agent(caller);
      const TestAccount& applicant = caller == kOtherApplicant ? callers_[kOtherApplicant] : callers_[kApplicant];
      // A body that would succeed: the caller's own uploads (a blob is attached only by whoever handed it in).
      bool may_upload = caller == kApplicant || caller == kOtherApplicant || clerk;
      auto materials = may_upload ? upload_required_materials(client(), who.token, kCallerNames[caller]) : materials_;
      p.body = boost::json::serialize(application(applicant, materials, clerk));
    } else if (key == "POST /api/v1/cases/{id}/actions") {
      p.case_id = is_agent(caller) ? new_agent_case() : new_case();
      p.target = "/api/v1/cases/" + p.case_id + "/actions";
      p.body = R"({"action":"accept"})";
      p.headers.emplace_back("If-Match", "\"1\"");
    } else if (key == "POST /api/v1/certificates/verify") {
      p.body = R"({"token":"tbec1.AAAA"})";
    } else if (key == "POST /api/v1/certificates/{id}/status") {
      p.body = R"({"status":"revoked","reason":"matrix probe"})";
    } else if (key == "POST /api/v1/carriers/{carrier}/events") {
      p.body = R"({"events":[]})";  // unsigned: refused before the body is read
    } else if (key == "POST /api/v1/cases/{id}/shipments") {
      p.body = R"({"kind":"materials","carrier":"sim-post"})";
    } else if (key == "POST /api/v1/cases/{id}/ratings") {
      p.body = R"({"level":2,"comment":"matrix probe"})";
    } else if (key == "POST /api/v1/cases/{id}/ratings/{channel}/follow-up") {
      p.body = R"({"response":"matrix probe"})";
    } else if (key == "POST /api/v1/cases/{id}/ratings/{channel}/answer") {
      p.body = R"({"answer":"satisfied"})";
    } else if (key == "PUT /api/v1/notification-preferences") {
      p.body = R"({"language":"pt"})";
    }
    if (!p.body.empty()) p.headers.emplace_back("Content-Type", "application/json");
    p.headers = bearer(token, p.headers);
    return p;
  }

  // Calls the probe and checks the answer; a refused call changes nothing.
  void expect_answer(HttpClient& http, Caller caller, const Probe& p, int expected) {
    auto before = node().counts();
    auto answer = http.request(p.method, p.target, p.headers, p.body);
    EXPECT_EQ(answer.status, expected) << answer.body;
    if (expected < 400) return;
    EXPECT_EQ(answer.problem_type(), expected_problem(p.method + " " + p.pattern, expected)) << answer.body;
    auto after = node().counts();
    EXPECT_EQ(after.accounts, before.accounts);
    EXPECT_EQ(after.cases, before.cases);
    EXPECT_EQ(after.events, before.events);
    EXPECT_EQ(after.blobs, before.blobs);
    if (!p.case_id.empty()) {
      auto kase = read_case(http, callers_[kAdmin].token, p.case_id);
      ASSERT_TRUE(kase);
      EXPECT_EQ(text(*kase, "state"), "submitted");
      EXPECT_EQ(kase->at("version").as_int64(), 1);
    }
    (void)caller;
  }

  std::array<TestAccount, 10> callers_;
  std::vector<std::pair<std::string, std::string>> materials_;
  std::vector<std::pair<std::string, std::string>> agent_materials_;
  std::string case_id_;
  std::string agent_case_id_;
  // Shared by every test of the suite: they may run against one shared node (the prism run), and a registration
  // must never reuse an identity document another test registered.
  static inline int next_serial_ = 0;
};

TEST_F(AuthorizationMatrixTest, EveryRouteForEveryCaller) {
  auto http = client();
  std::set<std::string> covered;
  for (const auto& route : node().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    auto row = kExpected.find(key);
    if (row == kExpected.end()) {
      ADD_FAILURE() << "route " << key << " has no row in the authorization matrix: say who may call it";
      continue;
    }
    covered.insert(key);
    for (int caller = kAnonymous; caller <= kAdmin; ++caller) {
      SCOPED_TRACE(key + " as " + kCallerNames[caller]);
      expect_answer(http, static_cast<Caller>(caller), probe(route, static_cast<Caller>(caller)), row->second[caller]);
    }
  }
  for (const auto& [key, row] : kExpected)
    EXPECT_TRUE(covered.count(key)) << "the matrix has a row for " << key << ", which the router does not serve";
}

TEST_F(AuthorizationMatrixTest, EveryRouteForEveryAgent) {
  auto http = client();
  std::set<std::string> covered;
  for (const auto& route : node().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    auto row = kAgentExpected.find(key);
    if (row == kAgentExpected.end()) {
      ADD_FAILURE() << "route " << key << " has no row in the agents' matrix (kAgentExpected): say whether agents "
                    << "may call it";
      continue;
    }
    covered.insert(key);
    for (Caller caller : {kAgentHere, kAgentElsewhere}) {
      SCOPED_TRACE(key + " as " + kCallerNames[caller]);
      expect_answer(http, caller, probe(route, caller), row->second[caller == kAgentHere ? 0 : 1]);
    }
  }
  for (const auto& [key, row] : kAgentExpected)
    EXPECT_TRUE(covered.count(key)) << "the agents' matrix has a row for " << key
                                    << ", which the router does not serve";
}

TEST_F(AuthorizationMatrixTest, CasesOutOfScopeAreInvisibleAndUntouchable) {
  auto http = client();
  const auto& applicant = callers_[kApplicant];
  auto events_before = node().counts().events;
  // Another applicant: not found, whatever they try.
  const auto& other = callers_[kOtherApplicant];
  EXPECT_EQ(http.get("/api/v1/cases/" + case_id_, other.token).problem_type(), "/problems/not-found");
  EXPECT_EQ(act(http, other.token, case_id_, 1, {{"action", "withdraw"}}).status, 404);
  // A reviewer of another authority can neither see nor accept it; nor can a clerk of another window deliver it.
  EXPECT_EQ(act(http, callers_[kOtherReviewer].token, case_id_, 1, {{"action", "accept"}}).status, 404);
  EXPECT_EQ(act(http, callers_[kOtherReviewer].token, case_id_, 1, {{"action", "reject"}, {"note", "no"}}).status, 404);
  EXPECT_EQ(act(http, callers_[kClerkElsewhere].token, case_id_, 1, {{"action", "withdraw"}}).status, 404);
  // An admin sees every case but decides none.
  auto by_admin = act(http, callers_[kAdmin].token, case_id_, 1, {{"action", "accept"}});
  EXPECT_EQ(by_admin.status, 403);
  EXPECT_EQ(by_admin.problem_type(), "/problems/forbidden");
  // The clerk who took it in may not accept it either (a reviewer's decision).
  EXPECT_EQ(act(http, callers_[kClerkHere].token, case_id_, 1, {{"action", "accept"}}).status, 403);
  auto unchanged = read_case(http, applicant.token, case_id_);
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->at("version").as_int64(), 1);
  EXPECT_EQ(node().counts().events, events_before);

  // Applicants apply only for themselves.
  auto for_someone_else = open_case(http, other.token, application(applicant, materials_, true));
  EXPECT_EQ(for_someone_else.status, 400);
  EXPECT_NE(for_someone_else.body.find("not_yours"), std::string::npos) << for_someone_else.body;

  // A token that is unknown or revoked is refused even where no token is needed.
  EXPECT_EQ(http.get("/api/v1/items", "not-a-token").status, 401);
  std::string token = node().sign_in(applicant);
  ASSERT_EQ(http.request("DELETE", "/api/v1/sessions/current", bearer(token)).status, 204);
  auto revoked = http.get("/api/v1/accounts/me", token);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.problem_type(), "/problems/unauthenticated");
  // Unknown paths and methods (outside the OpenAPI document, so straight to the node: a validating proxy would answer
  // them itself).
  auto direct = direct_client();
  EXPECT_EQ(direct.get("/api/v1/nothing-here").problem_type(), "/problems/not-found");
  auto wrong_method = direct.request("PUT", "/api/v1/cases", bearer(applicant.token), "{}");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.problem_type(), "/problems/method-not-allowed");
  EXPECT_NE(wrong_method.header("Allow").find("GET"), std::string::npos);
}

}  // namespace
}  // namespace tongban::api_test
