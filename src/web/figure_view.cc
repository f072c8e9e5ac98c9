#include "web/figure_view.h"

#include "domain/figure_query.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

std::string jurisdiction_name(const domain::Catalog& catalog, const Page& page, const std::string& code) {
  const auto* jurisdiction = catalog.find_jurisdiction(code);
  return jurisdiction ? jurisdiction->name.in(page.language) : code;
}

}  // namespace

std::string figure_key_name(const Page& page, domain::Dimension dimension, const std::string& key) {
  auto snapshot = page.site.node.catalog();
  const domain::Catalog& catalog = snapshot->catalog;
  switch (dimension) {
    case domain::Dimension::item:
      if (const auto* item = catalog.find_item(key)) return item->name.in(page.language);
      return key;
    case domain::Dimension::authority:
      if (const auto* authority = catalog.find_authority(key)) return authority->name.in(page.language);
      return key;
    case domain::Dimension::mode: return word(page, "mode:", key);
    case domain::Dimension::channel: return word(page, "channel:", key);
    case domain::Dimension::service_point:
      if (key == domain::kWebServicePointKey) return word(page, "channel:", "web");
      if (const auto* point = catalog.find_service_point(key)) return point->name.in(page.language);
      return key;
    case domain::Dimension::jurisdiction_pair: {
      auto split = key.find('>');
      if (split == std::string::npos) return key;
      return jurisdiction_name(catalog, page, key.substr(0, split)) + " → " +
             jurisdiction_name(catalog, page, key.substr(split + 1));
    }
  }
  return key;
}

std::string dimension_name(const Page& page, domain::Dimension dimension) {
  return word(page, "dimension:", domain::to_string(dimension));
}

Data dimension_choices(const Page& page, domain::Dimension selected) {
  std::vector<std::pair<std::string, std::string>> values;
  for (domain::Dimension dimension : domain::kAllDimensions)
    values.emplace_back(std::string(domain::to_string(dimension)), dimension_name(page, dimension));
  return choice_list(values, std::string(domain::to_string(selected)));
}

std::string count_text(const Page& page, std::int64_t count) {
  return format_count(page.language, count);
}

std::string rate_text(const Page& page, std::optional<double> ratio) {
  return ratio ? format_percent(page.language, *ratio) : page.t("none");
}

}  // namespace tongban::web
