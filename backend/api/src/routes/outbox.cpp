#include <algorithm>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/domain/outbox.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_page.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

namespace pedalpower::api {
namespace {

nlohmann::json outbox_page(const app& application, const request& req, const domain::page_request& wanted)
{
  domain::outbox_filter filter;
  filter.status = query_choice(req, "status", {"pending", "sent", "failed", "withdrawn"});
  if (const auto kind = req.query_param("kind")) {
    if (std::find(domain::message_kinds.begin(), domain::message_kinds.end(), *kind) == domain::message_kinds.end()) {
      throw error(problem_kind::invalid, "invalid", "kind is not a kind of message the scheme sends", "kind");
    }
    filter.kind = std::string(*kind);
  }
  return listed_page(domain::list_outbox(application.reader(), filter, wanted));
}

exportable_list outbox_list(const app& application)
{
  using kind = domain::column_kind;
  return {"outbox",
          {{"id", "Id", kind::integer},
           {"kind", "Kind"},
           {"event", "Event"},
           {"recipient", "Recipient"},
           {"recipient_label", "Recipient name"},
           {"urgent", "Urgent"},
           {"status", "Status"},
           {"attempts", "Attempts", kind::integer},
           {"next_attempt_at", "Next attempt at", kind::date},
           {"last_error", "Last error"},
           {"created_at", "Created at", kind::date},
           {"sent_at", "Sent at", kind::date},
           {"message_id", "Message id"}},
          [&application](const request& req, const domain::page_request& wanted) {
            return outbox_page(application, req, wanted);
          }};
}

/// One message with the words it carries, as the relay gets them.
void show(const app& application, const request& req, const responder& respond)
{
  const auto found = domain::find_outbox_entry(application.reader(), req.path_id("id"));
  if (!found) return respond(problem_response(found.error()));
  nlohmann::json body = found.value();
  const auto words = domain::write_message(found.value(), application.config().notifications.scheme_name);
  body["subject"] = words.subject;
  body["text"] = words.text;
  respond(json_response(body));
}

void resend(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  refuse_malformed_body(req);
  application.write(req, respond, [id](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    const auto queued = domain::resend_message(db, who, now, id);
    if (!queued) return problem_response(queued.error());
    return json_response(queued.value());
  });
}

void show_reminders(const app& application, const request& req, const responder& respond)
{
  const auto staff_id = req.path_id("id");
  const auto enabled = domain::email_reminders_of(application.reader(), staff_id);
  respond(enabled ? json_response({{"staff_id", staff_id}, {"enabled", enabled.value()}})
                  : problem_response(enabled.error()));
}

/// Staff may turn loan reminders off; offers and overdue notices still reach them.
void set_reminders(const app& application, const request& req, const responder& respond)
{
  const auto staff_id = req.path_id("id");
  const auto body = json_body(req);
  const auto enabled = optional_bool(body, "enabled");
  if (!enabled) throw error(problem_kind::invalid, "invalid", "enabled must be true or false", "enabled");
  application.write(req, respond,
                    [staff_id, on = *enabled](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                      const auto changed = domain::set_email_reminders(db, who, now, staff_id, on);
                      if (!changed) return problem_response(changed.error());
                      return json_response({{"staff_id", staff_id}, {"enabled", on}});
                    });
}

}  // namespace

void add_outbox_routes(router& routes, const app& application)
{
  add_exportable_list(routes, application, "/api/v1/outbox", {role::coordinator}, outbox_list(application));
  routes.add("GET", "/api/v1/outbox/{id}", {role::coordinator}, bind_app(application, show));
  routes.add("POST", "/api/v1/outbox/{id}/resend", {role::coordinator}, bind_app(application, resend));
  routes.add("GET", "/api/v1/staff/{id}/email-reminders", {role::coordinator}, bind_app(application, show_reminders));
  routes.add("PUT", "/api/v1/staff/{id}/email-reminders", {role::coordinator}, bind_app(application, set_reminders));
}

}  // namespace pedalpower::api
