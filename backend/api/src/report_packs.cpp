#include "pedalpower/api/report_packs.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>

#include <openssl/evp.h>

#include "pedalpower/api/app.hpp"
#include "pedalpower/domain/report_packs.hpp"
#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::api {
namespace {

constexpr std::string_view software = "Pedal Power Fleet " PEDALPOWER_VERSION;
const domain::actor pack_maker{"system:report-packs"};

/// The SHA-256 of the file at `path`, lower-case hex. Throws std::runtime_error.
std::string sha256_of(const std::filesystem::path& path)
{
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path.string());
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available");
  }
  std::array<char, 65536> buffer{};
  while (file) {
    file.read(buffer.data(), buffer.size());
    if (file.gcount() > 0 && EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(file.gcount())) != 1) {
      throw std::runtime_error("SHA-256 failed");
    }
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) throw std::runtime_error("SHA-256 failed");
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    char pair[3];
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

/// Writes the workbook of `month` into `folder` and says what was made. Throws on failure, leaving
/// no partial file behind.
domain::report_pack write_pack_file(const app& application, const std::filesystem::path& folder, const std::string& month)
{
  const auto file_name = "report-pack-" + month + ".xlsx";
  // Unique while it is written: another server on the same folder may be taking over a stale claim.
  const auto partial = folder / ("." + file_name + "." + std::to_string(std::random_device{}()) + ".part");
  try {
    {
      auto workbook = exports::open_file_writer(exports::file_format::xlsx, partial, {.scratch_folder = folder});
      const std::vector<domain::method_line> stamp{{"Made at", pedalpower::iso8601(pedalpower::current_time())},
                                                   {"Made by", std::string(software)}};
      const auto written = domain::write_report_pack(application.reader(), month,
                                                     application.config().report_suppress_below, *workbook, stamp);
      if (!written) throw std::runtime_error("the pack of " + month + " cannot be made: " + written.error().message);
      workbook->finish();
    }
    domain::report_pack made{month, pedalpower::current_time(), file_name,
                             static_cast<std::int64_t>(std::filesystem::file_size(partial)), sha256_of(partial)};
    std::filesystem::rename(partial, folder / file_name);
    return made;
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
}

}  // namespace

std::filesystem::path report_pack_folder(const app& application)
{
  const auto& configured = application.config().report_packs.folder;
  // Named after its database, so two databases in one folder keep their packs apart.
  const auto database = std::filesystem::absolute(application.config().database.path);
  const auto folder = configured.empty()
                          ? database.parent_path() / (database.stem().string() + "-report-packs")
                          : std::filesystem::path(configured);
  std::filesystem::create_directory(folder);
  return folder;
}

std::vector<std::string> make_due_report_packs(const app& application, pedalpower::unix_seconds now)
{
  const auto due = application.writer()
                       .run([now](db::connection& db) { return domain::report_pack_months_due(db, now); })
                       .get();
  if (due.empty()) return {};
  const auto folder = report_pack_folder(application);
  const auto& url = application.config().public_url;
  std::vector<std::string> made;
  for (const auto& month : due) {
    const bool claimed = application.writer()
                             .run([&month, now](db::connection& db) { return domain::claim_report_pack(db, month, now); })
                             .get();
    if (!claimed) continue;
    domain::report_pack pack;
    try {
      pack = write_pack_file(application, folder, month);
    } catch (...) {
      application.writer().run([&month](db::connection& db) { domain::release_report_pack(db, month); }).get();
      throw;
    }
    const auto link = url + domain::report_pack_path(month);
    application.writer()
        .run([&pack, &link](db::connection& db) {
          domain::record_report_pack(db, pack_maker, pedalpower::current_time(), pack, link);
        })
        .get();
    made.push_back(month);
  }
  return made;
}

}  // namespace pedalpower::api
