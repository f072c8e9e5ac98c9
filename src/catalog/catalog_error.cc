#include "catalog/catalog_error.h"

namespace tongban::catalog {

std::string to_string(const CatalogError& error) {
  std::string text = error.file;
  if (error.line > 0) text += ":" + std::to_string(error.line);
  text += ": ";
  std::string where = error.path;
  if (!error.field.empty()) where += (where.empty() ? "" : ".") + error.field;
  if (!where.empty()) text += where + ": ";
  return text + error.message;
}

}  // namespace tongban::catalog
