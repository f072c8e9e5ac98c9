// sniff_media_type: the type of an uploaded file read from its first bytes (its magic number), never from its
// name or the Content-Type the client claims. Only the types accepted for materials are recognised.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

// "application/pdf", "image/png" or "image/jpeg"; nullopt for anything else.
std::optional<std::string> sniff_media_type(std::string_view bytes);

}  // namespace tongban::domain
