#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pedalpower::domain {

struct csv_record {
  int line = 0;  ///< line of the text where the record starts, from 1
  std::vector<std::string> fields;
};

struct csv_document {
  std::vector<csv_record> records;  ///< blank lines left out
  std::optional<int> unterminated_quote_line;  ///< where a quoted field opened and never closed
};

/// Splits comma-separated text as RFC 4180 describes and spreadsheets write it: quoted fields may
/// hold commas, line breaks and doubled quotes; lines end in LF, CRLF or CR; a UTF-8 byte order
/// mark at the start is dropped.
csv_document read_csv(std::string_view text);

}  // namespace pedalpower::domain
