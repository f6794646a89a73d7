#pragma once

#include <span>
#include <string>
#include <string_view>

#include "spreadsheet_cell.hpp"

namespace pedalpower::exports::ods {

/// The package's media type, which its mimetype entry holds.
inline constexpr std::string_view media_type = "application/vnd.oasis.opendocument.spreadsheet";

/// The start of content.xml up to the first table: the namespaces, then the automatic styles every
/// sheet uses (number, date, moment and month formats, the header's style, the column widths).
std::string content_start();
/// The end of content.xml after the last table.
std::string_view content_end();

/// The cell style for a number shown to `places` decimals, a date, a moment, a month or a header.
std::string_view number_style(int places);
std::string_view date_style(bool with_time);
std::string_view month_style();
std::string_view header_style();
/// The column style nearest `characters` wide.
std::string column_style(double characters);

/// settings.xml: each sheet opens with its header row frozen.
std::string settings(std::span<const std::string> sheet_names);
/// META-INF/manifest.xml for a package holding content.xml and settings.xml.
std::string_view manifest();

}  // namespace pedalpower::exports::ods
