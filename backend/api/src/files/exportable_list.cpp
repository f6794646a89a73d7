#include "files/exportable_list.hpp"

#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "files/file_answer.hpp"
#include "files/requested_format.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/core/clock.hpp"
#include "routes/list_params.hpp"

namespace pedalpower::api {
namespace {

/// One read transaction over every page, so an export is one consistent picture of the database
/// even while changes are committed beside it.
class read_snapshot {
public:
  explicit read_snapshot(db::connection& db) : db_(db) { db_.execute_script("BEGIN"); }
  ~read_snapshot()
  {
    try {
      db_.execute_script("COMMIT");
    } catch (...) {  // a read transaction has nothing to lose
    }
  }
  read_snapshot(const read_snapshot&) = delete;
  read_snapshot& operator=(const read_snapshot&) = delete;

private:
  db::connection& db_;
};

domain::report_cell cell_of(const nlohmann::json& value, const column_words* words)
{
  if (words && value.is_string()) return std::string((*words)(value.get_ref<const std::string&>()));
  switch (value.type()) {
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return value.get<std::int64_t>();
    case nlohmann::json::value_t::number_float:
      return value.get<double>();
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return std::string(value.get<bool>() ? "Yes" : "No");
    case nlohmann::json::value_t::object:
    case nlohmann::json::value_t::array:
      return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    default:
      return {};
  }
}

/// The filters as asked, for the method: every query parameter but paging.
std::string filters_of(const request& req)
{
  std::string text;
  for (const auto& [name, value] : req.query) {
    if (name == "page" || name == "page_size" || name == "sort") continue;
    text += (text.empty() ? "" : ", ") + name + "=" + value;
  }
  return text.empty() ? "none" : text;
}

void write_list(const request& req, const exportable_list& list, domain::report_writer& out)
{
  std::vector<nlohmann::json::json_pointer> fields;
  std::vector<const column_words*> words;
  for (const auto& column : list.columns) {
    fields.emplace_back("/" + column.key);
    const auto said = list.words.find(column.key);
    words.push_back(said == list.words.end() ? nullptr : &said->second);
  }
  const auto sort = query_text(req, "sort").value_or("");
  const std::vector<domain::method_line> method{
      {"List", list.name}, {"Filters", filters_of(req)}, {"Sort", sort.empty() ? "the list's own order" : sort}};
  out.method(method);
  out.begin_sheet(list.name, list.columns);
  std::vector<domain::report_cell> cells(list.columns.size());
  domain::list_cursor cursor;
  const domain::page_request wanted{1, domain::max_page_size, sort, &cursor};
  while (!cursor.finished()) {
    const auto page = list.page(req, wanted);
    if (!cursor.started()) throw std::logic_error("the list " + list.name + " is not read through a cursor");
    for (const auto& item : page.at("data")) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        cells[i] = item.contains(fields[i]) ? cell_of(item.at(fields[i]), words[i]) : domain::report_cell{};
      }
      out.row(cells);
    }
  }
  out.end_sheet();
}

response list_file(const app& application, const request& req, const exportable_list& list,
                   exports::file_format format)
{
  const read_snapshot snapshot(application.reader());
  const auto stem = list.name + "-" + pedalpower::utc_date(pedalpower::current_time());
  return file_answer(application, format, stem, [&](domain::report_writer& out) { write_list(req, list, out); });
}

}  // namespace

void add_exportable_list(router& routes, const app& application, const std::string& pattern,
                         std::initializer_list<role> roles, exportable_list list, handler json_answer)
{
  auto shared = std::make_shared<const exportable_list>(std::move(list));
  if (!json_answer) {
    json_answer = [shared](const request& req, const responder& respond) {
      respond(json_response(shared->page(req, page_request_of(req))));
    };
  }
  routes.add("GET", pattern, roles,
             [&application, shared, json_answer = std::move(json_answer)](const request& req, responder respond) {
               const auto format = requested_format(req);
               if (format == exports::file_format::json) return json_answer(req, std::move(respond));
               respond(list_file(application, req, *shared, format));
             });
  routes.add_endings("GET", pattern, file_endings(), asks_for_file);
}

}  // namespace pedalpower::api
