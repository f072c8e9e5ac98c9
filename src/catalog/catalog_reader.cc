#include "catalog/catalog_reader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <optional>

#include "catalog/opening_hours.h"
#include "catalog/toml_cursor.h"

namespace tongban::catalog {
namespace {

namespace fs = std::filesystem;
using domain::Catalog;

constexpr std::string_view kModes = "online | remote_intake | delegated | joint";
constexpr std::string_view kChannels = "web | window | bank | post | kiosk | cabin";
constexpr std::string_view kApplicantKinds = "natural_person | legal_person";
constexpr std::string_view kPointKinds = "window | bank_branch | post_office | kiosk | cabin | partner_office";
constexpr std::string_view kDelivery = "post | window_pickup | electronic";
constexpr std::string_view kMaterialForms = "original | copy | original_and_copy | electronic";
constexpr std::string_view kFieldTypes =
    "text | number | date | choice | boolean | id_document | phone | email | address";
constexpr std::string_view kItemTypes =
    "licensing | confirmation | registration | payment | certification | public_service | other";
constexpr std::string_view kResultKinds =
    "certificate | licence | approval | registration | proof | payment_receipt | notice";
constexpr std::string_view kLanguages = "zh-Hans | zh-Hant | pt | en";
constexpr std::string_view kDocuments = "CN_RIC | CN_RP | HK_HKID | MO_BIR | CN_HMTP | CN_EEP | CN_USCC";

std::string code_in(const toml::table& table, std::string_view key = "code") {
  return table[key].value_or(std::string{});
}

std::vector<fs::path> sorted_entries(const fs::path& folder) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

domain::Fee read_fee(const TomlCursor& c) {
  c.allow_only({"name", "amount_minor", "currency"});
  domain::Fee fee;
  fee.name = c.localized("name");
  fee.amount_minor = c.whole("amount_minor");
  fee.currency = c.text("currency");
  return fee;
}

domain::Material read_material(const TomlCursor& c) {
  c.allow_only({"id", "name", "required", "form", "copies", "blank_form", "sample_form", "e_certificate"});
  domain::Material material;
  material.id = c.text("id");
  material.name = c.localized("name");
  material.required = c.flag("required", true);
  if (c.has("form")) {
    material.form = c.word("form", domain::parse_material_form, kMaterialForms, domain::MaterialForm::original);
  }
  material.copies = c.whole("copies", 1);
  material.blank_form = c.text("blank_form", Presence::optional);
  material.sample_form = c.text("sample_form", Presence::optional);
  material.e_certificate = c.text("e_certificate", Presence::optional);
  return material;
}

domain::FormField read_form_field(const TomlCursor& c) {
  c.allow_only({"id", "label", "type", "required", "min_length", "max_length", "min_value", "max_value", "pattern",
                "choices", "choice_labels", "crosses_border"});
  domain::FormField field;
  field.id = c.text("id");
  field.label = c.localized("label");
  field.type = c.word("type", domain::parse_field_type, kFieldTypes, domain::FieldType::text);
  field.required = c.flag("required", true);
  field.min_length = c.optional_whole("min_length");
  field.max_length = c.optional_whole("max_length");
  field.min_value = c.optional_number("min_value");
  field.max_value = c.optional_number("max_value");
  field.pattern = c.text("pattern", Presence::optional);
  field.choices = c.texts("choices", Presence::optional);
  if (c.has("choice_labels")) {
    if (const toml::table* labels = c.table("choice_labels")) {
      TomlCursor inner(*labels, c.sink(), c.path() + ".choice_labels");
      for (const auto& [key, unused] : *labels)
        field.choice_labels[std::string(key.str())] = inner.localized(key.str());
    }
  }
  field.crosses_border = c.flag("crosses_border", false);
  return field;
}

domain::ItemResult read_result(const TomlCursor& c) {
  c.allow_only({"name", "kind", "delivery", "e_certificate"});
  domain::ItemResult result;
  result.name = c.localized("name");
  result.kind = c.word("kind", domain::parse_result_kind, kResultKinds, domain::ResultKind::certificate);
  result.delivery = c.words<domain::DeliveryMethod>("delivery", domain::parse_delivery_method, kDelivery);
  result.e_certificate = c.flag("e_certificate", false);
  return result;
}

template <typename Element, typename ReadOne>
std::vector<Element> read_each(const TomlCursor& c, std::string_view key, ReadOne read_one) {
  std::vector<Element> elements;
  std::vector<const toml::table*> tables = c.tables(key);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    elements.push_back(read_one(TomlCursor(*tables[i], c.sink(), element_path(c.path(), key, i, ""))));
  }
  return elements;
}

domain::Item read_item(const TomlCursor& c, const std::string& jurisdiction) {
  c.allow_only({"code",        "basic_code",  "authority",       "type",          "name",
                "description", "legal_basis", "applicant_kinds", "legal_days",    "promised_days",
                "modes",       "channels",    "visits",          "standard_item", "life_events",
                "keywords",    "fees",        "materials",       "form",          "result"});
  domain::Item item;
  item.code = c.text("code");
  item.basic_code = c.text("basic_code");
  item.jurisdiction = jurisdiction;
  item.authority = c.text("authority");
  item.type = c.word("type", domain::parse_item_type, kItemTypes, domain::ItemType::other);
  item.name = c.localized("name");
  item.description = c.localized("description");
  item.legal_basis = c.localized("legal_basis");
  item.applicant_kinds =
      c.words<domain::ApplicantKind>("applicant_kinds", domain::parse_applicant_kind, kApplicantKinds);
  item.legal_days = c.whole("legal_days");
  item.promised_days = c.whole("promised_days");
  item.modes = c.words<domain::HandlingMode>("modes", domain::parse_handling_mode, kModes);
  item.channels = c.words<domain::Channel>("channels", domain::parse_channel, kChannels);
  item.visits = c.whole("visits", 0);
  item.standard_item = c.text("standard_item", Presence::optional);
  item.life_events = c.texts("life_events", Presence::optional);
  item.keywords = c.texts("keywords", Presence::optional);
  item.fees = read_each<domain::Fee>(c, "fees", read_fee);
  item.materials = read_each<domain::Material>(c, "materials", read_material);
  item.form = read_each<domain::FormField>(c, "form", read_form_field);
  if (const toml::table* result = c.table("result")) {
    item.result = read_result(TomlCursor(*result, c.sink(), c.path() + ".result"));
  }
  return item;
}

domain::Jurisdiction read_jurisdiction(const TomlCursor& c) {
  c.allow_only({"code", "name", "languages", "currency", "time_zone", "utc_offset_minutes", "accepted_documents"});
  domain::Jurisdiction jurisdiction;
  jurisdiction.code = c.text("code");
  jurisdiction.name = c.localized("name");
  jurisdiction.languages = c.words<domain::Language>("languages", domain::parse_language_tag, kLanguages);
  jurisdiction.currency = c.text("currency");
  jurisdiction.time_zone = c.text("time_zone");
  jurisdiction.utc_offset_minutes = c.whole("utc_offset_minutes", 480);
  jurisdiction.accepted_documents = c.words<domain::IdDocumentType>(
      "accepted_documents", domain::parse_id_document_type, kDocuments, Presence::optional);
  return jurisdiction;
}

domain::Authority read_authority(const TomlCursor& c, const std::string& jurisdiction) {
  c.allow_only({"code", "name"});
  return {c.text("code"), jurisdiction, c.localized("name")};
}

domain::ServicePoint read_service_point(const TomlCursor& c, const std::string& jurisdiction) {
  c.allow_only(
      {"code", "kind", "name", "address", "phone", "hours", "channels", "zones", "accepts_own_items", "items"});
  domain::ServicePoint point;
  point.code = c.text("code");
  point.jurisdiction = jurisdiction;
  point.kind = c.word("kind", domain::parse_service_point_kind, kPointKinds, domain::ServicePointKind::window);
  point.name = c.localized("name");
  point.address = c.localized("address");
  point.phone = c.text("phone", Presence::optional);
  for (const auto& [line, at] : c.text_nodes("hours", Presence::optional)) {
    if (auto problem = append_opening_hours(line, point.hours)) c.error("hours", *problem + ": \"" + line + "\"", at);
  }
  if (auto problem = check_opening_periods(point.hours)) c.error("hours", *problem);
  point.channels = c.words<domain::Channel>("channels", domain::parse_channel, kChannels);
  point.zones = c.texts("zones", Presence::optional);
  point.accepts_own_items = c.flag("accepts_own_items", true);
  point.items = c.texts("items", Presence::optional);
  return point;
}

domain::Zone read_zone(const TomlCursor& c) {
  c.allow_only({"code", "name", "owner_jurisdiction", "host_jurisdiction", "items"});
  domain::Zone zone;
  zone.code = c.text("code");
  zone.name = c.localized("name");
  zone.owner_jurisdiction = c.text("owner_jurisdiction");
  zone.host_jurisdiction = c.text("host_jurisdiction");
  zone.items = c.texts("items", Presence::required);
  return zone;
}

class TreeReader {
 public:
  explicit TreeReader(fs::path root) : root_(std::move(root)) {}

  CatalogReadResult read() {
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
      report("", "catalog root " + root_.string() + " is not a directory");
      return std::move(result_);
    }
    for (const fs::path& entry : sorted_entries(root_)) {
      std::string name = entry.filename().string();
      if (name.starts_with(".")) continue;
      if (fs::is_directory(entry, ec)) {
        read_jurisdiction_folder(entry);
      } else if (entry.extension() == ".toml" && name != "zones.toml") {
        report(name, "unexpected file: the catalog root holds zones.toml and one folder per jurisdiction");
      }
    }
    read_zones();
    return std::move(result_);
  }

 private:
  std::string relative(const fs::path& file) const { return file.lexically_relative(root_).generic_string(); }

  void report(std::string file, std::string message, int line = 0) {
    result_.errors.push_back({std::move(file), "", "", std::move(message), line});
  }

  FileErrors sink(const fs::path& file) { return {relative(file), &result_.errors}; }

  std::optional<toml::table> parse(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      report(relative(file), "file is missing");
      return std::nullopt;
    }
    try {
      return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
      report(relative(file), "TOML syntax: " + std::string(e.description()), static_cast<int>(e.source().begin.line));
      return std::nullopt;
    }
  }

  void read_zones() {
    fs::path file = root_ / "zones.toml";
    auto table = parse(file);
    if (!table) return;
    TomlCursor top(*table, sink(file), "");
    top.allow_only({"zone"});
    std::vector<const toml::table*> zones = top.tables("zone");
    for (std::size_t i = 0; i < zones.size(); ++i) {
      TomlCursor c(*zones[i], top.sink(), element_path("", "zone", i, code_in(*zones[i])));
      result_.catalog.zones.push_back(read_zone(c));
      result_.sources.zones.push_back({top.sink().file, c.path(), c.line()});
    }
  }

  void read_jurisdiction_folder(const fs::path& folder) {
    std::string code = read_jurisdiction_file(folder / "jurisdiction.toml");
    if (code.empty()) code = folder.filename().string();
    std::error_code ec;
    for (const fs::path& entry : sorted_entries(folder)) {
      std::string name = entry.filename().string();
      if (name == "jurisdiction.toml" || name == "items" || name.starts_with(".")) continue;
      if (entry.extension() == ".toml" || fs::is_directory(entry, ec)) {
        report(relative(entry), "unexpected entry: a jurisdiction folder holds jurisdiction.toml and items/");
      }
    }
    fs::path items = folder / "items";
    if (!fs::is_directory(items, ec)) return;
    for (const fs::path& file : sorted_entries(items)) {
      if (file.extension() == ".toml") read_items_file(file, code);
    }
  }

  // Returns the jurisdiction code read from the file, or "" when it could not be read.
  std::string read_jurisdiction_file(const fs::path& file) {
    auto table = parse(file);
    if (!table) return "";
    TomlCursor top(*table, sink(file), "");
    top.allow_only({"jurisdiction", "authority", "service_point"});
    std::string code;
    if (const toml::table* section = top.table("jurisdiction")) {
      TomlCursor c(*section, top.sink(), "jurisdiction");
      result_.catalog.jurisdictions.push_back(read_jurisdiction(c));
      result_.sources.jurisdictions.push_back({top.sink().file, c.path(), c.line()});
      code = result_.catalog.jurisdictions.back().code;
      std::string folder = file.parent_path().filename().string();
      if (!code.empty() && code != folder)
        c.error("code", "must equal the folder name '" + folder + "'", (*section).get("code"));
    }
    std::string owner = code.empty() ? file.parent_path().filename().string() : code;
    std::vector<const toml::table*> authorities = top.tables("authority");
    for (std::size_t i = 0; i < authorities.size(); ++i) {
      TomlCursor c(*authorities[i], top.sink(), element_path("", "authority", i, code_in(*authorities[i])));
      result_.catalog.authorities.push_back(read_authority(c, owner));
      result_.sources.authorities.push_back({top.sink().file, c.path(), c.line()});
    }
    std::vector<const toml::table*> points = top.tables("service_point");
    for (std::size_t i = 0; i < points.size(); ++i) {
      TomlCursor c(*points[i], top.sink(), element_path("", "service_point", i, code_in(*points[i])));
      result_.catalog.service_points.push_back(read_service_point(c, owner));
      result_.sources.service_points.push_back({top.sink().file, c.path(), c.line()});
    }
    return code;
  }

  void read_items_file(const fs::path& file, const std::string& jurisdiction) {
    auto table = parse(file);
    if (!table) return;
    TomlCursor top(*table, sink(file), "");
    top.allow_only({"item"});
    std::vector<const toml::table*> items = top.tables("item");
    if (items.empty()) top.error("item", "an items file holds at least one [[item]]");
    for (std::size_t i = 0; i < items.size(); ++i) {
      TomlCursor c(*items[i], top.sink(), element_path("", "item", i, code_in(*items[i])));
      result_.catalog.items.push_back(read_item(c, jurisdiction));
      result_.sources.items.push_back({top.sink().file, c.path(), c.line()});
    }
  }

  fs::path root_;
  CatalogReadResult result_;
};

}  // namespace

CatalogReadResult read_catalog(const std::filesystem::path& root) {
  return TreeReader(root).read();
}

}  // namespace tongban::catalog
