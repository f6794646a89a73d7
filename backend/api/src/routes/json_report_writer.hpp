#pragma once

#include <nlohmann/json.hpp>

#include "pedalpower/domain/report_writer.hpp"

namespace pedalpower::api {

/// A report as JSON: {"method": [{"label", "value"}], "sheets": [{"title", "columns": [{"key",
/// "title", "kind"}], "rows": [{<column key>: cell}]}]}. A suppressed count stays the text "<5".
class json_report_writer : public domain::report_writer {
public:
  void method(std::span<const domain::method_line> lines) override;
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override;
  void row(std::span<const domain::report_cell> cells) override;
  void end_sheet() override {}

  const nlohmann::json& document() const noexcept { return document_; }

private:
  nlohmann::json document_ = {{"method", nlohmann::json::array()}, {"sheets", nlohmann::json::array()}};
  std::vector<std::string> keys_;
};

}  // namespace pedalpower::api
