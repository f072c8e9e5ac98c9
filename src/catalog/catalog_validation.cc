#include "catalog/catalog_validation.h"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/catalog_reader.h"
#include "catalog/field_patterns.h"
#include "catalog/opening_hours.h"

namespace tongban::catalog {
namespace {

using domain::Catalog;
using domain::LocalizedText;

bool is_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_currency_code(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "+", a country code and number: digits and single spaces, 7 to 15 digits in all (E.164), e.g. "+853 2833 2886".
// International so that the number can be dialled from every jurisdiction of the deployment.
bool is_international_phone(std::string_view phone) {
  if (phone.size() < 2 || phone.front() != '+' || phone[1] < '1' || phone[1] > '9' || phone.back() == ' ') return false;
  int digits = 0;
  for (std::size_t i = 1; i < phone.size(); ++i) {
    if (phone[i] >= '0' && phone[i] <= '9')
      ++digits;
    else if (phone[i] != ' ' || phone[i - 1] == ' ')
      return false;
  }
  return digits >= 7 && digits <= 15;
}

std::string missing_languages(const LocalizedText& text) {
  std::string missing;
  for (domain::Language language : domain::kAllLanguages) {
    if (text.in(language).empty())
      missing += (missing.empty() ? "" : ", ") + std::string(domain::language_tag(language));
  }
  return missing;
}

template <typename Element>
const SourceLocation* source_at(const std::vector<SourceLocation>& sources, const std::vector<Element>& elements,
                                std::size_t index) {
  return sources.size() == elements.size() ? &sources[index] : nullptr;
}

class Validator {
 public:
  Validator(const Catalog& catalog, const CatalogSources& sources) : catalog_(catalog), sources_(sources) {
    for (const auto& item : catalog.items) basic_codes_.insert(item.basic_code);
  }

  std::vector<CatalogError> run() {
    for (std::size_t i = 0; i < catalog_.jurisdictions.size(); ++i) check_jurisdiction(i);
    for (std::size_t i = 0; i < catalog_.authorities.size(); ++i) check_authority(i);
    for (std::size_t i = 0; i < catalog_.service_points.size(); ++i) check_service_point(i);
    for (std::size_t i = 0; i < catalog_.items.size(); ++i) check_item(i);
    for (std::size_t i = 0; i < catalog_.zones.size(); ++i) check_zone(i);
    return std::move(errors_);
  }

 private:
  // Where errors of the element being checked go: its file and path.
  struct Place {
    std::string file;
    std::string path;
    int line = 0;
  };

  void report(const Place& at, std::string_view sub, std::string_view field, std::string message) {
    std::string path = at.path;
    if (!sub.empty()) path += (path.empty() ? "" : ".") + std::string(sub);
    errors_.push_back({at.file, path, std::string(field), std::move(message), at.line});
  }

  void check_text(const Place& at, std::string_view sub, std::string_view field, const LocalizedText& text) {
    if (!text.complete()) report(at, sub, field, "text is missing in " + missing_languages(text));
  }

  void check_code(const Place& at, std::set<std::string>& seen, const std::string& code, std::string_view kind) {
    if (code.empty()) {
      report(at, "", "code", "must not be empty");
    } else if (!seen.insert(code).second) {
      report(at, "", "code", "duplicate " + std::string(kind) + " code '" + code + "'");
    }
  }

  static Place place(const SourceLocation* source, std::string file, std::string path) {
    if (source != nullptr) return {source->file, source->path, source->line};
    return {std::move(file), std::move(path), 0};
  }

  void check_jurisdiction(std::size_t index) {
    const domain::Jurisdiction& j = catalog_.jurisdictions[index];
    Place at = place(source_at(sources_.jurisdictions, catalog_.jurisdictions, index), j.code + "/jurisdiction.toml",
                     "jurisdiction");
    check_code(at, jurisdiction_codes_, j.code, "jurisdiction");
    check_text(at, "", "name", j.name);
    if (j.languages.empty()) report(at, "", "languages", "must list at least one language");
    if (!is_currency_code(j.currency))
      report(at, "", "currency", "must be an ISO 4217 code like MOP, not '" + j.currency + "'");
    if (j.time_zone.empty()) report(at, "", "time_zone", "must name an IANA time zone, e.g. Asia/Macau");
    if (j.utc_offset_minutes < -720 || j.utc_offset_minutes > 840) {
      report(at, "", "utc_offset_minutes", "must be between -720 and 840");
    }
  }

  void check_authority(std::size_t index) {
    const domain::Authority& a = catalog_.authorities[index];
    Place at = place(source_at(sources_.authorities, catalog_.authorities, index),
                     a.jurisdiction + "/jurisdiction.toml", "authority (" + a.code + ")");
    check_code(at, authority_codes_, a.code, "authority");
    check_text(at, "", "name", a.name);
    if (catalog_.find_jurisdiction(a.jurisdiction) == nullptr) {
      report(at, "", "code", "jurisdiction '" + a.jurisdiction + "' is not defined");
    }
  }

  void check_service_point(std::size_t index) {
    const domain::ServicePoint& p = catalog_.service_points[index];
    Place at = place(source_at(sources_.service_points, catalog_.service_points, index),
                     p.jurisdiction + "/jurisdiction.toml", "service_point (" + p.code + ")");
    check_code(at, point_codes_, p.code, "service point");
    check_text(at, "", "name", p.name);
    check_text(at, "", "address", p.address);
    if (!p.phone.empty() && !is_international_phone(p.phone))
      report(at, "", "phone",
             "must be an international number: \"+\", the country code, then digits and single spaces, 7 to 15 "
             "digits in all (e.g. \"+853 2833 2886\")");
    if (p.channels.empty()) report(at, "", "channels", "must list at least one channel");
    if (auto problem = check_opening_periods(p.hours)) report(at, "", "hours", *problem);
    for (const std::string& zone_code : p.zones) {
      const domain::Zone* zone = catalog_.find_zone(zone_code);
      if (zone == nullptr) {
        report(at, "", "zones", "zone '" + zone_code + "' is not defined in zones.toml");
      } else if (zone->host_jurisdiction != p.jurisdiction) {
        report(at, "", "zones",
               "zone '" + zone_code + "' is hosted by " + zone->host_jurisdiction +
                   ", not by this point's jurisdiction " + p.jurisdiction);
      }
    }
    check_point_items(at, p);
  }

  // A point's own list of items: each defined once, one the point would take in without the list (an own item when
  // accepts_own_items, or an item of one of its zones), and offered through one of the point's channels.
  void check_point_items(const Place& at, const domain::ServicePoint& p) {
    std::set<std::string> seen;
    domain::ServicePoint unlisted = p;
    unlisted.items.clear();
    for (const std::string& code : p.items) {
      const domain::Item* item = catalog_.find_item(code);
      if (!seen.insert(code).second) {
        report(at, "", "items", "item '" + code + "' is listed twice");
      } else if (item == nullptr) {
        report(at, "", "items", "item '" + code + "' is not defined");
      } else if (!catalog_.point_accepts_item(unlisted, *item)) {
        report(at, "", "items",
               "item '" + code + "' of " + item->jurisdiction +
                   " is not taken in here: it is neither an own item (accepts_own_items) nor in one of the point's "
                   "zones");
      } else if (std::none_of(item->channels.begin(), item->channels.end(), [&](domain::Channel channel) {
                   return std::find(p.channels.begin(), p.channels.end(), channel) != p.channels.end();
                 })) {
        report(at, "", "items", "item '" + code + "' is offered through none of the point's channels");
      }
    }
  }

  void check_item(std::size_t index);
  void check_item_rules(const Place& at, const domain::Item& item);
  void check_fees(const Place& at, const domain::Item& item);
  void check_materials(const Place& at, const domain::Item& item);
  void check_form(const Place& at, const domain::Item& item);
  void check_zone(std::size_t index);

  const Catalog& catalog_;
  const CatalogSources& sources_;
  std::vector<CatalogError> errors_;
  std::set<std::string> jurisdiction_codes_, authority_codes_, point_codes_, item_codes_, zone_codes_, basic_codes_;
};

void Validator::check_item(std::size_t index) {
  const domain::Item& item = catalog_.items[index];
  Place at = place(source_at(sources_.items, catalog_.items, index),
                   item.jurisdiction + "/items/" + item.authority + ".toml", "item (" + item.code + ")");
  check_code(at, item_codes_, item.code, "item");
  if (item.basic_code.empty()) report(at, "", "basic_code", "must not be empty");
  check_text(at, "", "name", item.name);
  check_text(at, "", "description", item.description);
  check_text(at, "", "legal_basis", item.legal_basis);
  const domain::Authority* authority = catalog_.find_authority(item.authority);
  if (authority == nullptr) {
    report(at, "", "authority", "authority '" + item.authority + "' is not defined");
  } else if (authority->jurisdiction != item.jurisdiction) {
    report(at, "", "authority",
           "authority '" + item.authority + "' belongs to " + authority->jurisdiction +
               ", not to this folder's jurisdiction " + item.jurisdiction);
  }
  check_item_rules(at, item);
  check_fees(at, item);
  check_materials(at, item);
  check_form(at, item);
  check_text(at, "result", "name", item.result.name);
  if (item.result.delivery.empty()) report(at, "result", "delivery", "must list at least one delivery method");
}

void Validator::check_item_rules(const Place& at, const domain::Item& item) {
  if (item.applicant_kinds.empty()) report(at, "", "applicant_kinds", "must list at least one applicant kind");
  if (item.modes.empty()) report(at, "", "modes", "must list at least one handling mode");
  if (item.channels.empty()) report(at, "", "channels", "must list at least one channel");
  if (item.legal_days < 1) report(at, "", "legal_days", "must be a whole number >= 1");
  if (item.promised_days < 1 || item.promised_days > item.legal_days) {
    report(at, "", "promised_days",
           "must be between 1 and legal_days (" + std::to_string(item.legal_days) + "), not " +
               std::to_string(item.promised_days));
  }
  if (item.visits < 0 || item.visits > 5) report(at, "", "visits", "must be between 0 and 5");
  if (!item.standard_item.empty() && !basic_codes_.contains(item.standard_item)) {
    report(at, "", "standard_item", "'" + item.standard_item + "' is not the basic_code of any item");
  }
}

void Validator::check_fees(const Place& at, const domain::Item& item) {
  const domain::Jurisdiction* jurisdiction = catalog_.find_jurisdiction(item.jurisdiction);
  for (std::size_t i = 0; i < item.fees.size(); ++i) {
    const domain::Fee& fee = item.fees[i];
    std::string sub = "fees[" + std::to_string(i) + "]";
    check_text(at, sub, "name", fee.name);
    if (fee.amount_minor < 0) report(at, sub, "amount_minor", "must be >= 0");
    if (jurisdiction != nullptr && fee.currency != jurisdiction->currency) {
      report(at, sub, "currency",
             "'" + fee.currency + "' differs from the currency of " + jurisdiction->code + " (" +
                 jurisdiction->currency + ")");
    }
  }
}

void Validator::check_materials(const Place& at, const domain::Item& item) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const domain::Material& material = item.materials[i];
    std::string sub = "materials[" + std::to_string(i) + "]";
    if (!is_id(material.id)) {
      report(at, sub, "id", "'" + material.id + "' must match [a-z0-9_]+");
    } else if (!ids.insert(material.id).second) {
      report(at, sub, "id", "duplicate material id '" + material.id + "'");
    }
    check_text(at, sub, "name", material.name);
    if (material.copies < 1) report(at, sub, "copies", "must be a whole number >= 1");
  }
}

void Validator::check_form(const Place& at, const domain::Item& item) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < item.form.size(); ++i) {
    const domain::FormField& field = item.form[i];
    std::string sub = "form[" + std::to_string(i) + "]";
    if (!is_id(field.id)) {
      report(at, sub, "id", "'" + field.id + "' must match [a-z0-9_]+");
    } else if (!ids.insert(field.id).second) {
      report(at, sub, "id", "duplicate form field id '" + field.id + "'");
    }
    check_text(at, sub, "label", field.label);
    bool is_choice = field.type == domain::FieldType::choice;
    if (is_choice && field.choices.empty()) report(at, sub, "choices", "a choice field needs at least one choice");
    if (!is_choice && !field.choices.empty()) report(at, sub, "choices", "only a field of type choice has choices");
    for (const auto& choice : field.choices) {
      auto label = field.choice_labels.find(choice);
      if (label == field.choice_labels.end())
        report(at, sub, "choice_labels", "the choice '" + choice + "' has no label");
      else
        check_text(at, sub, "choice_labels." + choice, label->second);
    }
    for (const auto& [choice, label] : field.choice_labels)
      if (std::find(field.choices.begin(), field.choices.end(), choice) == field.choices.end())
        report(at, sub, "choice_labels", "'" + choice + "' is not one of the field's choices");
    if (field.min_length && *field.min_length < 0) report(at, sub, "min_length", "must be >= 0");
    if (field.min_length && field.max_length && *field.min_length > *field.max_length) {
      report(at, sub, "max_length", "must be >= min_length");
    }
    if (field.min_value && field.max_value && *field.min_value > *field.max_value) {
      report(at, sub, "max_value", "must be >= min_value");
    }
    if (!field.pattern.empty()) {
      if (auto error = pattern_error(field.pattern))
        report(at, sub, "pattern",
               "is not a pattern of the catalog's dialect (RE2, docs/catalog-format.md): " + *error);
    }
  }
}

void Validator::check_zone(std::size_t index) {
  const domain::Zone& zone = catalog_.zones[index];
  Place at = place(source_at(sources_.zones, catalog_.zones, index), "zones.toml", "zone (" + zone.code + ")");
  check_code(at, zone_codes_, zone.code, "zone");
  check_text(at, "", "name", zone.name);
  for (const auto* field : {&zone.owner_jurisdiction, &zone.host_jurisdiction}) {
    if (catalog_.find_jurisdiction(*field) == nullptr) {
      report(at, "", field == &zone.owner_jurisdiction ? "owner_jurisdiction" : "host_jurisdiction",
             "jurisdiction '" + *field + "' is not defined");
    }
  }
  if (zone.owner_jurisdiction == zone.host_jurisdiction) {
    report(at, "", "host_jurisdiction", "must differ from owner_jurisdiction");
  }
  if (zone.items.empty()) report(at, "", "items", "a zone holds at least one item");
  std::set<std::string> seen;
  for (const std::string& code : zone.items) {
    const domain::Item* item = catalog_.find_item(code);
    if (!seen.insert(code).second) {
      report(at, "", "items", "item '" + code + "' is listed twice");
    } else if (item == nullptr) {
      report(at, "", "items", "item '" + code + "' is not defined");
    } else if (item->jurisdiction != zone.owner_jurisdiction) {
      report(at, "", "items",
             "item '" + code + "' belongs to " + item->jurisdiction + ", not to the owner jurisdiction " +
                 zone.owner_jurisdiction);
    }
  }
}

}  // namespace

std::vector<CatalogError> validate_catalog(const domain::Catalog& catalog, const CatalogSources& sources) {
  return Validator(catalog, sources).run();
}

CatalogLoadResult load_catalog(const std::filesystem::path& root) {
  CatalogReadResult read = read_catalog(root);
  CatalogLoadResult result{std::move(read.catalog), std::move(read.sources), std::move(read.errors)};
  std::vector<CatalogError> invalid = validate_catalog(result.catalog, result.sources);
  result.errors.insert(result.errors.end(), invalid.begin(), invalid.end());
  return result;
}

}  // namespace tongban::catalog
