#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pedalpower/core/clock.hpp"

namespace pedalpower::api {

class app;

/// The folder the application keeps its report packs in (made when missing).
std::filesystem::path report_pack_folder(const app& application);

/// Makes the report pack of every month due at `now` that this server can claim (another server
/// on the same database may be making one already): writes the workbook into the pack folder,
/// records its size and SHA-256, audits it and queues the message to the report authors. Returns
/// the months made, oldest first. A month whose file cannot be written is given back for a later
/// run, and the failure thrown (std::runtime_error, db::error).
std::vector<std::string> make_due_report_packs(const app& application, pedalpower::unix_seconds now);

}  // namespace pedalpower::api
