// The SQLite store against real database files: accounts, sessions, blobs, cases, events, catalog, reopen.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <thread>

#include "domain/audit_chain.h"
#include "store/blob_directory.h"
#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::sample_case;
using testing::TempDir;

// Stand-in for domain/audit_chain.h's seal: any function of prev_hash and the event's content will do here.
void test_seal(domain::Event& event, const std::string& prev_hash) {
  event.hash = sha256_hex(prev_hash + "|" + std::to_string(event.sequence) + "|" + event.case_id + "|" + event.note);
}

domain::Event event_for(const std::string& case_id, const std::string& note) {
  domain::Event event;
  event.case_id = case_id;
  event.actor_id = "u1";
  event.action = domain::CaseAction::submit;
  event.from_state = domain::CaseState::draft;
  event.to_state = domain::CaseState::submitted;
  event.note = note;
  event.at_ms = 1772000000000;
  return event;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store = open_store(dir.path()); }
  void add_account(const std::string& id, const std::string& login) {
    store->write([&](Transaction& tx) { tx.insert_account(sample_account(id, login)); });
  }
  domain::Case add_case(const std::string& applicant_id) {
    return store->transact(
        [&](Transaction& tx) { return tx.insert_case(sample_case(applicant_id), std::nullopt).kase; });
  }

  TempDir dir;
  std::unique_ptr<Store> store;
};

TEST_F(SqliteStoreTest, AccountsAreFoundByIdLoginAndDocument) {
  add_account("u1", "chan@example.mo");
  auto by_login = store->find_account_by_login("chan@example.mo");
  ASSERT_TRUE(by_login);
  EXPECT_EQ(by_login->id, "u1");
  EXPECT_EQ(by_login->password_hash, sample_account("u1", "x").password_hash);
  EXPECT_EQ(by_login->role, domain::Role::applicant);
  ASSERT_TRUE(store->find_account_by_id("u1"));
  ASSERT_TRUE(store->find_account_by_document("mo_resident_id", "1234567(u1)"));
  EXPECT_FALSE(store->find_account_by_login("nobody"));
}

TEST_F(SqliteStoreTest, DuplicateLoginIsAConflictAndChangesNothing) {
  add_account("u1", "chan@example.mo");
  try {
    add_account("u2", "chan@example.mo");
    FAIL() << "expected Conflict";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "account_login");
  }
  EXPECT_FALSE(store->find_account_by_id("u2"));
  EXPECT_EQ(store->counts(0).accounts, 1);
}

TEST_F(SqliteStoreTest, DuplicateIdDocumentIsAConflictButStaffWithoutDocumentsAreNot) {
  add_account("u1", "a@example.mo");
  AccountRecord twin = sample_account("u1", "b@example.mo");
  twin.id = "u2";
  try {
    store->write([&](Transaction& tx) { tx.insert_account(twin); });
    FAIL() << "expected Conflict";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "account_id_document");
  }
  for (std::string id : {"s1", "s2"}) {
    AccountRecord staff = sample_account(id, id + "@jm.gov.cn");
    staff.kind = "staff";
    staff.role = domain::Role::clerk;
    staff.service_point = "JM-WIN-PENGJIANG";
    staff.id_document_type.clear();
    staff.id_document_number.clear();
    store->write([&](Transaction& tx) { tx.insert_account(staff); });
  }
  EXPECT_EQ(store->find_account_by_id("s2")->service_point, "JM-WIN-PENGJIANG");
}

TEST_F(SqliteStoreTest, BadAccountIsRejectedWithoutWriting) {
  AccountRecord bad = sample_account("u1", "a@example.mo");
  bad.kind = "robot";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.insert_account(bad); }), std::invalid_argument);
  EXPECT_FALSE(store->find_account_by_id("u1"));
}

TEST_F(SqliteStoreTest, UpdateAccountReplacesFieldsAndUnknownIsNotFound) {
  add_account("u1", "a@example.mo");
  AccountRecord changed = *store->find_account_by_id("u1");
  changed.display_name = "Chan Siu Ming";
  changed.disabled = true;
  store->write([&](Transaction& tx) { tx.update_account(changed); });
  auto stored = store->find_account_by_id("u1");
  EXPECT_EQ(stored->display_name, "Chan Siu Ming");
  EXPECT_TRUE(stored->disabled);
  changed.id = "ghost";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.update_account(changed); }), NotFound);
}

TEST_F(SqliteStoreTest, SessionsAreStoredRevokedAndCounted) {
  add_account("u1", "a@example.mo");
  SessionRecord session{std::string(64, '1'), "u1", 1000, 5000, false};
  SessionRecord other{std::string(64, '2'), "u1", 1000, 5000, false};
  store->write([&](Transaction& tx) {
    tx.insert_session(session);
    tx.insert_session(other);
  });
  auto found = store->find_session(session.token_hash);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account_id, "u1");
  EXPECT_EQ(found->expires_at_ms, 5000);
  EXPECT_FALSE(found->revoked);
  EXPECT_EQ(store->counts(2000).active_sessions, 2);
  EXPECT_EQ(store->counts(6000).active_sessions, 0);

  store->write([&](Transaction& tx) { tx.revoke_session(session.token_hash); });
  EXPECT_TRUE(store->find_session(session.token_hash)->revoked);
  EXPECT_EQ(store->counts(2000).active_sessions, 1);
  EXPECT_EQ(store->transact([](Transaction& tx) { return tx.revoke_sessions_of("u1"); }), 1);

  EXPECT_THROW(store->write([](Transaction& tx) { tx.revoke_session("nope"); }), NotFound);
  SessionRecord orphan{std::string(64, '3'), "ghost", 0, 1, false};
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.insert_session(orphan); }), NotFound);
  try {
    store->write([&](Transaction& tx) { tx.insert_session(other); });
    FAIL() << "expected Conflict";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "session_token");
  }
}

TEST_F(SqliteStoreTest, BlobRoundTripIsContentAddressedAndIdempotent) {
  std::string bytes = "%PDF-1.7 scanned id card\n";
  bytes.push_back('\0');
  bytes += "binary tail";
  BlobRecord first = store->put_blob(bytes, "application/pdf", 100);
  EXPECT_EQ(first.sha256, sha256_hex(bytes));
  EXPECT_EQ(first.size, static_cast<std::int64_t>(bytes.size()));
  std::filesystem::path path = store->blob_path(first.sha256);
  EXPECT_EQ(path, dir.path() / "blobs" / first.sha256.substr(0, 2) / first.sha256);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(*store->read_blob(first.sha256), bytes);

  BlobRecord again = store->put_blob(bytes, "image/png", 200);
  EXPECT_EQ(again.sha256, first.sha256);
  EXPECT_EQ(again.media_type, "application/pdf");
  EXPECT_EQ(again.created_at_ms, 100);
  EXPECT_EQ(store->counts(0).blobs, 1);
  EXPECT_EQ(store->counts(0).blob_bytes, first.size);

  std::string unknown = sha256_hex("never stored");
  EXPECT_FALSE(store->find_blob(unknown));
  EXPECT_FALSE(store->read_blob(unknown));
  EXPECT_THROW(store->blob_path("../../etc/passwd"), std::invalid_argument);
  EXPECT_THROW(store->put_blob(bytes, "", 1), std::invalid_argument);
}

TEST_F(SqliteStoreTest, CasesGetSequentialNodeIdsAndRoundTrip) {
  domain::Case input = sample_case("u1");
  input.clock.started_on = domain::parse_date("2026-02-26");
  input.clock.legal_due = domain::parse_date("2026-03-26");
  input.clock.paused_working_days = 2;
  input.delivery_method = "post";
  CaseInsertion made = store->transact([&](Transaction& tx) { return tx.insert_case(input, std::nullopt); });
  EXPECT_TRUE(made.created);
  EXPECT_EQ(made.kase.id, "JM-2026-000001");
  EXPECT_EQ(made.kase.version, 1);
  EXPECT_EQ(add_case("u1").id, "JM-2026-000002");

  auto stored = store->find_case("JM-2026-000001");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->form_json, input.form_json);
  ASSERT_EQ(stored->materials.size(), 1u);
  EXPECT_EQ(stored->materials[0].material_id, "id_card");
  EXPECT_EQ(stored->materials[0].blob_sha256, input.materials[0].blob_sha256);
  EXPECT_EQ(stored->mode, domain::HandlingMode::remote_intake);
  EXPECT_EQ(stored->channel, domain::Channel::window);
  EXPECT_EQ(stored->clock.started_on, input.clock.started_on);
  EXPECT_EQ(stored->clock.legal_due, input.clock.legal_due);
  EXPECT_FALSE(stored->clock.paused_on);
  EXPECT_EQ(stored->clock.paused_working_days, 2);
  EXPECT_EQ(stored->delivery_method, "post");
  EXPECT_FALSE(store->find_case("JM-2026-999999"));
}

TEST_F(SqliteStoreTest, IdempotencyKeyReturnsTheFirstCaseAndItsFingerprint) {
  auto create = [&](const std::string& fingerprint) {
    return store->transact([&](Transaction& tx) {
      return tx.insert_case(sample_case("u1"), IdempotencyKey{"key-1", fingerprint});
    });
  };
  CaseInsertion first = create("fp-A");
  CaseInsertion retry = create("fp-A");
  CaseInsertion reused = create("fp-B");
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(retry.created);
  EXPECT_EQ(retry.kase.id, first.kase.id);
  EXPECT_EQ(retry.stored_fingerprint, "fp-A");
  EXPECT_FALSE(reused.created);
  EXPECT_EQ(reused.stored_fingerprint, "fp-A");
  EXPECT_EQ(store->counts(0).cases, 1);
  // The same key of another applicant is another case.
  CaseInsertion other = store->transact([&](Transaction& tx) {
    return tx.insert_case(sample_case("u2"), IdempotencyKey{"key-1", "fp-A"});
  });
  EXPECT_TRUE(other.created);
  EXPECT_NE(other.kase.id, first.kase.id);
  EXPECT_EQ(store->find_idempotent_case("u1", "key-1")->kase.id, first.kase.id);
}

TEST_F(SqliteStoreTest, SixteenThreadsRacingWithOneKeyMakeExactlyOneCase) {
  std::vector<std::string> ids(16);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    threads.emplace_back([&, i] {
      ids[i] = store->transact([](Transaction& tx) {
        return tx.insert_case(sample_case("u1"), IdempotencyKey{"race", "fp"}).kase.id;
      });
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
  EXPECT_EQ(store->counts(0).cases, 1);
}

TEST_F(SqliteStoreTest, StaleVersionIsAVersionConflictAndChangesNothing) {
  domain::Case kase = add_case("u1");
  domain::Case accepted = kase;
  accepted.state = domain::CaseState::accepted;
  accepted.updated_at_ms += 10;
  domain::Case stored = store->transact([&](Transaction& tx) { return tx.update_case(accepted, 1); });
  EXPECT_EQ(stored.version, 2);

  domain::Case stale = kase;
  stale.state = domain::CaseState::withdrawn;
  stale.result_note = "should not be written";
  try {
    store->write([&](Transaction& tx) { tx.update_case(stale, 1); });
    FAIL() << "expected VersionConflict";
  } catch (const VersionConflict& conflict) {
    EXPECT_EQ(conflict.expected(), 1);
    EXPECT_EQ(conflict.actual(), 2);
  }
  auto now = store->find_case(kase.id);
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(now->state, domain::CaseState::accepted);
  EXPECT_EQ(now->result_note, "");

  domain::Case ghost = kase;
  ghost.id = "JM-2026-000099";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.update_case(ghost, 1); }), NotFound);
}

TEST_F(SqliteStoreTest, ReadModifyWriteInsideOneJobSeesItsOwnWrites) {
  std::string id = store->transact([](Transaction& tx) {
    domain::Case kase = tx.insert_case(sample_case("u1"), std::nullopt).kase;
    auto reread = tx.find_case(kase.id);
    reread->state = domain::CaseState::submitted;
    return tx.update_case(*reread, reread->version).id;
  });
  EXPECT_EQ(store->find_case(id)->state, domain::CaseState::submitted);
  EXPECT_EQ(store->find_case(id)->version, 2);
}

TEST_F(SqliteStoreTest, ListCasesFiltersAndPagesInCreationOrder) {
  std::vector<std::string> mine;
  for (int i = 0; i < 7; ++i) {
    mine.push_back(add_case("u1").id);
    add_case("u2");
  }
  std::vector<std::string> seen;
  CaseFilter filter;
  filter.applicant_id = "u1";
  filter.limit = 3;
  int pages = 0;
  do {
    CasePage page = store->list_cases(filter);
    for (const auto& kase : page.cases) seen.push_back(kase.id);
    filter.after = page.next_cursor;
    ++pages;
  } while (!filter.after.empty() && pages < 10);
  EXPECT_EQ(seen, mine);
  EXPECT_EQ(pages, 3);

  domain::Case one = *store->find_case(mine[3]);
  one.state = domain::CaseState::accepted;
  store->write([&](Transaction& tx) { tx.update_case(one, 1); });
  CaseFilter accepted;
  accepted.states = {domain::CaseState::accepted, domain::CaseState::approved};
  CasePage page = store->list_cases(accepted);
  ASSERT_EQ(page.cases.size(), 1u);
  EXPECT_EQ(page.cases[0].id, mine[3]);
  EXPECT_TRUE(page.next_cursor.empty());

  CaseFilter bad;
  bad.after = "garbage";
  EXPECT_THROW(store->list_cases(bad), std::invalid_argument);
}

TEST_F(SqliteStoreTest, EventsFormOneChainInSequenceOrder) {
  std::string a = add_case("u1").id;
  std::string b = add_case("u2").id;
  EXPECT_EQ(store->chain_head().sequence, 0);
  EXPECT_EQ(store->chain_head().hash, std::string(64, '0'));
  for (const auto& entry : {std::pair{a, "one"}, {b, "two"}, {a, "three"}}) {
    store->write([&](Transaction& tx) { tx.seal_and_append(event_for(entry.first, entry.second), test_seal); });
  }
  auto of_a = store->list_events(a);
  ASSERT_EQ(of_a.size(), 2u);
  EXPECT_EQ(of_a[0].note, "one");
  EXPECT_EQ(of_a[1].note, "three");
  EXPECT_EQ(of_a[1].sequence, 3);

  std::vector<domain::Event> all;
  store->for_each_event([&](const domain::Event& event) {
    all.push_back(event);
    return true;
  });
  ASSERT_EQ(all.size(), 3u);
  std::string prev(64, '0');
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(all[i].prev_hash, prev);
    domain::Event recomputed = all[i];
    test_seal(recomputed, prev);
    EXPECT_EQ(all[i].hash, recomputed.hash);
    prev = all[i].hash;
  }
  EXPECT_EQ(store->chain_head().hash, prev);

  domain::Event forged = event_for(a, "forged");
  forged.sequence = 4;
  forged.prev_hash = std::string(64, '0');
  forged.hash = std::string(64, 'f');
  try {
    store->write([&](Transaction& tx) { tx.append_event(forged); });
    FAIL() << "expected Conflict";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "event_chain");
  }
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.seal_and_append(event_for("JM-0000-000000", "x"), test_seal); }),
               NotFound);
  EXPECT_EQ(store->counts(0).events, 3);
}

TEST_F(SqliteStoreTest, ChainSealedWithTheDomainSealVerifiesAndAnEditedRowIsCaught) {
  std::string id = add_case("u1").id;
  for (const char* note : {"one", "two", "three"}) {
    store->write([&](Transaction& tx) { tx.seal_and_append(event_for(id, note), domain::seal); });
  }
  domain::ChainVerifier verifier;
  std::optional<domain::ChainBreak> found;
  store->for_each_event([&](const domain::Event& event) {
    found = verifier.feed(event);
    return !found;
  });
  if (!found) found = verifier.finish();
  EXPECT_FALSE(found) << found->reason << " at " << found->sequence;
  EXPECT_EQ(verifier.head().hash, store->chain_head().hash);

  // The chain read back is what the verifier needs to detect tampering: change a note, keep the stored hash.
  std::vector<domain::Event> events = store->list_events(id);
  events[1].note = "edited";
  auto result = domain::ChainVerifier();
  std::optional<domain::ChainBreak> edited;
  for (const auto& event : events) {
    if (!edited) edited = result.feed(event);
  }
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->reason, "altered");
  EXPECT_EQ(edited->sequence, 2);
}

TEST_F(SqliteStoreTest, CurrentCatalogIsTheLatestVersionAndCalendarsAreReplaced) {
  EXPECT_FALSE(store->current_catalog());
  store->write([](Transaction& tx) {
    tx.put_catalog({0, 1, "data/catalog.toml", "toml", "version = 1"});
    tx.put_catalog({0, 2, "data/catalog.toml", "toml", "version = 2"});
    tx.put_calendar({"MO", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", 1});
    tx.put_calendar({"MO", "BEGIN:VCALENDAR\nX-V:2\nEND:VCALENDAR\n", 2});
    tx.put_calendar({"CN-GD-JM", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", 1});
  });
  auto catalog = store->current_catalog();
  ASSERT_TRUE(catalog);
  EXPECT_EQ(catalog->id, 2);
  EXPECT_EQ(catalog->content, "version = 2");
  EXPECT_EQ(store->find_calendar("MO")->updated_at_ms, 2);
  EXPECT_EQ(store->list_calendars().size(), 2u);
  EXPECT_FALSE(store->find_calendar("HK"));
  EXPECT_THROW(store->write([](Transaction& tx) {
    tx.put_catalog({0, 3, "x", "yaml", "a: 1"});
  }),
               std::invalid_argument);
  EXPECT_EQ(store->current_catalog()->id, 2);
}

TEST_F(SqliteStoreTest, ReopenKeepsEverythingAndContinuesTheCaseCounter) {
  add_account("u1", "a@example.mo");
  std::string first = add_case("u1").id;
  store->write([&](Transaction& tx) { tx.seal_and_append(event_for(first, "one"), test_seal); });
  BlobRecord blob = store->put_blob("scan", "image/jpeg", 5);
  store->close();
  EXPECT_THROW(store->write([](Transaction&) {}), StoreUnavailable);
  store.reset();

  store = open_store(dir.path());
  EXPECT_TRUE(store->find_account_by_login("a@example.mo"));
  EXPECT_TRUE(store->find_case(first));
  EXPECT_EQ(store->list_events(first).size(), 1u);
  EXPECT_EQ(*store->read_blob(blob.sha256), "scan");
  EXPECT_EQ(add_case("u1").id, "JM-2026-000002");
  store->write([&](Transaction& tx) { tx.seal_and_append(event_for(first, "two"), test_seal); });
  EXPECT_EQ(store->chain_head().sequence, 2);
}

}  // namespace
}  // namespace tongban::store
