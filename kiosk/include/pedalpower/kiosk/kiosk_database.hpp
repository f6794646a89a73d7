#pragma once

#include <memory>
#include <string>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::kiosk {

/// Opens (creating if needed) the kiosk's own SQLite file: the action journal and the offline
/// caches. WAL with synchronous=FULL, so a committed row survives a power cut. Each thread opens
/// its own. Throws db::error.
std::unique_ptr<db::connection> open_kiosk_database(const std::string& path);

}  // namespace pedalpower::kiosk
