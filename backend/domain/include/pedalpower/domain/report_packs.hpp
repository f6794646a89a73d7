#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/report_writer.hpp"
#include "pedalpower/db/fwd.hpp"

// The monthly report pack: the activity, equity, fleet-use and distance reports of one whole UTC
// month in one workbook, made once on the first of the next month and kept.
namespace pedalpower::domain {

/// A month's pack as kept.
struct report_pack {
  std::string month;  ///< 'YYYY-MM'
  unix_seconds made_at = 0;
  std::string file_name;  ///< in the server's pack folder
  std::int64_t size_bytes = 0;
  std::string sha256;  ///< of the file, lower-case hex
};

/// month, made_at (ISO 8601), size_bytes, sha256 and download (the API path of the file).
void to_json(nlohmann::json& out, const report_pack& pack);

/// The API path a pack is downloaded from: "/api/v1/reports/packs/2026-11".
std::string report_pack_path(const std::string& month);

/// The whole months whose pack is due at `now`, oldest first: the month before `now`'s, and every
/// month after the newest pack made or claimed (so a server down on the first catches up), at most
/// the last 12. A month made, or claimed less than an hour ago, is not due.
std::vector<std::string> report_pack_months_due(db::connection& db, unix_seconds now);

/// Claims `month` for making in the caller's transaction: true when nobody had (or a claim is over
/// an hour old, left by a server that stopped while writing); false when it is made or being made.
bool claim_report_pack(db::connection& db, const std::string& month, unix_seconds now);

/// Gives a claim back after the file could not be made, so a later run tries again.
void release_report_pack(db::connection& db, const std::string& month);

/// Writes the pack of `month` ('YYYY-MM'): the sheets of the activity, equity, fleet-use and
/// distance reports for that month (all sites, direct emissions, the reports' defaults, counts
/// below `suppress_below` people suppressed), then one method of every report's lines, each
/// labelled with its report, followed by `stamp` (when and by what it was made). The method comes
/// last, so `out` must keep it for the end of the file (as the XLSX writer does, on its Method
/// sheet). Problems: invalid "month". Throws db::error.
outcome<done> write_report_pack(db::connection& db, const std::string& month, int suppress_below, report_writer& out,
                                std::span<const method_line> stamp);

/// Records the claimed month's file as made, audits it, and queues one message to each active
/// report author with an address saying it is ready, with `link` to download it. Throws db::error.
void record_report_pack(db::connection& db, const actor& who, unix_seconds now, const report_pack& made,
                        const std::string& link);

/// Every pack made, newest month first.
std::vector<report_pack> list_report_packs(db::connection& db);

/// The pack of `month`: not_found "report_pack_not_found" when it is not made (yet).
outcome<report_pack> find_report_pack(db::connection& db, const std::string& month);

}  // namespace pedalpower::domain
