#include "domain/figure_query.h"

#include <string>

namespace tongban::domain {

FigureQuery parse_figure_query(const ParameterLookup& param) {
  FigureQuery query;
  auto given = [&param](std::string_view name) -> std::optional<std::string> {
    auto value = param(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  if (auto by = given("by")) {
    if (auto dimension = parse_dimension(*by))
      query.dimension = *dimension;
    else
      query.errors.push_back(
          {"by", "enum", "by is item, authority, mode, channel, service_point or jurisdiction_pair."});
  }
  for (auto [name, bound] : {std::pair{"from", &query.filter.from}, std::pair{"to", &query.filter.to}}) {
    if (auto text = given(name)) {
      *bound = parse_date(*text);
      if (!*bound) query.errors.push_back({name, "date", std::string(name) + " is a date, YYYY-MM-DD."});
    }
  }
  if (query.filter.from && query.filter.to && *query.filter.to < *query.filter.from)
    query.errors.push_back({"to", "range", "to is on or after from."});
  for (Dimension dimension : kAllDimensions)
    if (auto value = given(to_string(dimension))) query.filter.only[dimension] = *value;
  return query;
}

}  // namespace tongban::domain
