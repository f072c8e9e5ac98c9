// Schema version 5: kiosks (found by id and by key hash, unique key, updated, listed) and the kiosk PINs of accounts.
#include <gtest/gtest.h>

#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::TempDir;

KioskRecord sample_kiosk(const std::string& id, const std::string& key_hash) {
  KioskRecord kiosk;
  kiosk.id = id;
  kiosk.service_point = "JM-WIN-CITY";
  kiosk.name = "Hall A";
  kiosk.key_hash = key_hash;
  kiosk.created_at_ms = 1767225600000;
  return kiosk;
}

TEST(KioskStore, KiosksAreFoundByIdAndKeyHashAndAKeyIsUnique) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([](Transaction& tx) { tx.insert_kiosk(sample_kiosk("KIOSK-JM-WIN-CITY-1", std::string(64, 'a'))); });
  EXPECT_EQ(store->find_kiosk("KIOSK-JM-WIN-CITY-1")->key_hash, std::string(64, 'a'));
  EXPECT_EQ(store->find_kiosk_by_key(std::string(64, 'a'))->id, "KIOSK-JM-WIN-CITY-1");
  EXPECT_FALSE(store->find_kiosk_by_key(std::string(64, 'b')));
  try {
    store->write([](Transaction& tx) { tx.insert_kiosk(sample_kiosk("KIOSK-JM-WIN-CITY-2", std::string(64, 'a'))); });
    FAIL() << "a second kiosk with the same key";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "kiosk_key");
  }
  EXPECT_EQ(store->list_kiosks().size(), 1u);

  auto kiosk = *store->find_kiosk("KIOSK-JM-WIN-CITY-1");
  kiosk.enrolled_at_ms = 1767225700000;
  kiosk.revoked = true;
  store->write([&](Transaction& tx) { tx.update_kiosk(kiosk); });
  store.reset();
  auto reopened = open_store(dir.path());
  auto stored = reopened->find_kiosk("KIOSK-JM-WIN-CITY-1");
  EXPECT_EQ(stored->enrolled_at_ms, 1767225700000);
  EXPECT_TRUE(stored->revoked);
  EXPECT_THROW(reopened->write([](Transaction& tx) { tx.update_kiosk(sample_kiosk("NO-SUCH", "x")); }), NotFound);
}

TEST(KioskStore, APinBelongsToAnExistingAccountAndIsReplaced) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([](Transaction& tx) { tx.insert_account(sample_account("ap_1", "a@example.org")); });
  EXPECT_FALSE(store->find_kiosk_pin("ap_1"));
  store->write([](Transaction& tx) { tx.put_kiosk_pin("ap_1", "$argon2id$first", 1); });
  store->write([](Transaction& tx) { tx.put_kiosk_pin("ap_1", "$argon2id$second", 2); });
  EXPECT_EQ(store->find_kiosk_pin("ap_1"), "$argon2id$second");
  EXPECT_THROW(store->write([](Transaction& tx) { tx.put_kiosk_pin("ap_none", "$argon2id$x", 3); }), NotFound);
}

}  // namespace
}  // namespace tongban::store
