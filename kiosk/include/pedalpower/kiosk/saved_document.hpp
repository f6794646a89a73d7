#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::kiosk {

/// One JSON document the kiosk keeps as the single row (id 1) of a table of its database, with
/// when it was taken: the last one saved wins.
class saved_document {
public:
  /// `table` holds the columns id, `column` (the document's text) and taken_at.
  saved_document(db::connection& database, std::string table, std::string column);

  void save(const nlohmann::json& document, pedalpower::unix_seconds now);
  /// The document last saved, if any.
  std::optional<nlohmann::json> last_saved();
  /// Replaces the saved document and keeps when it was taken.
  void update(const nlohmann::json& document);

private:
  db::connection& db_;
  std::string save_sql_;
  std::string select_sql_;
  std::string update_sql_;
};

}  // namespace pedalpower::kiosk
