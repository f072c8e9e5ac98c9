// FigureQuery: which case figures a reader asks for (domain/case_figures.h) — the dimension the rows are grouped by
// and the filter — read from the words of a request's parameters, the same way for the JSON API
// (GET /api/v1/statistics/cases) and the staff statistics page (/staff/statistics): by (the dimension word, default
// item), from / to (inclusive local dates, YYYY-MM-DD), and one filter per dimension word (authority=JM-CA). An
// absent or empty parameter is not given. Every problem is reported at once, as FieldErrors with the parameter's
// name: "by" "enum", "from"/"to" "date", "to" "range" (before from). Pure, no I/O.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_figures.h"
#include "domain/problem.h"

namespace tongban::domain {

struct FigureQuery {
  Dimension dimension = Dimension::item;
  FigureFilter filter;
  std::vector<FieldError> errors;  // empty when the query may be computed
};

// `param` gives a parameter's value by name, nullopt when absent.
using ParameterLookup = std::function<std::optional<std::string>(std::string_view name)>;
FigureQuery parse_figure_query(const ParameterLookup& param);

// Every dimension, in the order of Dimension.
inline constexpr Dimension kAllDimensions[] = {Dimension::item,          Dimension::authority,
                                               Dimension::mode,          Dimension::channel,
                                               Dimension::service_point, Dimension::jurisdiction_pair};

}  // namespace tongban::domain
