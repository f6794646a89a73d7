#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/report_packs.hpp"
#include "pedalpower/domain/report_packs.hpp"
#include "pedalpower/export/file_writer.hpp"
#include "routes/list_page.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// The kept workbook, copied for sending: the answer's file is deleted once sent, the pack is not.
response pack_download(const app& application, const domain::report_pack& pack)
{
  const auto kept = report_pack_folder(application) / pack.file_name;
  std::error_code missing;
  if (!std::filesystem::is_regular_file(kept, missing)) {
    return error_response(problem_kind::internal, "report_pack_file_missing", "the pack's file is missing from the server's data folder");
  }
  auto copy = body_file::create();
  std::filesystem::copy_file(kept, copy->path(), std::filesystem::copy_options::overwrite_existing);
  response answer;
  answer.content_type = std::string(exports::media_type(exports::file_format::xlsx));
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + pack.file_name + "\"");
  answer.file = std::move(copy);
  return answer;
}

}  // namespace

void add_report_pack_routes(router& routes, const app& application)
{
  // Aggregates only, as in the reports they hold: for coordinators and report authors.
  routes.add("GET", "/api/v1/reports/packs", {role::coordinator, role::reporter},
             [&application](const request& req, responder respond) {
               respond(list_answer(req, domain::list_report_packs(application.reader()), {"month", "made_at", "size_bytes"},
                                   "-month"));
             });
  // Also at {month}.xlsx: the parameter takes the whole last segment, so the ending is cut here.
  routes.add("GET", "/api/v1/reports/packs/{month}", {role::coordinator, role::reporter},
             [&application](const request& req, responder respond) {
               std::string_view month = req.path_param("month");
               if (month.ends_with(".xlsx")) month.remove_suffix(std::string_view(".xlsx").size());
               const auto found = domain::find_report_pack(application.reader(), std::string(month));
               if (!found) return respond(problem_response(found.error()));
               respond(pack_download(application, found.value()));
             });
}

}  // namespace pedalpower::api
