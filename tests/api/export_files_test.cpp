#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "auth_fixture.hpp"
#include "pedalpower/domain/audit.hpp"

using namespace auth_fixture;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

/// The Id column of a CSV export, skipping its byte-order mark and header.
std::vector<std::string> first_column(const std::string& csv)
{
  std::vector<std::string> ids;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) ids.push_back(line.substr(0, line.find(',')));
  return ids;
}

}  // namespace

TEST_CASE("files a stopped server left beside its database are removed when the next one starts")
{
  temp_database file;
  const fs::path folder = file.path() + "-exports";
  fs::create_directories(folder);
  write_file(folder / "pedalpower-body-Ab12Cd", "half an export from a server that was killed");
  write_file(folder / "pedalpower-body-Ef34Gh", "another");
  write_file(folder / "README", "not a file the server made");

  const api::app application(app_calls::test_config(file.path()));

  CHECK(application.file_folder() == folder.string());
  CHECK_FALSE(fs::exists(folder / "pedalpower-body-Ab12Cd"));
  CHECK_FALSE(fs::exists(folder / "pedalpower-body-Ef34Gh"));
  CHECK(fs::exists(folder / "README"));
  CHECK((fs::status(folder).permissions() & fs::perms::all) == fs::perms::owner_all);
}

TEST_CASE("an export is written in the folder beside the database and gone once its answer is dropped")
{
  access_app fixture;
  const auto coordinator = fixture.signed_in_as("coordinator");
  std::string written_at;
  {
    const auto answer =
        app_calls::dispatch(fixture.application(), coordinator.sign(make_request("GET", "/api/v1/audit.csv"), false));
    REQUIRE(answer.status == 200);
    REQUIRE(answer.file);
    written_at = answer.file->path();
    CHECK(fs::path(written_at).parent_path() == fs::path(fixture.application().file_folder()));
    CHECK(fs::exists(written_at));
  }
  CHECK_FALSE(fs::exists(written_at));
}

TEST_CASE("an export of a list longer than many batches has every row once, in the list's order")
{
  access_app fixture;
  const auto coordinator = fixture.signed_in_as("coordinator");
  fixture.on_writer([](db::connection& db) {
    for (int i = 0; i < 1'000; ++i) {
      domain::record_audit(db, domain::actor{"fixture"}, 1'600'000'000 + i % 7, "update", "fixture",
                           std::to_string(i), std::nullopt, nlohmann::json{{"n", i}});
    }
    return 0;
  });
  const auto total = fixture.count("SELECT count(*) FROM audit_log");

  for (const std::string sort : {"", "at", "-at"}) {
    const auto target = "/api/v1/audit.csv" + (sort.empty() ? "" : "?sort=" + sort);
    const auto answer = app_calls::dispatch(fixture.application(), coordinator.sign(make_request("GET", target), false));
    REQUIRE(answer.status == 200);
    const auto ids = first_column(answer.body);
    CHECK(static_cast<std::int64_t>(ids.size()) == total);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());

    // The same rows in the same order as the JSON list's pages, read one after another.
    std::vector<std::string> paged;
    for (int page = 1; static_cast<std::int64_t>(paged.size()) < total; ++page) {
      const auto listed = app_calls::dispatch(
          fixture.application(),
          coordinator.sign(make_request("GET", "/api/v1/audit?page_size=200&page=" + std::to_string(page) +
                                                   (sort.empty() ? "" : "&sort=" + sort)),
                           false));
      const auto data = nlohmann::json::parse(listed.body).at("data");
      REQUIRE_FALSE(data.empty());
      for (const auto& entry : data) paged.push_back(std::to_string(entry.at("id").get<std::int64_t>()));
    }
    CHECK(ids == paged);
  }
}
