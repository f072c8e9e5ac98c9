// Node: one jurisdiction's running tongban node — its configuration, its store, the catalog it serves with the
// search index over it, and the working-day calendars of the jurisdictions it counts deadlines for.
//
// Ownership: the Node owns the Store. The catalog is held as an immutable CatalogSnapshot behind a shared_ptr that
// is swapped whole when a new catalog is installed, so a request keeps the snapshot it started with. Calendars are
// read from the store at open and updated year by year by install_calendar. All public functions are thread-safe.
//
// On open, an empty data directory is seeded: the catalog tree from <seed_dir>/catalog is validated and copied to
// <data_dir>/catalog, and the calendars under <seed_dir>/calendars are imported into the store.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "accounts/sign_in_throttle.h"
#include "catalog/field_patterns.h"
#include "catalog/item_documents.h"
#include "domain/catalog.h"
#include "domain/working_calendar.h"
#include "node/case_change.h"
#include "node/certificate_port.h"
#include "node/deadline_recompute.h"
#include "node/notifier.h"
#include "node/region_port.h"
#include "search/catalog_index.h"
#include "store/store.h"

namespace tongban::node {

struct NodeConfig {
  std::string node_code = "JM";           // prefix of case ids, e.g. JM-2026-000001
  std::string jurisdiction = "CN-GD-JM";  // the jurisdiction this node serves
  std::filesystem::path data_dir;         // SQLite file, blobs, the live catalog tree
  std::string store;                      // "" (SQLite in data_dir) or a postgres:// URL (store/open_store.h)
  std::filesystem::path seed_dir;         // shipped data/ (catalog/, calendars/) used to seed an empty node
  std::int64_t session_ttl_ms = 12LL * 3600 * 1000;
  std::size_t blob_limit = std::size_t{10} * 1024 * 1024;
  bool fast_password_hashing = false;      // tests only: Argon2id at its minimum cost
  int password_hashing_threads = 2;        // Argon2id runs at once (each 64 MiB at the interactive cost)
  std::size_t password_hashing_queue = 8;  // waiting beyond the threads; more is answered 429
  accounts::SignInThrottlePolicy sign_in_throttle;
  int due_soon_working_days = 3;
  std::int64_t kiosk_idle_ms = 120'000;  // a kiosk visit ends after this long without a touch (docs/kiosk.md)
  // How often the node looks for calendars stored by another process (`tongban calendar import` while it runs,
  // another instance on the same PostgreSQL database): 0 = at every use, negative = never.
  std::int64_t calendar_refresh_ms = 30'000;
};

// What a request needs of the catalog, all made once when the catalog is installed or loaded and only read after:
// the catalog, its search index, its compiled form-field patterns, its items' JSON documents.
struct CatalogSnapshot {
  domain::Catalog catalog;
  search::CatalogIndex index;
  catalog::FieldPatterns patterns;
  catalog::ItemDocuments documents;
  explicit CatalogSnapshot(domain::Catalog c)
      : catalog(std::move(c)), index(catalog), patterns(catalog), documents(catalog) {}
  CatalogSnapshot(const CatalogSnapshot&) = delete;  // the index points into `catalog`
  CatalogSnapshot& operator=(const CatalogSnapshot&) = delete;
};

class Node {
 public:
  using Progress = std::function<void(std::string_view)>;
  // Opens (and seeds, if empty) the node. Throws std::runtime_error with a clear message on failure.
  static std::unique_ptr<Node> open(NodeConfig config, const Progress& progress = {});

  const NodeConfig& config() const { return config_; }
  store::Store& store() { return *store_; }
  std::shared_ptr<const CatalogSnapshot> catalog() const;
  // The calendar of a jurisdiction, or nullptr when none was imported. A calendar another process stored is seen
  // within NodeConfig::calendar_refresh_ms.
  std::shared_ptr<const domain::WorkingCalendar> calendar(std::string_view jurisdiction) const;
  std::vector<std::string> calendar_jurisdictions() const;
  // The jurisdiction's UTC offset in the served catalog (480, UTC+8, when the catalog does not know it).
  int utc_offset_minutes(std::string_view jurisdiction) const;

  // Validates the catalog tree at `source`, copies it to <data_dir>/catalog, records the version, swaps it in.
  // Returns the number of items. Throws std::runtime_error listing the errors when invalid (nothing changes).
  std::size_t install_catalog(const std::filesystem::path& source);
  // Parses the .ics text and installs it for its jurisdiction: the years it lists replace those years of the
  // calendar held so far (an official notice replaces a provisional year), the other years are kept. In the same
  // store transaction the open cases of that jurisdiction whose due dates move are recounted, each with a timeline
  // event (node/deadline_recompute.h). Returns the jurisdiction; `moved` (optional) receives the cases that moved.
  // Throws calendar::CalendarImportError on a bad file (nothing changes).
  std::string install_calendar(const std::string& ics_text, const std::string& source_name,
                               std::vector<MovedDeadline>* moved = nullptr);

  std::int64_t now_ms() const;
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

  // Cross-border handling (crossborder/cross_border.h) attaches itself here; nullptr detaches. The listener is
  // borrowed: detach it before destroying it. Federation off = no listener.
  void set_case_listener(CaseChangeListener* listener) { case_listener_.store(listener); }
  CaseChangeListener* case_listener() const { return case_listener_.load(); }
  // E-certificates (node/certificate_port.h): certificates::CertificateService attaches itself when federation is
  // on; nullptr = none. Borrowed, like the case listener.
  void set_certificates(CertificatePort* port) { certificates_.store(port); }
  CertificatePort* certificates() const { return certificates_.load(); }
  // The region's exchange (node/region_port.h): region::RegionExchange attaches itself when federation is on;
  // nullptr = none. Borrowed, like the case listener.
  void set_region(RegionPort* port) { region_.store(port); }
  RegionPort* region() const { return region_.load(); }
  // This node's id on the network: the region port's when one is attached, else the jurisdiction.
  std::string network_node_id() const;

  // Notifications (node/notifier.h): every part that tells the applicant something records it here, inside its
  // store transaction. Always present; the sender (notify/) attaches to it in a running node.
  Notifier& notifier() { return *notifier_; }

 private:
  Node(NodeConfig config, std::unique_ptr<store::Store> store);
  void load_catalog_tree(const std::filesystem::path& root);
  // Reads the calendars the store holds and parses those whose stored version (updated_at_ms) is not the one held.
  // At open a calendar that does not parse is an error; on a later refresh the calendar held so far stays.
  void load_calendars(bool at_open) const;
  void refresh_calendars_if_due() const;

  NodeConfig config_;
  std::unique_ptr<store::Store> store_;
  mutable std::mutex mutex_;
  std::mutex install_mutex_;  // serialises install_calendar (read, combine, store, swap)
  std::shared_ptr<const CatalogSnapshot> catalog_;
  // The store's calendars as last read, with the updated_at_ms each was read at (guarded by mutex_; refreshed from
  // const readers, hence mutable).
  mutable std::map<std::string, std::shared_ptr<const domain::WorkingCalendar>, std::less<>> calendars_;
  mutable std::map<std::string, std::int64_t, std::less<>> calendar_versions_;
  mutable std::atomic<std::int64_t> next_calendar_check_ms_{0};  // steady clock
  std::function<std::int64_t()> clock_;
  std::atomic<CaseChangeListener*> case_listener_{nullptr};
  std::atomic<CertificatePort*> certificates_{nullptr};
  std::atomic<RegionPort*> region_{nullptr};
  std::unique_ptr<Notifier> notifier_;
};

}  // namespace tongban::node
