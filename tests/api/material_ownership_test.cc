// Knowing a hash is not a key. A blob may be attached to a case only by whoever handed it in, by a clerk of the
// same service point (a walk-in's scans), or when it is already a material of that case; the answer for someone
// else's blob is the answer for a blob that does not exist. Idempotency keys belong to the caller: a replay never
// answers a case another caller opened.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "case_scenario.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

class MaterialOwnershipTest : public SharedNodeTest {};

bool names_unknown_blob(const HttpAnswer& answer) {
  return answer.body.find("unknown_blob") != std::string::npos;
}

TEST_F(MaterialOwnershipTest, AnApplicantCannotAttachAnotherApplicantsBlobByItsHash) {
  auto http = client();
  auto owner = node().register_applicant("blob-owner");
  auto other = node().register_applicant("blob-borrower");
  auto owners = upload_required_materials(http, owner.token, "owner-scans");
  auto before = node().counts();

  auto borrowed = open_case(http, other.token, application(other, owners));
  EXPECT_EQ(borrowed.status, 400) << borrowed.body;
  EXPECT_EQ(borrowed.problem_type(), "/problems/validation-failed");
  EXPECT_TRUE(names_unknown_blob(borrowed)) << borrowed.body;
  EXPECT_EQ(node().counts().cases, before.cases);

  // The same answer as for a hash nobody uploaded: the refusal does not tell that the blob exists.
  auto invented = owners;
  invented[0].second = std::string(64, 'a');
  auto unknown = open_case(http, other.token, application(other, invented));
  EXPECT_EQ(unknown.status, borrowed.status);

  // Uploading the same bytes oneself makes one a handler of them: then they may be attached.
  auto mine = upload_required_materials(http, other.token, "owner-scans");
  EXPECT_EQ(mine, owners);  // content-addressed: the same hashes
  EXPECT_EQ(open_case(http, other.token, application(other, mine)).status, 201);
  // The owner's own case works as always.
  EXPECT_EQ(open_case(http, owner.token, application(owner, owners)).status, 201);
}

TEST_F(MaterialOwnershipTest, AClerkMayAttachScansOfTheirServicePointButNotOfAnother) {
  auto http = client();
  auto applicant = node().register_applicant("walk-in");
  auto scanning = node().add_clerk("scanning-clerk", std::string(kIntakePoint));
  auto colleague = node().add_clerk("colleague-clerk", std::string(kIntakePoint));
  auto elsewhere = node().add_clerk("elsewhere-clerk", std::string(kOtherPoint));
  auto scans = upload_required_materials(http, scanning.token, "walk-in-scans");

  auto foreign = open_case(http, elsewhere.token, application(applicant, scans, true));
  EXPECT_EQ(foreign.status, 400) << foreign.body;
  EXPECT_TRUE(names_unknown_blob(foreign)) << foreign.body;
  auto by_applicant = open_case(http, applicant.token, application(applicant, scans));
  EXPECT_EQ(by_applicant.status, 400) << by_applicant.body;

  auto opened = open_case(http, colleague.token, application(applicant, scans, true));
  EXPECT_EQ(opened.status, 201) << opened.body;
}

TEST_F(MaterialOwnershipTest, AnIdempotencyKeyIsTheCallersOwn) {
  auto http = client();
  auto applicant = node().register_applicant("keyed");
  auto first = node().add_clerk("first-clerk", std::string(kIntakePoint));
  auto second = node().add_clerk("second-clerk", std::string(kIntakePoint));
  auto scans = upload_required_materials(http, first.token, "keyed-scans");
  auto body = application(applicant, scans, true);

  auto opened = open_case(http, first.token, body, "desk-key-1");
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto other = open_case(http, second.token, body, "desk-key-1");
  ASSERT_EQ(other.status, 201) << other.body;  // a case of its own, not a replay of the first clerk's
  EXPECT_NE(text(other.json(), "id"), text(opened.json(), "id"));
  EXPECT_TRUE(other.header("Idempotent-Replayed").empty());

  auto replay = open_case(http, first.token, body, "desk-key-1");
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(text(replay.json(), "id"), text(opened.json(), "id"));
}

}  // namespace
}  // namespace tongban::api_test
