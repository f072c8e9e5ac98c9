#include "domain/media_type.h"

namespace tongban::domain {

std::optional<std::string> sniff_media_type(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (bytes.size() >= 3 && bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  return std::nullopt;
}

}  // namespace tongban::domain
