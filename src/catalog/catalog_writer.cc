#include "catalog/catalog_writer.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "catalog/item_json.h"
#include "catalog/opening_hours.h"

namespace tongban::catalog {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using domain::LocalizedText;

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escaped[16];
          std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string localized(const LocalizedText& text) {
  return "{ zh_hans = " + quote(text.zh_hans) + ", zh_hant = " + quote(text.zh_hant) + ", pt = " + quote(text.pt) +
         ", en = " + quote(text.en) + " }";
}

std::string strings(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i == 0 ? "" : ", ") + quote(values[i]);
  return out + "]";
}

template <typename Enum>
std::string words(const std::vector<Enum>& values) {
  std::vector<std::string> texts;
  for (Enum value : values) texts.emplace_back(domain::to_string(value));
  return strings(texts);
}

std::string number(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

std::string flag(bool value) {
  return value ? "true" : "false";
}

// Appends `key = value` lines.
class TomlLines {
 public:
  void header(std::string_view line) { text_ += (text_.empty() ? "" : "\n") + std::string(line) + "\n"; }
  void set(std::string_view key, const std::string& value) { text_ += std::string(key) + " = " + value + "\n"; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

void write_item(TomlLines& out, const domain::Item& item) {
  out.header("[[item]]");
  out.set("code", quote(item.code));
  out.set("basic_code", quote(item.basic_code));
  out.set("authority", quote(item.authority));
  out.set("type", quote(domain::to_string(item.type)));
  out.set("name", localized(item.name));
  out.set("description", localized(item.description));
  out.set("legal_basis", localized(item.legal_basis));
  out.set("applicant_kinds", words(item.applicant_kinds));
  out.set("legal_days", std::to_string(item.legal_days));
  out.set("promised_days", std::to_string(item.promised_days));
  out.set("modes", words(item.modes));
  out.set("channels", words(item.channels));
  out.set("visits", std::to_string(item.visits));
  out.set("standard_item", quote(item.standard_item));
  out.set("life_events", strings(item.life_events));
  out.set("keywords", strings(item.keywords));
  for (const domain::Fee& fee : item.fees) {
    out.header("[[item.fees]]");
    out.set("name", localized(fee.name));
    out.set("amount_minor", std::to_string(fee.amount_minor));
    out.set("currency", quote(fee.currency));
  }
  for (const domain::Material& material : item.materials) {
    out.header("[[item.materials]]");
    out.set("id", quote(material.id));
    out.set("name", localized(material.name));
    out.set("required", flag(material.required));
    out.set("form", quote(domain::to_string(material.form)));
    out.set("copies", std::to_string(material.copies));
    out.set("blank_form", quote(material.blank_form));
    out.set("sample_form", quote(material.sample_form));
    out.set("e_certificate", quote(material.e_certificate));
  }
  for (const domain::FormField& field : item.form) {
    out.header("[[item.form]]");
    out.set("id", quote(field.id));
    out.set("label", localized(field.label));
    out.set("type", quote(domain::to_string(field.type)));
    out.set("required", flag(field.required));
    if (field.min_length) out.set("min_length", std::to_string(*field.min_length));
    if (field.max_length) out.set("max_length", std::to_string(*field.max_length));
    if (field.min_value) out.set("min_value", number(*field.min_value));
    if (field.max_value) out.set("max_value", number(*field.max_value));
    out.set("pattern", quote(field.pattern));
    out.set("choices", strings(field.choices));
    out.set("crosses_border", flag(field.crosses_border));
    if (field.choice_labels.empty()) continue;
    out.header("[item.form.choice_labels]");
    for (const auto& choice : field.choices)
      if (auto label = field.choice_labels.find(choice); label != field.choice_labels.end())
        out.set(choice, localized(label->second));
  }
  out.header("[item.result]");
  out.set("name", localized(item.result.name));
  out.set("kind", quote(domain::to_string(item.result.kind)));
  out.set("delivery", words(item.result.delivery));
  out.set("e_certificate", flag(item.result.e_certificate));
}

std::string jurisdiction_file(const domain::Catalog& catalog, const domain::Jurisdiction& j) {
  TomlLines out;
  out.header("[jurisdiction]");
  out.set("code", quote(j.code));
  out.set("name", localized(j.name));
  std::vector<std::string> tags;
  for (domain::Language language : j.languages) tags.emplace_back(domain::language_tag(language));
  out.set("languages", strings(tags));
  out.set("currency", quote(j.currency));
  out.set("time_zone", quote(j.time_zone));
  out.set("utc_offset_minutes", std::to_string(j.utc_offset_minutes));
  out.set("accepted_documents", words(j.accepted_documents));
  for (const domain::Authority& a : catalog.authorities) {
    if (a.jurisdiction != j.code) continue;
    out.header("[[authority]]");
    out.set("code", quote(a.code));
    out.set("name", localized(a.name));
  }
  for (const domain::ServicePoint& p : catalog.service_points) {
    if (p.jurisdiction != j.code) continue;
    out.header("[[service_point]]");
    out.set("code", quote(p.code));
    out.set("kind", quote(domain::to_string(p.kind)));
    out.set("name", localized(p.name));
    out.set("address", localized(p.address));
    if (!p.phone.empty()) out.set("phone", quote(p.phone));
    out.set("hours", strings(format_opening_hours(p.hours)));
    out.set("channels", words(p.channels));
    out.set("zones", strings(p.zones));
    out.set("accepts_own_items", flag(p.accepts_own_items));
    if (!p.items.empty()) out.set("items", strings(p.items));
  }
  return out.text();
}

std::string zones_file(const domain::Catalog& catalog) {
  TomlLines out;
  for (const domain::Zone& zone : catalog.zones) {
    out.header("[[zone]]");
    out.set("code", quote(zone.code));
    out.set("name", localized(zone.name));
    out.set("owner_jurisdiction", quote(zone.owner_jurisdiction));
    out.set("host_jurisdiction", quote(zone.host_jurisdiction));
    out.set("items", strings(zone.items));
  }
  return out.text();
}

json::array jurisdictions_json(const domain::Catalog& catalog) {
  json::array array;
  for (const domain::Jurisdiction& j : catalog.jurisdictions) {
    json::array languages;
    for (domain::Language language : j.languages) languages.emplace_back(domain::language_tag(language));
    array.push_back(json::object{{"code", j.code},
                                 {"name", localized_to_json(j.name)},
                                 {"languages", std::move(languages)},
                                 {"currency", j.currency},
                                 {"time_zone", j.time_zone},
                                 {"utc_offset_minutes", j.utc_offset_minutes},
                                 {"accepted_documents", words_to_json(j.accepted_documents)}});
  }
  return array;
}

json::array service_points_json(const domain::Catalog& catalog) {
  json::array array;
  for (const domain::ServicePoint& p : catalog.service_points) {
    json::array hours;
    for (const domain::OpeningPeriod& period : p.hours) {
      hours.push_back(json::object{
          {"weekday", period.weekday}, {"open_minute", period.open_minute}, {"close_minute", period.close_minute}});
    }
    array.push_back(json::object{{"code", p.code},
                                 {"jurisdiction", p.jurisdiction},
                                 {"kind", domain::to_string(p.kind)},
                                 {"name", localized_to_json(p.name)},
                                 {"address", localized_to_json(p.address)},
                                 {"phone", p.phone},
                                 {"hours", std::move(hours)},
                                 {"channels", words_to_json(p.channels)},
                                 {"zones", strings_to_json(p.zones)},
                                 {"accepts_own_items", p.accepts_own_items},
                                 {"items", strings_to_json(p.items)}});
  }
  return array;
}

}  // namespace

std::map<std::string, std::string> catalog_to_toml_files(const domain::Catalog& catalog) {
  std::map<std::string, std::string> files;
  for (const domain::Jurisdiction& j : catalog.jurisdictions) {
    files[j.code + "/jurisdiction.toml"] = jurisdiction_file(catalog, j);
  }
  std::map<std::string, TomlLines> item_files;
  for (const domain::Item& item : catalog.items) {
    write_item(item_files[item.jurisdiction + "/items/" + item.authority + ".toml"], item);
  }
  for (const auto& [path, lines] : item_files) files[path] = lines.text();
  files["zones.toml"] = zones_file(catalog);
  return files;
}

void write_catalog_toml(const domain::Catalog& catalog, const std::filesystem::path& root) {
  std::error_code ec;
  if (fs::exists(root, ec) && (!fs::is_directory(root, ec) || !fs::is_empty(root, ec))) {
    throw std::runtime_error("catalog output " + root.string() + " must be a new or empty directory");
  }
  for (const auto& [relative, text] : catalog_to_toml_files(catalog)) {
    fs::path file = root / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
  }
}

json::object catalog_to_json(const domain::Catalog& catalog) {
  json::array authorities;
  for (const domain::Authority& a : catalog.authorities) {
    authorities.push_back(
        json::object{{"code", a.code}, {"jurisdiction", a.jurisdiction}, {"name", localized_to_json(a.name)}});
  }
  json::array items;
  for (const domain::Item& item : catalog.items) items.push_back(item_to_json(item));
  json::array zones;
  for (const domain::Zone& zone : catalog.zones) {
    zones.push_back(json::object{{"code", zone.code},
                                 {"name", localized_to_json(zone.name)},
                                 {"owner_jurisdiction", zone.owner_jurisdiction},
                                 {"host_jurisdiction", zone.host_jurisdiction},
                                 {"items", strings_to_json(zone.items)}});
  }
  return {{"format", "tongban-catalog"},
          {"version", 1},
          {"jurisdictions", jurisdictions_json(catalog)},
          {"authorities", std::move(authorities)},
          {"service_points", service_points_json(catalog)},
          {"items", std::move(items)},
          {"zones", std::move(zones)}};
}

}  // namespace tongban::catalog
