#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/domain/report_writer.hpp"

namespace pedalpower::api {

class app;

/// The words a reader sees for a code in a list's file: "car_diesel" reads "Car, diesel".
using column_words = std::function<std::string_view(std::string_view code)>;

/// A list the API answers as JSON and as a file.
struct exportable_list {
  std::string name;  ///< in the file's name: "bikes" gives bikes-2026-12-02.csv
  /// What a file shows of each item: a column's key is the item's field as the JSON list names it,
  /// "staff/name" for a field inside an object. A file never shows more than the JSON list.
  std::vector<domain::report_column> columns;
  /// The page `wanted` of the items the request's filters select, in the list envelope
  /// {"data", "page", "page_size", "total"}. Reads the filters from the request, the page and
  /// sort from `wanted`, and passes `wanted.cursor` on to the domain's list (an export reads the
  /// whole list through it, a batch a call). Throws api::error for a bad filter.
  std::function<nlohmann::json(const request& req, const domain::page_request& wanted)> page;
  /// Columns whose codes a reader wants in words, by key: a commute mode's "car_diesel" reads
  /// "Car, diesel". Yes and no need none: every list shows them so.
  std::map<std::string, column_words> words = {};
};

/// Registers GET `pattern` for `roles`, answering as JSON (`json_answer`, by default the page the
/// request asks for) or, when the request asks by Accept or by `pattern`.csv, .xlsx or .ods, as a
/// file of every item its filters select on the slow lane, read max_page_size at a time through one
/// statement (list_cursor) in one snapshot of the database and written a row at a time to a
/// temporary file.
void add_exportable_list(router& routes, const app& application, const std::string& pattern,
                         std::initializer_list<role> roles, exportable_list list, handler json_answer = {});

}  // namespace pedalpower::api
