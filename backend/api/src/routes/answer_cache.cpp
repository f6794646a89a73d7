#include "routes/answer_cache.hpp"

namespace pedalpower::api {

std::int64_t data_version(db::connection& db)
{
  auto& pragma = db.query("PRAGMA data_version");
  pragma.step();
  const auto version = pragma.get_int(0);
  pragma.reset();
  return version;
}

}  // namespace pedalpower::api
