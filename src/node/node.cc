#include "node/node.h"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "calendar/ics_calendar.h"
#include "calendar/ics_writer.h"
#include "catalog/catalog_validation.h"
#include "catalog/catalog_writer.h"
#include "store/open_store.h"
#include "store/private_files.h"

namespace tongban::node {
namespace {

namespace fs = std::filesystem;

domain::Catalog load_valid_catalog(const fs::path& root) {
  auto loaded = catalog::load_catalog(root);
  if (!loaded.ok()) {
    std::string message =
        "the catalog at " + root.string() + " has " + std::to_string(loaded.errors.size()) + " error(s):";
    std::size_t shown = 0;
    for (const auto& error : loaded.errors) {
      if (++shown > 20) break;
      message += "\n  " + catalog::to_string(error);
    }
    throw std::runtime_error(message);
  }
  return std::move(loaded.catalog);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Copies the tree to a fresh sibling folder, then swaps it in with renames, so a reader never sees half a catalog.
void replace_tree(const fs::path& source, const fs::path& target) {
  fs::path staging = target;
  staging += ".new";
  fs::path old = target;
  old += ".old";
  fs::remove_all(staging);
  fs::remove_all(old);
  fs::copy(source, staging, fs::copy_options::recursive);
  if (fs::exists(target)) fs::rename(target, old);
  fs::rename(staging, target);
  fs::remove_all(old);
}

}  // namespace

Node::Node(NodeConfig config, std::unique_ptr<store::Store> store)
    : config_(std::move(config)), store_(std::move(store)), notifier_(std::make_unique<Notifier>(*this)) {}

std::unique_ptr<Node> Node::open(NodeConfig config, const Progress& progress) {
  auto say = [&](std::string_view text) {
    if (progress) progress(text);
  };
  if (config.data_dir.empty()) throw std::runtime_error("no data directory given (--data-dir)");
  store::store_kind(config.store);  // a mistyped --store is refused before anything is created
  store::make_private_directory(config.data_dir);
  store::StoreSettings settings;
  settings.location = config.store;
  settings.data_dir = config.data_dir;
  settings.node_code = config.node_code;
  if (store::store_kind(config.store) == store::StoreKind::sqlite) {
    say("opening the store in " + config.data_dir.string());
  } else {
    say("opening the store at " + store::redacted_location(config.store));
  }
  auto store = store::open_store(settings);
  std::unique_ptr<Node> node(new Node(std::move(config), std::move(store)));
  const NodeConfig& opened = node->config();

  fs::path live_catalog = opened.data_dir / "catalog";
  if (!fs::exists(live_catalog)) {
    if (opened.seed_dir.empty() || !fs::exists(opened.seed_dir / "catalog"))
      throw std::runtime_error("the data directory has no catalog and no seed folder was given (--seed-dir)");
    say("seeding the catalog from " + (opened.seed_dir / "catalog").string());
    node->install_catalog(opened.seed_dir / "catalog");
  } else {
    say("loading the catalog");
    node->load_catalog_tree(live_catalog);
  }
  if (node->store().list_calendars().empty() && !opened.seed_dir.empty() && fs::exists(opened.seed_dir / "calendars")) {
    for (const auto& entry : fs::directory_iterator(opened.seed_dir / "calendars")) {
      if (entry.path().extension() != ".ics") continue;
      say("importing calendar " + entry.path().filename().string());
      node->install_calendar(read_file(entry.path()), entry.path().filename().string());
    }
  }
  node->load_calendars(true);
  return node;
}

void Node::load_catalog_tree(const fs::path& root) {
  auto snapshot = std::make_shared<const CatalogSnapshot>(load_valid_catalog(root));
  std::lock_guard lock(mutex_);
  catalog_ = std::move(snapshot);
}

std::size_t Node::install_catalog(const fs::path& source) {
  domain::Catalog catalog = load_valid_catalog(source);
  auto snapshot = std::make_shared<const CatalogSnapshot>(std::move(catalog));
  store::CatalogVersion version;
  version.imported_at_ms = now_ms();
  version.source = fs::absolute(source).string();
  version.format = "json";
  version.content = boost::json::serialize(catalog::catalog_to_json(snapshot->catalog));
  replace_tree(source, config_.data_dir / "catalog");
  store_->write([&](store::Transaction& tx) { tx.put_catalog(version); });
  std::size_t count = snapshot->catalog.items.size();
  std::lock_guard lock(mutex_);
  catalog_ = std::move(snapshot);
  return count;
}

std::string Node::install_calendar(const std::string& ics_text, const std::string& source_name,
                                   std::vector<MovedDeadline>* moved) {
  domain::WorkingCalendar parsed = calendar::parse_ics(ics_text, source_name);
  const std::string jurisdiction = parsed.jurisdiction();
  const std::int64_t now = now_ms();
  // One import at a time: the calendar read here is the one the new file updates.
  std::lock_guard install_lock(install_mutex_);
  const auto held = calendar(jurisdiction);
  auto installed = std::make_shared<const domain::WorkingCalendar>(held ? held->updated_with(parsed) : parsed);
  const bool whole = installed->covered_years() == parsed.covered_years();
  // The file as given when it describes the whole calendar, else the combined calendar written out.
  store::CalendarRecord record{jurisdiction, whole ? ics_text : calendar::write_ics(*installed, now), now};
  std::vector<MovedDeadline> recounted = store_->transact([&](store::Transaction& tx) {
    tx.put_calendar(record);
    if (!held) return std::vector<MovedDeadline>{};
    return recompute_open_deadlines(tx, config_.jurisdiction, jurisdiction, *held, *installed, now);
  });
  {
    std::lock_guard lock(mutex_);
    calendars_[jurisdiction] = std::move(installed);
    calendar_versions_[jurisdiction] = record.updated_at_ms;
  }
  if (moved) *moved = std::move(recounted);
  return jurisdiction;
}

void Node::load_calendars(bool at_open) const {
  std::vector<store::CalendarRecord> stored = store_->list_calendars();  // outside the lock: a database read
  // The stored calendars whose version is not the one held, with the version held when they were compared (0: none).
  std::vector<std::pair<store::CalendarRecord, std::int64_t>> changed;
  {
    std::lock_guard lock(mutex_);
    for (auto& record : stored) {
      auto held = calendar_versions_.find(record.jurisdiction);
      std::int64_t held_version = held == calendar_versions_.end() ? 0 : held->second;
      if (held_version != record.updated_at_ms) changed.emplace_back(std::move(record), held_version);
    }
  }
  for (const auto& [record, compared_with] : changed) {
    std::shared_ptr<const domain::WorkingCalendar> parsed;
    try {
      parsed = std::make_shared<const domain::WorkingCalendar>(
          calendar::parse_ics(record.ics, "stored " + record.jurisdiction));
    } catch (const std::exception&) {
      if (at_open) throw;
      continue;  // the import that stored it checked it; keep the calendar held rather than none
    }
    std::lock_guard lock(mutex_);
    // An install_calendar in this process since the comparison holds a newer calendar than the one read: keep it.
    auto held = calendar_versions_.find(record.jurisdiction);
    if ((held == calendar_versions_.end() ? 0 : held->second) != compared_with) continue;
    calendars_[record.jurisdiction] = std::move(parsed);
    calendar_versions_[record.jurisdiction] = record.updated_at_ms;
  }
}

void Node::refresh_calendars_if_due() const {
  if (config_.calendar_refresh_ms < 0) return;
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
  std::int64_t due = next_calendar_check_ms_.load();
  if (now < due || !next_calendar_check_ms_.compare_exchange_strong(due, now + config_.calendar_refresh_ms)) return;
  load_calendars(false);
}

std::shared_ptr<const CatalogSnapshot> Node::catalog() const {
  std::lock_guard lock(mutex_);
  return catalog_;
}

int Node::utc_offset_minutes(std::string_view jurisdiction) const {
  auto snapshot = catalog();
  const auto* found = snapshot ? snapshot->catalog.find_jurisdiction(jurisdiction) : nullptr;
  return found ? found->utc_offset_minutes : 480;
}

std::shared_ptr<const domain::WorkingCalendar> Node::calendar(std::string_view jurisdiction) const {
  refresh_calendars_if_due();
  std::lock_guard lock(mutex_);
  auto it = calendars_.find(jurisdiction);
  return it == calendars_.end() ? nullptr : it->second;
}

std::vector<std::string> Node::calendar_jurisdictions() const {
  refresh_calendars_if_due();
  std::lock_guard lock(mutex_);
  std::vector<std::string> codes;
  for (const auto& [code, calendar] : calendars_) codes.push_back(code);
  return codes;
}

std::int64_t Node::now_ms() const {
  if (clock_) return clock_();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Node::network_node_id() const {
  if (RegionPort* port = region()) return port->network_node_id();
  return config_.jurisdiction;
}

}  // namespace tongban::node
