// CSV as coordinators upload it: a staff list exported from an HR system, split by the CSV reader
// and previewed against the demo scheme (which reads its dates, bands, sites and numbers), and a
// ride's CSV track. A preview changes nothing, so every input meets the same database.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_database.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/domain/csv_reader.hpp"
#include "pedalpower/domain/staff_import.hpp"
#include "pedalpower/telematics/csv_track.hpp"
#include "pedalpower/telematics/error.hpp"

using namespace pedalpower;

namespace {

db::connection& demo_scheme()
{
  static db::connection* const db = [] {
    fuzz_app::remove_database();
    std::atexit(fuzz_app::remove_database);
    auto* opened = new db::connection({fuzz_app::database_path(), db::synchronous_mode::off});
    db::migrate(*opened);
    if (!domain::seed_demo(*opened, fuzz_app::seeded_at)) std::abort();
    return opened;
  }();
  return *db;
}

}  // namespace

// The demo scheme is made before the first input, so its seconds do not count as that input's.
extern "C" int LLVMFuzzerInitialize(int*, char***)
{
  demo_scheme();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto document = domain::read_csv(text);
  for (const auto& record : document.records) {
    if (record.line < 1) std::abort();
  }
  auto& db = demo_scheme();
  (void)domain::preview_staff_import(db, fuzz_app::seeded_at, text, domain::import_mode::update_only);
  (void)domain::preview_staff_import(db, fuzz_app::seeded_at, text, domain::import_mode::full_list);
  try {
    (void)telematics::parse_csv_track(text);
  } catch (const telematics::invalid_input&) {
  }
  return 0;
}
