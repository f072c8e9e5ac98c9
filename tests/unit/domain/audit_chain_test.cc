// The audit chain: canonical bytes, sealing, and a verifier that finds and names every kind of tampering.
#include "domain/audit_chain.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongban::domain {
namespace {

std::vector<Event> sealed_chain(int count) {
  const CaseAction actions[] = {CaseAction::submit, CaseAction::accept, CaseAction::start_review, CaseAction::approve};
  std::vector<Event> events;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= count; ++i) {
    Event e;
    e.sequence = i;
    e.case_id = "JM-2026-00000" + std::to_string(i % 3);
    e.actor_id = "acc-" + std::to_string(i);
    e.actor_role = i % 2 == 0 ? Role::reviewer : Role::applicant;
    e.action = actions[i % 4];
    e.from_state = CaseState::submitted;
    e.to_state = CaseState::accepted;
    e.note = "note " + std::to_string(i) + " 受理";
    e.at_ms = 1'767'225'600'000 + i * 1000;
    seal(e, prev);
    prev = e.hash;
    events.push_back(e);
  }
  return events;
}

bool is_lower_hex64(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(AuditChain, SealedChainLinksEachEventToThePreviousAndVerifies) {
  const auto events = sealed_chain(6);
  EXPECT_EQ(events.front().prev_hash, kGenesisHash);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_TRUE(is_lower_hex64(events[i].hash));
    if (i > 0) {
      EXPECT_EQ(events[i].prev_hash, events[i - 1].hash);
    }
  }
  EXPECT_EQ(verify_chain(events), std::nullopt);
  EXPECT_EQ(verify_chain({}), std::nullopt);
}

// The encoding written out by hand: 4-byte big-endian length, then the bytes; integers as 8 big-endian bytes.
std::string field(std::string_view bytes) {
  std::string out;
  const auto n = static_cast<std::uint32_t>(bytes.size());
  out += {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8), static_cast<char>(n)};
  return out + std::string(bytes);
}

TEST(AuditChain, CanonicalBytesAndHashFollowTheDocumentedEncoding) {
  Event e;
  e.sequence = 258;  // 0x0102
  e.case_id = "C1";
  e.actor_id = "";
  e.actor_role = Role::clerk;
  e.action = CaseAction::forward;
  e.from_state = CaseState::intake_checked;
  e.to_state = CaseState::forwarded;
  e.note = "ok";
  e.at_ms = -1;
  const std::string expected = field("tongban.event.v1") + field(std::string("\0\0\0\0\0\0\x01\x02", 8)) + field("C1") +
                               field("") + field("clerk") + field("forward") + field("intake_checked") +
                               field("forwarded") + field("ok") + field(std::string(8, '\xff'));
  EXPECT_EQ(canonical_event_bytes(e), expected);

  const std::string input = std::string(32, '\0') + expected;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  EXPECT_EQ(event_hash(e, kGenesisHash), std::string(hex));
}

TEST(AuditChain, FieldBoundariesMatter) {
  // Moving bytes from one field to the next must change the hash (no plain concatenation).
  Event a;
  a.case_id = "AB";
  a.actor_id = "C";
  Event b = a;
  b.case_id = "A";
  b.actor_id = "BC";
  EXPECT_NE(event_hash(a, kGenesisHash), event_hash(b, kGenesisHash));
}

TEST(AuditChain, SealRejectsABadPrevHashAndLeavesTheEventUnchanged) {
  Event e = sealed_chain(1).front();
  const Event before = e;
  const std::string bad[] = {"", "00", std::string(64, 'A'), std::string(63, '0') + "g", std::string(65, '0')};
  for (const std::string& prev : bad) {
    EXPECT_THROW(seal(e, prev), std::invalid_argument) << prev;
    EXPECT_EQ(e.hash, before.hash);
    EXPECT_EQ(e.prev_hash, before.prev_hash);
  }
}

struct Alteration {
  const char* name;
  std::function<void(Event&)> apply;
};

TEST(AuditChain, AlteringAnyFieldOfAnyEventIsFoundAsAltered) {
  const std::vector<Alteration> alterations = {
      {"case_id", [](Event& e) { e.case_id += "X"; }},
      {"actor_id", [](Event& e) { e.actor_id = "acc-mallory"; }},
      {"actor_role", [](Event& e) { e.actor_role = Role::admin; }},
      {"action", [](Event& e) { e.action = CaseAction::reject; }},
      {"from_state", [](Event& e) { e.from_state = CaseState::draft; }},
      {"to_state", [](Event& e) { e.to_state = CaseState::rejected; }},
      {"note", [](Event& e) { e.note.clear(); }},
      {"at_ms", [](Event& e) { e.at_ms += 1; }},
      {"prev_hash", [](Event& e) { e.prev_hash[10] = e.prev_hash[10] == 'a' ? 'b' : 'a'; }},
      {"hash", [](Event& e) { e.hash[0] = e.hash[0] == 'a' ? 'b' : 'a'; }},
      {"hash_uppercase", [](Event& e) { e.hash = std::string(64, 'F'); }},
  };
  const auto original = sealed_chain(5);
  for (const Alteration& alteration : alterations) {
    for (std::size_t i = 0; i < original.size(); ++i) {
      auto events = original;
      alteration.apply(events[i]);
      const auto found = verify_chain(events);
      ASSERT_TRUE(found.has_value()) << alteration.name << " at " << i;
      EXPECT_EQ(found->reason, "altered") << alteration.name << " at " << i;
      EXPECT_EQ(found->sequence, original[i].sequence) << alteration.name << " at " << i;
    }
  }
}

TEST(AuditChain, AlteringTheSequenceNumberIsFoundAsAltered) {
  auto events = sealed_chain(4);
  events[2].sequence = 7;
  const auto found = verify_chain(events);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "altered");
}

TEST(AuditChain, DeletingAnEventIsFoundAsMissing) {
  const auto original = sealed_chain(5);
  for (std::size_t i = 0; i + 1 < original.size(); ++i) {  // the last one needs an anchor, see below
    auto events = original;
    events.erase(events.begin() + static_cast<std::ptrdiff_t>(i));
    const auto found = verify_chain(events);
    ASSERT_TRUE(found) << i;
    EXPECT_EQ(found->reason, "missing");
    EXPECT_EQ(found->sequence, original[i].sequence);
  }
}

TEST(AuditChain, CuttingOffTheTailIsFoundOnlyAgainstAnAnchor) {
  auto events = sealed_chain(5);
  const ChainHead anchor{events.back().sequence, events.back().hash};
  events.pop_back();
  EXPECT_EQ(verify_chain(events), std::nullopt);  // a shorter chain is a valid chain by itself
  const auto found = verify_chain(events, anchor);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "missing");
  EXPECT_EQ(found->sequence, 5);
}

TEST(AuditChain, SwappingOrMovingOrDuplicatingEventsIsFoundAsReordered) {
  const auto original = sealed_chain(6);
  for (std::size_t i = 0; i + 1 < original.size(); ++i) {
    auto events = original;
    std::swap(events[i], events[i + 1]);
    const auto found = verify_chain(events);
    ASSERT_TRUE(found) << i;
    EXPECT_EQ(found->reason, "reordered") << i;
    EXPECT_EQ(found->sequence, original[i + 1].sequence) << "the first event out of place";
  }
  auto moved = original;
  moved.push_back(moved[1]);
  moved.erase(moved.begin() + 1);
  auto found = verify_chain(moved);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "reordered");

  auto duplicated = original;
  duplicated.insert(duplicated.begin() + 3, duplicated[2]);
  found = verify_chain(duplicated);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "reordered");
  EXPECT_EQ(found->sequence, 3);
}

TEST(AuditChain, AResealedEditBreaksTheNextLink) {
  auto events = sealed_chain(5);
  events[2].note = "rewritten";
  seal(events[2], events[2].prev_hash);  // the forger recomputes the edited event's hash
  const auto found = verify_chain(events);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "bad_link");
  EXPECT_EQ(found->sequence, 4);
}

TEST(AuditChain, AnEditResealedToTheEndIsFoundAgainstAnAnchor) {
  auto events = sealed_chain(5);
  const ChainHead anchor{5, events.back().hash};
  events[1].at_ms += 60'000;
  for (std::size_t i = 1; i < events.size(); ++i) seal(events[i], events[i - 1].hash);
  EXPECT_EQ(verify_chain(events), std::nullopt);
  const auto found = verify_chain(events, anchor);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "altered");
  EXPECT_EQ(found->sequence, 5);
}

TEST(AuditChainVerifier, VerifiesInPiecesFromACheckpoint) {
  const auto events = sealed_chain(8);
  ChainVerifier first;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(first.feed(events[i]), std::nullopt);
  ASSERT_EQ(first.finish(), std::nullopt);
  EXPECT_EQ(first.head().sequence, 5);

  ChainVerifier rest(first.head());
  for (int i = 5; i < 8; ++i) EXPECT_EQ(rest.feed(events[i]), std::nullopt);
  EXPECT_EQ(rest.finish(), std::nullopt);

  ChainVerifier wrong_start(ChainHead{5, events[3].hash});
  const auto found = wrong_start.feed(events[5]);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "bad_link");
}

TEST(AuditChainVerifier, AGapIsSettledOnlyAtTheEndAndABreakIsFinal) {
  const auto events = sealed_chain(4);
  ChainVerifier verifier;
  EXPECT_EQ(verifier.feed(events[0]), std::nullopt);
  EXPECT_EQ(verifier.feed(events[2]), std::nullopt);  // event 2 might still come
  EXPECT_EQ(verifier.feed(events[3]), std::nullopt);
  const auto found = verifier.finish();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reason, "missing");
  EXPECT_EQ(found->sequence, 2);
  const auto again = verifier.feed(events[1]);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->reason, "missing");
}

}  // namespace
}  // namespace tongban::domain
