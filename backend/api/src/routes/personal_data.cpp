#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/staff_erasure.hpp"
#include "pedalpower/domain/subject_access.hpp"
#include "domain_answers.hpp"
#include "routes/list_params.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

// A staff member's rights over their data: a copy of everything held (subject access) and, once
// they have left, erasure that keeps the scheme's totals whole.
namespace pedalpower::api {
namespace {

std::string positions_address(std::int64_t staff_id)
{
  return "/api/v1/staff/" + std::to_string(staff_id) + "/subject-access/positions";
}

response as_download(response answer, const std::string& filename)
{
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return answer;
}

/// Hands `answer` out only once the request for it is in the audit log.
void audited_handover(const app& application, const request& req, const responder& respond, response answer,
                      std::int64_t staff_id, std::string action, nlohmann::json what)
{
  application.write(req, respond,
                    [answer = std::move(answer), staff_id, action = std::move(action), what = std::move(what)](
                        db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                      domain::record_audit(db, who, now, action, "staff", std::to_string(staff_id), std::nullopt, what);
                      return answer;
                    });
}

void subject_access(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto now = pedalpower::current_time();
  auto record = domain::subject_access_record(application.reader(), id, now);
  if (!record) {
    respond(problem_response(record.error()));
    return;
  }
  auto document = std::move(record).value();
  auto& positions = document["parts"]["positions"];
  positions["pages_at"] = positions_address(id) + "?page=1&page_size=" + std::to_string(domain::subject_access_positions_page_size);
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [name, part] : document["parts"].items()) {
    counts[name] = part.contains("total") ? part["total"] : nlohmann::json(part["data"].is_array() ? part["data"].size() : 1);
  }
  auto answer = as_download(json_response(document),
                            "subject-access-staff-" + std::to_string(id) + "-" + pedalpower::utc_date(now) + ".json");
  audited_handover(application, req, respond, std::move(answer), id, "staff.subject_access", {{"parts", counts}});
}

void subject_access_positions(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto wanted = page_of(req);
  const auto page = domain::subject_access_positions(application.reader(), id, wanted);
  if (!page) {
    respond(problem_response(page.error()));
    return;
  }
  auto answer = as_download(json_response(list_json(page.value())), "subject-access-staff-" + std::to_string(id) +
                                                                        "-positions-" + std::to_string(wanted.page) + ".json");
  audited_handover(application, req, respond, std::move(answer), id, "staff.subject_access_positions",
                   {{"page", wanted.page}, {"page_size", wanted.page_size}, {"positions", page->items.size()}});
}

}  // namespace

void add_personal_data_routes(router& routes, const app& application)
{
  routes.add("GET", "/api/v1/staff/{id}/subject-access", {role::coordinator}, bind_app(application, subject_access));
  routes.mark_slow("GET", "/api/v1/staff/{id}/subject-access");
  routes.add("GET", "/api/v1/staff/{id}/subject-access/positions", {role::coordinator},
             bind_app(application, subject_access_positions));
  routes.mark_slow("GET", "/api/v1/staff/{id}/subject-access/positions");
  routes.add("POST", "/api/v1/staff/{id}/erase", {role::coordinator}, answer_changed(application, domain::erase_staff));
}

}  // namespace pedalpower::api
