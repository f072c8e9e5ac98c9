// Fuzz target: the identity-document validators (src/domain/identity_document.h). Each input is checked as a
// number of every document type, and read as a document type name. Invariants: an invalid number names a rule;
// a valid one's normalised form is valid again and normalises to itself; a type name parses back from to_string.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/identity_document.h"
#include "fuzz_check.h"

namespace {

using namespace tongban::domain;

constexpr IdDocumentType kTypes[] = {IdDocumentType::CN_RIC, IdDocumentType::CN_RP,   IdDocumentType::HK_HKID,
                                     IdDocumentType::MO_BIR, IdDocumentType::CN_HMTP, IdDocumentType::CN_EEP,
                                     IdDocumentType::CN_USCC};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view number(reinterpret_cast<const char*>(data), size);
  for (IdDocumentType type : kTypes) {
    IdDocumentCheck check = check_id_document(type, number);
    if (!check.valid) {
      FUZZ_CHECK(!check.rule.empty() && !check.message.empty());
      continue;
    }
    FUZZ_CHECK(!check.normalized.empty() && check.rule.empty());
    IdDocumentCheck again = check_id_document(type, check.normalized);
    FUZZ_CHECK(again.valid && again.normalized == check.normalized);
  }
  if (auto type = parse_id_document_type(number)) FUZZ_CHECK(parse_id_document_type(to_string(*type)) == type);
  return 0;
}
