// bench_catalog_expand: a large catalog for `make bench` row 3, made from the shipped one (data/catalog).
//
//   bench_catalog_expand SOURCE_ROOT TARGET_ROOT ITEMS
//
// Loads and validates SOURCE_ROOT (catalog/catalog_validation.h), then adds variants of its items, round-robin over
// them, until the catalog holds ITEMS items. A variant is a copy of an item with a new code ("<code>-V<nnn>"), a
// new basic code, and names, keywords and descriptions varied in all four languages by a qualifier (replacement,
// change, cancellation, …) and a district — so the index sees many distinct terms, not one text repeated. Variants
// are not listed in zones (a zone names items one by one). The result is written with the catalog writer
// (catalog/catalog_writer.h) to TARGET_ROOT, which must not exist, and read back and validated: it is a catalog a
// node accepts as its seed. Exit 0 and one line "catalog: N items in TARGET_ROOT"; exit 1 with the errors otherwise.
#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <iostream>
#include <string>

#include "catalog/catalog_validation.h"
#include "catalog/catalog_writer.h"

namespace {

using tongban::domain::Catalog;
using tongban::domain::Item;
using tongban::domain::LocalizedText;

const std::array<LocalizedText, 12> kQualifiers{{
    {"补办", "補辦", "segunda via", "replacement"},
    {"变更", "變更", "alteração", "change"},
    {"注销", "註銷", "cancelamento", "cancellation"},
    {"延续", "延續", "renovação", "renewal"},
    {"查询", "查詢", "consulta", "enquiry"},
    {"备案", "備案", "averbamento", "filing"},
    {"年审", "年審", "revisão anual", "annual review"},
    {"核准", "核准", "aprovação", "approval"},
    {"预约", "預約", "marcação", "appointment"},
    {"迁移", "遷移", "transferência", "transfer"},
    {"加急", "加急", "urgente", "urgent"},
    {"换领", "換領", "substituição", "reissue"},
}};

const std::array<LocalizedText, 8> kDistricts{{
    {"蓬江", "蓬江", "Pengjiang", "Pengjiang"},
    {"江海", "江海", "Jianghai", "Jianghai"},
    {"新会", "新會", "Xinhui", "Xinhui"},
    {"台山", "台山", "Taishan", "Taishan"},
    {"开平", "開平", "Kaiping", "Kaiping"},
    {"鹤山", "鶴山", "Heshan", "Heshan"},
    {"恩平", "恩平", "Enping", "Enping"},
    {"离岛", "離島", "Ilhas", "Islands"},
}};

LocalizedText varied_name(const LocalizedText& name, const LocalizedText& qualifier, const LocalizedText& district) {
  return {district.zh_hans + name.zh_hans + qualifier.zh_hans, district.zh_hant + name.zh_hant + qualifier.zh_hant,
          name.pt + " — " + qualifier.pt + " (" + district.pt + ")",
          name.en + " — " + qualifier.en + " (" + district.en + ")"};
}

Item variant(const Item& original, int number) {
  const LocalizedText& qualifier = kQualifiers[static_cast<std::size_t>(number) % kQualifiers.size()];
  const LocalizedText& district = kDistricts[static_cast<std::size_t>(number) / kQualifiers.size() % kDistricts.size()];
  Item item = original;
  item.code = fmt::format("{}-V{:03}", original.code, number);
  item.basic_code = fmt::format("{}-V{:03}", original.basic_code, number);
  item.name = varied_name(original.name, qualifier, district);
  item.description.zh_hans = district.zh_hans + qualifier.zh_hans + "：" + original.description.zh_hans;
  item.description.zh_hant = district.zh_hant + qualifier.zh_hant + "：" + original.description.zh_hant;
  item.description.pt = qualifier.pt + " (" + district.pt + "): " + original.description.pt;
  item.description.en = qualifier.en + " (" + district.en + "): " + original.description.en;
  item.keywords.push_back(qualifier.zh_hans);
  item.keywords.push_back(qualifier.en);
  item.keywords.push_back(district.en);
  return item;
}

int fail(const std::string& what, const std::vector<tongban::catalog::CatalogError>& errors) {
  std::cerr << "bench_catalog_expand: " << what << "\n";
  for (std::size_t i = 0; i < errors.size() && i < 20; ++i)
    std::cerr << "  " << tongban::catalog::to_string(errors[i]) << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_catalog_expand SOURCE_ROOT TARGET_ROOT ITEMS\n";
    return 2;
  }
  const std::size_t wanted = std::strtoul(argv[3], nullptr, 10);
  auto source = tongban::catalog::load_catalog(argv[1]);
  if (!source.ok()) return fail(std::string("the source catalog ") + argv[1] + " is not valid", source.errors);
  Catalog catalog = source.catalog;
  const std::size_t originals = catalog.items.size();
  if (originals == 0 || wanted < originals) {
    std::cerr << "bench_catalog_expand: ITEMS must be at least the " << originals << " items of the source\n";
    return 2;
  }
  catalog.items.reserve(wanted);
  for (int number = 1; catalog.items.size() < wanted; ++number)
    for (std::size_t i = 0; i < originals && catalog.items.size() < wanted; ++i)
      catalog.items.push_back(variant(catalog.items[i], number));
  try {
    tongban::catalog::write_catalog_toml(catalog, argv[2]);
  } catch (const std::exception& error) {
    std::cerr << "bench_catalog_expand: " << error.what() << "\n";
    return 1;
  }
  auto check = tongban::catalog::load_catalog(argv[2]);
  if (!check.ok()) return fail("the expanded catalog does not validate", check.errors);
  std::cout << "catalog: " << check.catalog.items.size() << " items in " << argv[2] << "\n";
  return check.catalog.items.size() == wanted ? 0 : 1;
}
