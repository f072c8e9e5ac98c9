#include "search/catalog_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

namespace tongban::search {
namespace {

using domain::HandlingMode;

domain::LocalizedText text(std::string zh_hans, std::string zh_hant, std::string pt, std::string en) {
  return domain::LocalizedText{std::move(zh_hans), std::move(zh_hant), std::move(pt), std::move(en)};
}

domain::Item item(std::string code, std::string jurisdiction, std::string authority, domain::LocalizedText name,
                  std::vector<HandlingMode> modes, std::vector<std::string> life_events) {
  domain::Item out;
  out.code = std::move(code);
  out.basic_code = "BASIC-" + out.code;
  out.jurisdiction = std::move(jurisdiction);
  out.authority = std::move(authority);
  out.name = std::move(name);
  out.description = text("办理说明。", "辦理說明。", "Instruções.", "Instructions.");
  out.result.name = text("结果", "結果", "Resultado", "Result");
  out.modes = std::move(modes);
  out.life_events = std::move(life_events);
  return out;
}

domain::Catalog make_catalog() {
  domain::Catalog catalog;
  catalog.jurisdictions.push_back(
      {"CN-GD-JM", text("江门市", "江門市", "Jiangmen", "Jiangmen"), {}, "CNY", "", 480, {}});
  catalog.jurisdictions.push_back(
      {"MO",
       text("澳门特别行政区", "澳門特別行政區", "Região Administrativa Especial de Macau", "Macao SAR"),
       {},
       "MOP",
       "",
       480,
       {}});
  catalog.authorities.push_back(
      {"JM-PSB", "CN-GD-JM",
       text("江门市公安局", "江門市公安局", "Polícia de Jiangmen", "Jiangmen Public Security Bureau")});
  catalog.authorities.push_back({"JM-NR", "CN-GD-JM",
                                 text("江门市自然资源局", "江門市自然資源局", "Recursos Naturais de Jiangmen",
                                      "Jiangmen Natural Resources Bureau")});
  catalog.authorities.push_back(
      {"JM-HRSS", "CN-GD-JM",
       text("江门市人力资源和社会保障局", "江門市人力資源和社會保障局",
            "Recursos Humanos e Segurança Social de Jiangmen", "Jiangmen Human Resources and Social Security Bureau")});
  catalog.authorities.push_back(
      {"MO-DSI", "MO",
       text("身份证明局", "身份證明局", "Direcção dos Serviços de Identificação", "Identification Services Bureau")});
  catalog.authorities.push_back(
      {"MO-FSS", "MO", text("社会保障基金", "社會保障基金", "Fundo de Segurança Social", "Social Security Fund")});

  auto id_jm = item("JM-PSB-001", "CN-GD-JM", "JM-PSB",
                    text("居民身份证换领", "居民身份證換領", "Substituição do bilhete de identidade de residente",
                         "Resident identity card replacement"),
                    {HandlingMode::remote_intake, HandlingMode::online}, {"identity_documents"});
  id_jm.keywords = {"身份证", "ID card"};
  auto id_mo = item(
      "MO-DSI-001", "MO", "MO-DSI",
      text("永久性居民身份证续期", "永久性居民身份證續期", "Renovação do Bilhete de Identidade de Residente Permanente",
           "Renewal of permanent resident identity card"),
      {HandlingMode::online, HandlingMode::remote_intake}, {"identity_documents"});
  id_mo.keywords = {"BIR"};
  auto criminal =
      item("MO-DSI-005", "MO", "MO-DSI",
           text("刑事纪录证明书", "刑事紀錄證明書", "Certidão de Registo Criminal", "Certificate of Criminal Record"),
           {HandlingMode::online}, {"employment"});
  auto property = item("JM-NR-001", "CN-GD-JM", "JM-NR",
                       text("不动产登记", "不動產登記", "Registo predial", "Real estate registration"),
                       {HandlingMode::delegated}, {"moving"});
  auto pension = item("JM-HRSS-003", "CN-GD-JM", "JM-HRSS",
                      text("企业职工基本养老保险关系转移接续", "企業職工基本養老保險關係轉移接續",
                           "Transferência do seguro de pensão de base", "Transfer of basic pension insurance"),
                      {HandlingMode::joint}, {"retirement", "moving"});
  pension.description =
      text("申请人须出示居民身份证。", "申請人須出示居民身份證。", "O requerente apresenta o bilhete de identidade.",
           "The applicant shows the resident identity card.");
  auto life = item("MO-FSS-001", "MO", "MO-FSS", text("在生证明", "在生證明", "Prova de vida", "Proof of life"),
                   {HandlingMode::online, HandlingMode::remote_intake}, {"retirement"});
  catalog.items = {id_jm, id_mo, criminal, property, pension, life};

  catalog.zones.push_back({"ZONE-MO-IN-JM",
                           text("澳门专区", "澳門專區", "Zona de Macau", "Macao zone"),
                           "MO",
                           "CN-GD-JM",
                           {"MO-DSI-001", "MO-DSI-005"}});
  domain::ServicePoint jm_window;
  jm_window.code = "JM-WIN-PENGJIANG";
  jm_window.jurisdiction = "CN-GD-JM";
  jm_window.zones = {"ZONE-MO-IN-JM"};
  domain::ServicePoint mo_window;
  mo_window.code = "MO-WIN-DSI-HQ";
  mo_window.jurisdiction = "MO";
  catalog.service_points = {jm_window, mo_window};
  return catalog;
}

class CatalogIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new domain::Catalog(make_catalog());
    index_ = new CatalogIndex(*catalog_);
  }
  static void TearDownTestSuite() {
    delete index_;
    delete catalog_;
    index_ = nullptr;
    catalog_ = nullptr;
  }

  static ItemPage run(const ItemQuery& query) { return index_->search(query); }
  static ItemPage search(const std::string& q) { return index_->search(ItemQuery{.text = q}); }
  static std::vector<std::string> codes(const ItemPage& page) {
    std::vector<std::string> out;
    for (const auto& hit : page.hits) out.push_back(hit.item->code);
    return out;
  }
  static std::set<std::string> code_set(const ItemPage& page) {
    const auto list = codes(page);
    return {list.begin(), list.end()};
  }

  static domain::Catalog* catalog_;
  static CatalogIndex* index_;
};

domain::Catalog* CatalogIndexTest::catalog_ = nullptr;
CatalogIndex* CatalogIndexTest::index_ = nullptr;

TEST_F(CatalogIndexTest, IndexesEveryItem) {
  EXPECT_EQ(index_->size(), 6u);
}

TEST_F(CatalogIndexTest, SimplifiedQueryFindsIdentityCardItemsAndCutsWeakMatches) {
  const ItemPage page = search("身份证");
  // Both names contain 身份证. The item whose authority (身份证明局) contains it and the pension item that only
  // mentions it in its description score far below them: under the relevance cut-off, not hits.
  ASSERT_EQ(page.total, 2u);
  EXPECT_EQ(code_set(page), (std::set<std::string>{"JM-PSB-001", "MO-DSI-001"}));
}

TEST_F(CatalogIndexTest, DescriptionMatchesStayWhenNothingBetterMatches) {
  // "applicant" is only in the pension item's description: the best match, so a hit.
  EXPECT_EQ(codes(search("applicant")), std::vector<std::string>{"JM-HRSS-003"});
  // Within a filter, the cut-off is relative to the best item that passes it.
  EXPECT_EQ(codes(run({.text = "身份证", .authority = "JM-HRSS"})), std::vector<std::string>{"JM-HRSS-003"});
}

TEST_F(CatalogIndexTest, FunctionWordsAndSingleLettersAreNotSearchTerms) {
  for (const char* query : {"a", "the", "of the", "de", "da do", "x", "A B"}) {
    const ItemPage page = search(query);
    EXPECT_EQ(page.total, 0u) << query;
    EXPECT_TRUE(page.hits.empty()) << query;
  }
  EXPECT_EQ(codes(search("criminal a record")), codes(search("criminal record")));
  EXPECT_EQ(codes(search("certidão de registo")), codes(search("certidao registo")));
}

TEST_F(CatalogIndexTest, TraditionalQueryFindsTheSameItemsAsSimplified) {
  EXPECT_EQ(codes(search("身份證")), codes(search("身份证")));
  EXPECT_EQ(codes(search("刑事紀錄")), std::vector<std::string>{"MO-DSI-005"});
  EXPECT_EQ(codes(search("不動產")), std::vector<std::string>{"JM-NR-001"});
}

TEST_F(CatalogIndexTest, PortugueseWithoutAccentsOrCase) {
  EXPECT_EQ(codes(search("certidao")), std::vector<std::string>{"MO-DSI-005"});
  EXPECT_EQ(codes(search("CERTIDÃO")), std::vector<std::string>{"MO-DSI-005"});
  EXPECT_EQ(code_set(search("REGISTO")), (std::set<std::string>{"MO-DSI-005", "JM-NR-001"}));
  EXPECT_EQ(codes(search("renovacao bilhete")), std::vector<std::string>{"MO-DSI-001"});
}

TEST_F(CatalogIndexTest, EnglishWordsAndPrefixes) {
  EXPECT_EQ(codes(search("criminal record")), std::vector<std::string>{"MO-DSI-005"});
  EXPECT_EQ(codes(search("Certificate of Criminal Record")).front(), "MO-DSI-005");
  EXPECT_EQ(codes(search("pens")), std::vector<std::string>{"JM-HRSS-003"});
}

TEST_F(CatalogIndexTest, ChineseSubstringOfANameHits) {
  EXPECT_EQ(codes(search("养老保险")), std::vector<std::string>{"JM-HRSS-003"});
  EXPECT_EQ(codes(search("续期")), std::vector<std::string>{"MO-DSI-001"});
  // A one-character query uses unigrams.
  EXPECT_TRUE(code_set(search("续")).contains("MO-DSI-001"));
}

TEST_F(CatalogIndexTest, TraditionalOnlyCatalogTextIsFoundBySimplifiedQueryAndViceVersa) {
  domain::Catalog catalog = make_catalog();
  catalog.items.resize(2);
  catalog.items[0].name = text("臨時居民身份證辦理", "臨時居民身份證辦理", "BIR temporário", "Temporary ID card");
  catalog.items[0].keywords.clear();
  catalog.items[1].name = text("特区护照", "特区护照", "Passaporte", "SAR passport");
  const CatalogIndex index(catalog, index_->folder(), index_->pinyin());
  EXPECT_EQ(codes(index.search({.text = "临时居民身份证"})), std::vector<std::string>{"JM-PSB-001"});
  EXPECT_EQ(codes(index.search({.text = "特區護照"})), std::vector<std::string>{"MO-DSI-001"});
}

TEST_F(CatalogIndexTest, PinyinInFullAndByInitialsFindsIdentityCardItems) {
  const std::set<std::string> identity{"JM-PSB-001", "MO-DSI-001"};
  for (const char* query : {"shenfenzheng", "sfz", "Shen Fen Zheng", "fenzheng"}) {
    const ItemPage page = search(query);
    ASSERT_GE(page.hits.size(), 2u) << query;
    // The two names; the authority 身份证明局 (shenfenzhengmingju) also matches, far below them (cut off).
    EXPECT_EQ(code_set(page), identity) << query;
  }
  EXPECT_EQ(codes(search("budongchan")), std::vector<std::string>{"JM-NR-001"});
  EXPECT_EQ(codes(search("bdcdj")), std::vector<std::string>{"JM-NR-001"});
  EXPECT_EQ(codes(search("zaishengzhengming")), std::vector<std::string>{"MO-FSS-001"});
}

TEST_F(CatalogIndexTest, MixedLanguagesMustAllMatch) {
  EXPECT_EQ(codes(search("身份证 renewal")), std::vector<std::string>{"MO-DSI-001"});
  // 江门 matches the jurisdiction name of Jiangmen items; 身份证 a name, and the pension item's description (far
  // below: cut off).
  EXPECT_EQ(codes(search("江门 身份证")), (std::vector<std::string>{"JM-PSB-001"}));
  EXPECT_TRUE(search("身份证 passport").hits.empty());
}

TEST_F(CatalogIndexTest, NameMatchOutranksAuthorityMatch) {
  // 证明 is in the names 在生证明 and 刑事纪录证明书, and in the authority name 身份证明局 of MO-DSI-001, which
  // scores under the cut-off.
  EXPECT_EQ(codes(search("证明")), (std::vector<std::string>{"MO-DSI-005", "MO-FSS-001"}));
}

TEST_F(CatalogIndexTest, NameStartingWithTheQueryOutranksNameContainingIt) {
  // Both names contain "registo"; "Registo predial" starts with it.
  EXPECT_EQ(codes(search("registo")), (std::vector<std::string>{"JM-NR-001", "MO-DSI-005"}));
  EXPECT_EQ(codes(search("criminal")).front(), "MO-DSI-005");
  const ItemPage by_code = search("MO-DSI-005");
  ASSERT_FALSE(by_code.hits.empty());
  EXPECT_EQ(by_code.hits.front().item->code, "MO-DSI-005");
}

TEST_F(CatalogIndexTest, EqualScoresAreOrderedByNameInThePageLanguage) {
  // Both MO identification items match only through their authority's name: equal scores.
  ItemQuery query{.text = "identification services"};
  const ItemPage page = run(query);
  ASSERT_EQ(page.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(page.hits[0].score, page.hits[1].score);
  // zh-Hans (the default) in pinyin order: 刑事 (xing) before 永久 (yong); zh-Hant in stroke order: 永 (5 strokes)
  // before 刑 (6); English: "Certificate…" before "Renewal…".
  EXPECT_EQ(codes(page), (std::vector<std::string>{"MO-DSI-005", "MO-DSI-001"}));
  query.language = domain::Language::zh_Hant;
  EXPECT_EQ(codes(run(query)), (std::vector<std::string>{"MO-DSI-001", "MO-DSI-005"}));
  query.language = domain::Language::en;
  EXPECT_EQ(codes(run(query)), (std::vector<std::string>{"MO-DSI-005", "MO-DSI-001"}));
}

TEST_F(CatalogIndexTest, EqualScoresPutTheVisitorsJurisdictionFirst) {
  // Both names contain 身份证 the same way: equal scores, whoever searches.
  ItemQuery query{.text = "身份证"};
  query.visitor_jurisdiction = "MO";
  const ItemPage in_macao = run(query);
  ASSERT_EQ(in_macao.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(in_macao.hits[0].score, in_macao.hits[1].score);
  EXPECT_EQ(codes(in_macao), (std::vector<std::string>{"MO-DSI-001", "JM-PSB-001"}));
  query.visitor_jurisdiction = "CN-GD-JM";
  EXPECT_EQ(codes(run(query)), (std::vector<std::string>{"JM-PSB-001", "MO-DSI-001"}));
  // Browsing in Jiangmen: Jiangmen's items, then the Macao zone it hosts, then the other Macao item; by name in
  // each group (pinyin: bu, ju, qi; xing, yong).
  ItemQuery browse{.limit = 100};
  browse.visitor_jurisdiction = "CN-GD-JM";
  EXPECT_EQ(codes(run(browse)), (std::vector<std::string>{"JM-NR-001", "JM-PSB-001", "JM-HRSS-003", "MO-DSI-005",
                                                          "MO-DSI-001", "MO-FSS-001"}));
  // A jurisdiction the catalog does not know gives no preference (and is no error).
  browse.visitor_jurisdiction = "XX";
  EXPECT_EQ(codes(run(browse)), codes(run(ItemQuery{.limit = 100})));
}

TEST_F(CatalogIndexTest, EmptyQueryListsAllItemsByName) {
  const ItemPage page = run(ItemQuery{.limit = 100});
  EXPECT_EQ(page.total, 6u);
  // Pinyin order of the zh-Hans names: 不动产 (bu), 居民 (ju), 企业 (qi), 刑事 (xing), 永久 (yong), 在生 (zai).
  EXPECT_EQ(codes(page), (std::vector<std::string>{"JM-NR-001", "JM-PSB-001", "JM-HRSS-003", "MO-DSI-005", "MO-DSI-001",
                                                   "MO-FSS-001"}));
  for (const auto& hit : page.hits) EXPECT_EQ(hit.score, 0.0);
}

TEST_F(CatalogIndexTest, PunctuationOnlyQueryBehavesAsEmpty) {
  EXPECT_EQ(codes(search("！？…,.;  --")), codes(search("")));
}

TEST_F(CatalogIndexTest, UnknownWordsFindNothing) {
  const ItemPage page = search("zzqqxx");
  EXPECT_TRUE(page.hits.empty());
  EXPECT_EQ(page.total, 0u);
}

TEST_F(CatalogIndexTest, FiltersByJurisdictionAuthorityModeLifeEventAndZone) {
  EXPECT_EQ(code_set(run({.jurisdiction = "MO"})), (std::set<std::string>{"MO-DSI-001", "MO-DSI-005", "MO-FSS-001"}));
  EXPECT_EQ(code_set(run({.authority = "MO-DSI"})), (std::set<std::string>{"MO-DSI-001", "MO-DSI-005"}));
  EXPECT_EQ(code_set(run({.mode = HandlingMode::joint})), std::set<std::string>{"JM-HRSS-003"});
  EXPECT_EQ(code_set(run({.life_event = "retirement"})), (std::set<std::string>{"JM-HRSS-003", "MO-FSS-001"}));
  EXPECT_EQ(code_set(run({.zone = "ZONE-MO-IN-JM"})), (std::set<std::string>{"MO-DSI-001", "MO-DSI-005"}));
  EXPECT_TRUE(run({.life_event = "no_such_event"}).hits.empty());
}

TEST_F(CatalogIndexTest, ServicePointFilterFollowsCatalogRule) {
  // The Jiangmen window takes its own items and the Macao zone's items; the Macao window only Macao items.
  EXPECT_EQ(code_set(run({.service_point = "JM-WIN-PENGJIANG"})),
            (std::set<std::string>{"JM-HRSS-003", "JM-NR-001", "JM-PSB-001", "MO-DSI-001", "MO-DSI-005"}));
  EXPECT_EQ(code_set(run({.service_point = "MO-WIN-DSI-HQ"})),
            (std::set<std::string>{"MO-DSI-001", "MO-DSI-005", "MO-FSS-001"}));
}

TEST_F(CatalogIndexTest, FiltersCombineWithTextAndEachOther) {
  // Among Macao's items, the name match; the authority match (身份证明局) is cut off.
  EXPECT_EQ(codes(run({.text = "身份证", .jurisdiction = "MO"})), (std::vector<std::string>{"MO-DSI-001"}));
  EXPECT_EQ(code_set(run({.text = "居民", .service_point = "JM-WIN-PENGJIANG", .mode = HandlingMode::online})),
            (std::set<std::string>{"JM-PSB-001", "MO-DSI-001"}));
  EXPECT_TRUE(run({.jurisdiction = "CN-GD-JM", .zone = "ZONE-MO-IN-JM"}).hits.empty());
  EXPECT_EQ(codes(run({.life_event = "moving", .mode = HandlingMode::delegated})),
            std::vector<std::string>{"JM-NR-001"});
}

TEST_F(CatalogIndexTest, UnknownFilterCodesAndBadLimitsAreErrors) {
  EXPECT_THROW(run({.jurisdiction = "XX"}), QueryError);
  EXPECT_THROW(run({.authority = "MO-NONE"}), QueryError);
  EXPECT_THROW(run({.service_point = "NOWHERE"}), QueryError);
  EXPECT_THROW(run({.zone = "ZONE-NONE"}), QueryError);
  EXPECT_THROW(run({.limit = 0}), QueryError);
  EXPECT_THROW(run({.limit = CatalogIndex::kMaxLimit + 1}), QueryError);
  try {
    run({.service_point = "NOWHERE"});
  } catch (const QueryError& error) {
    EXPECT_NE(std::string(error.what()).find("NOWHERE"), std::string::npos);
  }
}

TEST_F(CatalogIndexTest, PagesCoverAllHitsOnceWithConstantTotal) {
  const auto all = codes(run(ItemQuery{.limit = 100}));
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 8; offset += 2) {
    const ItemPage page = run(ItemQuery{.offset = offset, .limit = 2});
    EXPECT_EQ(page.total, 6u);
    EXPECT_LE(page.hits.size(), 2u);
    for (const auto& code : codes(page)) paged.push_back(code);
  }
  EXPECT_EQ(paged, all);
  const ItemPage beyond = run(ItemQuery{.offset = 1000});
  EXPECT_TRUE(beyond.hits.empty());
  EXPECT_EQ(beyond.total, 6u);
}

TEST_F(CatalogIndexTest, VeryLongQueryIsCutAndStillAnswered) {
  std::string query;
  while (query.size() < 200000) query += "身份证 ";
  const ItemPage page = search(query);
  EXPECT_EQ(codes(page), codes(search("身份证")));
  std::string words;
  for (int i = 0; i < 5000; ++i) words += "word" + std::to_string(i) + " ";
  EXPECT_TRUE(search(words).hits.empty());
  // The cap falls inside 续 (3 bytes): the cut backs off to the character boundary, so only the spaces remain.
  const std::string cut_inside = std::string(CatalogIndex::kMaxQueryBytes - 1, ' ') + "续期";
  EXPECT_EQ(search(cut_inside).total, 6u);
}

TEST_F(CatalogIndexTest, DuplicateItemCodesAreRejected) {
  domain::Catalog catalog = make_catalog();
  catalog.items.push_back(catalog.items.front());
  EXPECT_THROW(CatalogIndex(catalog, index_->folder(), index_->pinyin()), std::invalid_argument);
}

TEST_F(CatalogIndexTest, ConcurrentSearchesGiveTheSameResults) {
  const std::vector<std::string> queries = {"身份證", "sfz", "certidao", "", "养老", "registo"};
  std::vector<std::vector<std::string>> expected;
  for (const auto& q : queries) expected.push_back(codes(search(q)));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
          if (codes(search(queries[i])) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace tongban::search
