// Backup archives (store/backup_archive.h): a round trip restores every record, blob and file byte for byte; every
// kind of damage to the archive is refused before anything reaches the target; bad paths are refused; a backup
// taken while another connection keeps committing is one consistent snapshot.
#include "store/backup_archive.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "domain/audit_chain.h"
#include "store/blob_directory.h"
#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_connection.h"
#include "temp_store.h"

namespace tongban::store {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void write_bytes(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 0777;
}

domain::Event event_for(const std::string& case_id, std::string note, std::int64_t at_ms) {
  domain::Event event;
  event.case_id = case_id;
  event.actor_id = "clerk-1";
  event.actor_role = domain::Role::clerk;
  event.action = domain::CaseAction::submit;
  event.from_state = domain::CaseState::draft;
  event.to_state = domain::CaseState::submitted;
  event.note = std::move(note);
  event.at_ms = at_ms;
  return event;
}

// Adds a case with one sealed event and a blob of its own.
std::string add_case_with_blob(Store& store, int n) {
  auto blob = store.put_blob("%PDF-1.4 scan number " + std::to_string(n), "application/pdf", 1772000000000 + n);
  auto kase = testing::sample_case("A1");
  kase.materials = {{"id_card", blob.sha256}};
  std::string id;
  store.write([&](Transaction& tx) {
    id = tx.insert_case(kase, std::nullopt).kase.id;
    tx.seal_and_append(event_for(id, "case " + std::to_string(n), 1772000000000 + n), domain::seal);
  });
  return id;
}

// Where an entry's data starts in a ustar archive, and its size (found by walking the headers).
struct Located {
  std::size_t header = 0;
  std::size_t data = 0;
  std::size_t size = 0;
};

Located locate(const std::string& archive, std::string_view name) {
  for (std::size_t at = 0; at + 512 <= archive.size();) {
    std::string entry_name(archive.data() + at, strnlen(archive.data() + at, 100));
    std::string prefix(archive.data() + at + 345, strnlen(archive.data() + at + 345, 155));
    if (!prefix.empty()) entry_name = prefix + "/" + entry_name;
    if (entry_name.empty()) break;
    std::size_t size = std::stoull(std::string(archive.data() + at + 124, 11), nullptr, 8);
    if (entry_name == name) return {at, at + 512, size};
    at += 512 + (size + 511) / 512 * 512;
  }
  ADD_FAILURE() << "no entry " << name;
  return {};
}

class BackupArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() / "data";
    auto store = testing::open_store(data_);
    store->write([](Transaction& tx) { tx.insert_account(testing::sample_account("A1", "chan@example.mo")); });
    for (int n = 0; n < 5; ++n) case_ids_.push_back(add_case_with_blob(*store, n));
    head_ = store->chain_head();
    store->close();
    write_bytes(data_ / "web-secret.key", std::string(32, '\x07'));
    write_bytes(data_ / "ratings.jsonl", "{\"case\":\"JM-1\",\"level\":5}\n{\"case\":\"JM-2\",\"le");  // being appended
    fs::create_directories(data_ / "catalog" / "CN-GD-JM");
    write_bytes(data_ / "catalog" / "CN-GD-JM" / "items.toml", "[item]\ncode = \"JM-CA-006\"\n");
    archive_ = dir_.path() / "node.tar";
  }

  BackupResult backup() {
    BackupOptions options;
    options.data_dir = data_;
    options.out = archive_;
    options.tongban_version = "0.1.0";
    options.now_ms = 1796150192000;
    return write_backup(options);
  }

  RestoreResult restore(const fs::path& target, bool replace = false) {
    RestoreOptions options;
    options.archive = archive_;
    options.data_dir = target;
    options.replace = replace;
    options.now_ms = 1796150192000;
    return restore_backup(options);
  }

  // The archive with `change` applied must be refused as damaged, leaving no target and no staging directory.
  void expect_refused(const std::function<void(std::string&)>& change, const std::string& why) {
    SCOPED_TRACE(why);
    std::string bytes = read_bytes(archive_);
    change(bytes);
    write_bytes(archive_, bytes);
    const fs::path target = dir_.path() / "restored";
    try {
      restore(target);
      ADD_FAILURE() << "restored a damaged archive";
    } catch (const ArchiveDamaged& refused) {
      std::cerr << "  refused (" << why << "): " << refused.what() << "\n";
    }
    EXPECT_FALSE(fs::exists(target));
    for (const auto& entry : fs::directory_iterator(dir_.path()))
      EXPECT_EQ(entry.path().filename().string().find(".restoring-"), std::string::npos) << entry.path();
  }

  TempDir dir_;
  fs::path data_, archive_;
  std::vector<std::string> case_ids_;
  ChainHead head_;
};

TEST_F(BackupArchive, RoundTripRestoresEveryRecordBlobAndFileByteForByte) {
  const mode_t old_mask = ::umask(0);  // private whatever the umask
  auto written = backup();
  ::umask(old_mask);
  EXPECT_EQ(mode_of(archive_), 0600u);
  EXPECT_EQ(written.manifest.node_id, "JM");
  EXPECT_EQ(written.manifest.schema_version, sql::latest_schema_version());
  EXPECT_EQ(written.manifest.cases, 5);
  EXPECT_EQ(written.manifest.blobs, 5);
  EXPECT_EQ(written.manifest.audit_head.sequence, head_.sequence);
  EXPECT_EQ(written.manifest.audit_head.hash, head_.hash);

  const fs::path target = dir_.path() / "restored";
  auto restored = restore(target);
  EXPECT_EQ(restored.database.integrity, "ok");
  EXPECT_FALSE(restored.database.chain_break);
  EXPECT_EQ(restored.database.events, 5);
  EXPECT_EQ(mode_of(target), 0700u);
  EXPECT_EQ(mode_of(target / "tongban.db"), 0600u);
  EXPECT_EQ(read_bytes(target / "web-secret.key"), std::string(32, '\x07'));
  EXPECT_EQ(read_bytes(target / "ratings.jsonl"), "{\"case\":\"JM-1\",\"level\":5}\n");  // the complete lines
  EXPECT_EQ(read_bytes(target / "catalog/CN-GD-JM/items.toml"), "[item]\ncode = \"JM-CA-006\"\n");

  auto original = testing::open_store(data_);
  auto copy = testing::open_store(target);
  for (const auto& id : case_ids_) {
    auto a = original->find_case(id);
    auto b = copy->find_case(id);
    ASSERT_TRUE(a && b) << id;
    EXPECT_EQ(a->version, b->version);
    EXPECT_EQ(a->form_json, b->form_json);
    ASSERT_EQ(b->materials.size(), 1u);
    EXPECT_EQ(copy->read_blob(b->materials[0].blob_sha256), original->read_blob(a->materials[0].blob_sha256));
    EXPECT_EQ(mode_of(BlobDirectory(target / "blobs").path_of(b->materials[0].blob_sha256)), 0600u);
  }
  EXPECT_EQ(copy->chain_head().hash, head_.hash);
  EXPECT_EQ(copy->find_account_by_id("A1")->login, "chan@example.mo");
}

TEST_F(BackupArchive, AFlippedByteInTheDatabaseIsRefused) {
  backup();
  expect_refused([](std::string& a) { a[locate(a, "tongban.db").data + 1000] ^= 0x01; }, "database byte");
}

TEST_F(BackupArchive, AFlippedByteInABlobIsRefused) {
  auto written = backup();
  const auto blob = blob_entry_path(written.manifest.entries.back().sha256);
  expect_refused([&](std::string& a) { a[locate(a, blob).data + 3] ^= 0x20; }, "blob byte");
}

TEST_F(BackupArchive, AFlippedByteInTheManifestIsRefused) {
  backup();
  expect_refused([](std::string& a) { a[locate(a, std::string(kManifestName)).data + 40] ^= 0x01; }, "manifest byte");
}

TEST_F(BackupArchive, AWrongManifestHashIsRefused) {
  backup();
  expect_refused(
      [](std::string& a) {
        auto hash = locate(a, std::string(kManifestHashName));
        a[hash.data] = a[hash.data] == '0' ? '1' : '0';
      },
      "manifest hash");
}

TEST_F(BackupArchive, AManifestReSealedWithAnAlteredEntryHashIsRefused) {
  backup();
  expect_refused(
      [](std::string& a) {  // a forger edits an entry's hash and recomputes the manifest's hash
        auto manifest = locate(a, std::string(kManifestName));
        std::string text = a.substr(manifest.data, manifest.size);
        auto at = text.find("\"sha256\":\"") + 10;
        text[at] = text[at] == 'a' ? 'b' : 'a';
        a.replace(manifest.data, manifest.size, text);
        auto hash = locate(a, std::string(kManifestHashName));
        a.replace(hash.data, hash.size, manifest_hash_line(text));
      },
      "re-sealed manifest");
}

TEST_F(BackupArchive, AFlippedByteInAHeaderPaddingOrEndMarkerIsRefused) {
  backup();
  const std::string pristine = read_bytes(archive_);
  expect_refused([](std::string& a) { a[locate(a, "web-secret.key").header + 140] ^= 0x01; }, "header mtime");
  write_bytes(archive_, pristine);
  expect_refused([](std::string& a) { a[locate(a, "tongban.db").header + 155] ^= 0x20; }, "checksum field's space");
  write_bytes(archive_, pristine);
  expect_refused([](std::string& a) { a[locate(a, "web-secret.key").data + 40] = 'x'; }, "padding");
  write_bytes(archive_, pristine);
  expect_refused([](std::string& a) { a[a.size() - 10] = 'x'; }, "end marker");
  write_bytes(archive_, pristine);
  expect_refused([](std::string& a) { a += "trailing"; }, "bytes after the end");
}

TEST_F(BackupArchive, ATruncatedArchiveIsRefusedWhereverItIsCut) {
  backup();
  const std::string pristine = read_bytes(archive_);
  for (std::size_t keep : {std::size_t{0}, std::size_t{100}, std::size_t{700}, pristine.size() / 2,
                           pristine.size() - 1024, pristine.size() - 1}) {
    write_bytes(archive_, pristine);
    expect_refused([keep](std::string& a) { a.resize(keep); }, "cut at " + std::to_string(keep));
  }
}

TEST_F(BackupArchive, AMissingEntryIsRefused) {
  auto written = backup();
  const auto blob = blob_entry_path(written.manifest.entries.back().sha256);
  expect_refused(
      [&](std::string& a) {
        auto entry = locate(a, blob);
        a.erase(entry.header, 512 + (entry.size + 511) / 512 * 512);
      },
      "missing blob entry");
}

TEST_F(BackupArchive, AnExtraEntryIsRefused) {
  backup();
  const fs::path extra_tar = dir_.path() / "extra.tar";
  {
    TarWriter extra(extra_tar);
    extra.begin_entry("blobs/evil", 5, 0);
    extra.write("extra");
    extra.end_entry();
    extra.finish();
  }
  const std::string entry = read_bytes(extra_tar).substr(0, 1024);
  expect_refused([&](std::string& a) { a.insert(a.size() - 1024, entry); }, "extra entry before the end");
}

// The archive is intact (every hash matches) but what it holds is not sound: an event edited in the node's
// database after it was sealed. Restore refuses it as damaged data and writes nothing.
TEST_F(BackupArchive, AnIntactArchiveOfATamperedAuditChainIsRefusedOnRestore) {
  {
    sqlite::Connection connection(data_ / "tongban.db", sqlite::Connection::Mode::read_write_create, 1000);
    connection.execute("UPDATE events SET note = 'rewritten later' WHERE sequence = 3");
  }
  backup();
  const fs::path target = dir_.path() / "restored";
  try {
    restore(target);
    ADD_FAILURE() << "restored a tampered chain";
  } catch (const RestoredDataDamaged& refused) {
    EXPECT_NE(std::string(refused.what()).find("event 3: altered"), std::string::npos) << refused.what();
  }
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(BackupArchive, ATargetThatExistsIsNeverWrittenInto) {
  backup();
  const fs::path target = dir_.path() / "existing";
  fs::create_directories(target);
  EXPECT_THROW(restore(target), BackupPathRefused);  // even empty, unless --replace
  write_bytes(target / "tongban.db", "live data");
  write_bytes(target / "tongban.db-wal", "wal");
  EXPECT_THROW(restore(target), BackupPathRefused);
  EXPECT_THROW(restore(target, true), BackupPathRefused);  // looks in use by a node
  EXPECT_EQ(read_bytes(target / "tongban.db"), "live data");
  EXPECT_THROW(restore(dir_.path() / "no-such-parent" / "data"), BackupPathRefused);
  EXPECT_FALSE(fs::exists(dir_.path() / "no-such-parent"));

  fs::remove(target / "tongban.db-wal");
  auto restored = restore(target, true);  // --replace moves the old directory aside, never deletes it
  ASSERT_FALSE(restored.moved_aside.empty());
  EXPECT_EQ(read_bytes(restored.moved_aside / "tongban.db"), "live data");
  EXPECT_EQ(restored.database.integrity, "ok");
}

TEST_F(BackupArchive, BadBackupPathsAreRefusedAndNothingIsWritten) {
  BackupOptions options;
  options.data_dir = dir_.path() / "nowhere";
  options.out = archive_;
  EXPECT_THROW(write_backup(options), BackupPathRefused);
  options.data_dir = data_;
  options.out = data_ / "inside.tar";
  EXPECT_THROW(write_backup(options), BackupPathRefused);
  options.out = dir_.path() / "no-such-dir" / "x.tar";
  EXPECT_THROW(write_backup(options), BackupPathRefused);
  write_bytes(archive_, "an older backup");
  options.out = archive_;
  EXPECT_THROW(write_backup(options), BackupPathRefused);
  EXPECT_EQ(read_bytes(archive_), "an older backup");
}

TEST_F(BackupArchive, ADamagedBlobInTheDataDirectoryFailsTheBackupAndLeavesNoFile) {
  auto store = testing::open_store(data_);
  auto kase = store->find_case(case_ids_.front());
  const fs::path blob = BlobDirectory(data_ / "blobs").path_of(kase->materials[0].blob_sha256);
  store->close();
  std::string bytes = read_bytes(blob);
  bytes[0] ^= 0x01;  // same size, other bytes: bit rot
  fs::permissions(blob, fs::perms::owner_read | fs::perms::owner_write);
  write_bytes(blob, bytes);
  EXPECT_THROW(backup(), SourceDamaged);
  EXPECT_FALSE(fs::exists(archive_));
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    EXPECT_NE(entry.path().filename().string().rfind(".node.tar", 0), 0u) << "left behind: " << entry.path();
}

// While another connection keeps committing cases, events and blobs, the archive is one snapshot: its database's
// chain ends exactly at the head the manifest recorded (restore checks it), and every blob its table names is in
// it. The database is made larger than one backup step (256 pages), and the first step's progress waits until the
// writer has committed more, so the copy spans commits.
TEST_F(BackupArchive, ABackupTakenWhileWritesContinueIsOneConsistentSnapshot) {
  auto store = testing::open_store(data_);
  auto fat = testing::sample_case("A1");
  fat.form_json = "{\"scan_notes\":\"" + std::string(3 << 20, 'n') + "\"}";
  store->write([&](Transaction& tx) { tx.insert_case(fat, std::nullopt); });
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int n = 100; !stop.load(); ++n) {
      add_case_with_blob(*store, n);
      ++written;
    }
  });
  while (written.load() < 20) std::this_thread::yield();
  BackupOptions options;
  options.data_dir = data_;
  options.out = archive_;
  options.now_ms = 1796150192000;
  bool waited = false;
  int steps = 0;
  options.progress = [&](const BackupProgress& progress) {
    if (progress.phase != BackupPhase::database) return;
    ++steps;
    if (waited) return;
    waited = true;
    const int target = written.load() + 5;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (written.load() < target && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  };
  auto result = write_backup(options);
  const int after_backup = written.load();
  while (written.load() < after_backup + 5) std::this_thread::yield();
  stop = true;
  writer.join();
  store->close();
  EXPECT_GT(steps, 1);

  auto restored = restore(dir_.path() / "restored");  // verifies chain == manifest head, blobs == table
  EXPECT_EQ(restored.database.audit_head.hash, result.manifest.audit_head.hash);
  EXPECT_GE(restored.database.events, 5 + 20);
  EXPECT_LT(restored.database.events, 5 + written.load());  // writes went on after the snapshot
}

}  // namespace
}  // namespace tongban::store
