#include "pedalpower/kiosk/backend_gateway.hpp"

#include "url_text.hpp"

namespace pedalpower::kiosk {
namespace {

backend_reply unreachable_because(std::string detail)
{
  return {backend_reply::verdict::unreachable, 0, nullptr, std::move(detail)};
}

std::string error_code_of(const nlohmann::json& body)
{
  if (!body.is_object() || !body.contains("error") || !body.at("error").is_object()) return {};
  return body.at("error").value("code", "");
}

// The journal's payload minus what only the kiosk needs to know.
nlohmann::json without_kiosk_fields(nlohmann::json payload)
{
  for (const auto* field : {"bike_tag", "loan_id", "entry_id", "due_at"}) payload.erase(field);
  return payload;
}

}  // namespace

backend_gateway::backend_gateway(backend_client client, std::string device_token)
    : client_(std::move(client)), device_token_(std::move(device_token))
{
}

backend_reply backend_gateway::call(const std::string& method, const std::string& target, const nlohmann::json& body,
                                    const std::string& idempotency_key, const staff_credentials& staff)
{
  outgoing_request out{method, target, {{"Authorization", "Bearer " + device_token_}}, {}};
  if (!body.is_null()) out.body = body.dump();
  if (!idempotency_key.empty()) out.headers.emplace_back("Idempotency-Key", idempotency_key);
  if (!staff.token.empty()) out.headers.emplace_back("X-Staff-Token", staff.token);
  if (!staff.proof.empty()) out.headers.emplace_back("X-Staff-Proof", staff.proof);
  try {
    const auto reply = client_.send(out);
    backend_reply answer{verdict_for_status(reply.status), reply.status, nullptr, {}};
    answer.body = nlohmann::json::parse(reply.body, nullptr, false);
    if (answer.body.is_discarded()) answer.body = nullptr;
    // The device is trusted but the action names nobody the backend will act for: retrying cannot help.
    if (reply.status == 401 && error_code_of(answer.body) == "staff_not_identified") {
      answer.result = backend_reply::verdict::refused;
    }
    if (answer.unreachable()) answer.detail = "the backend answered " + std::to_string(reply.status);
    return answer;
  } catch (const network_error& failure) {
    return unreachable_because(failure.what());
  }
}

backend_reply backend_gateway::identify(const staff_identifier& who, std::string_view pin)
{
  std::string staff_number = who.staff_number.value_or("");
  if (who.badge_id) {
    // A badge names the person; the PIN typed after it is checked as theirs, and counts toward their lockout.
    auto badge = call("POST", "/api/v1/kiosk/identify", {{"badge_id", *who.badge_id}});
    if (!badge.accepted()) return badge;
    staff_number = badge.body.at("staff").at("staff_number").get<std::string>();
  }
  return call("POST", "/api/v1/kiosk/identify", {{"staff_number", staff_number}, {"pin", pin}});
}

backend_reply backend_gateway::offer(const std::string& staff_token)
{
  return call("GET", "/api/v1/kiosk/offer", nullptr, {}, {staff_token, {}});
}

backend_reply backend_gateway::loan_figures(const std::string& staff_token, std::int64_t loan_id)
{
  return call("GET", "/api/v1/kiosk/loans/" + std::to_string(loan_id) + "/figures", nullptr, {}, {staff_token, {}});
}

bool backend_gateway::reachable()
{
  return call("GET", "/healthz", nullptr).accepted();
}

void backend_gateway::attach_staff_token(const std::string& idempotency_key, std::string staff_token)
{
  std::lock_guard lock(tokens_mutex_);
  staff_tokens_[idempotency_key] = std::move(staff_token);
}

std::string backend_gateway::take_staff_token(const std::string& idempotency_key)
{
  std::lock_guard lock(tokens_mutex_);
  const auto found = staff_tokens_.find(idempotency_key);
  if (found == staff_tokens_.end()) return {};
  auto token = std::move(found->second);
  staff_tokens_.erase(found);
  return token;
}

backend_reply backend_gateway::find_active_loan(const std::string& bike_tag)
{
  auto found = call("GET", "/api/v1/kiosk/bikes/" + percent_encode(bike_tag) + "/active-loan", nullptr);
  if (found.accepted() && !(found.body.is_object() && found.body.contains("id"))) {
    return unreachable_because("the backend's answer names no loan");
  }
  return found;
}

backend_reply backend_gateway::choices()
{
  return call("GET", "/api/v1/choices", nullptr);
}

backend_reply backend_gateway::deliver(const journal_entry& entry)
{
  const staff_credentials staff{take_staff_token(entry.idempotency_key), entry.staff_proof};
  const auto& payload = entry.payload;
  if (entry.kind == "checkout") {
    return call("POST", "/api/v1/loans", without_kiosk_fields(payload), entry.idempotency_key, staff);
  }
  if (entry.kind == "return") {
    if (!payload.contains("loan_id")) {
      return {backend_reply::verdict::refused, 0, nullptr, "a return is sent only once its loan is known"};
    }
    return call("POST", "/api/v1/loans/" + std::to_string(payload.at("loan_id").get<std::int64_t>()) + "/return",
                without_kiosk_fields(payload), entry.idempotency_key, staff);
  }
  if (entry.kind == "waitlist_join") {
    return call("POST", "/api/v1/waitlist", without_kiosk_fields(payload), entry.idempotency_key, staff);
  }
  return call("POST", "/api/v1/waitlist/" + std::to_string(payload.at("entry_id").get<std::int64_t>()) + "/leave",
              nlohmann::json::object(), entry.idempotency_key, staff);
}

backend_reply backend_gateway::report_exception(const journal_entry& entry)
{
  const nlohmann::json report{
      {"idempotency_key", entry.idempotency_key},
      {"kind", entry.kind},
      {"bike_tag", entry.bike_tag},
      {"staff_id", entry.staff_id ? nlohmann::json(*entry.staff_id) : nlohmann::json(nullptr)},
      {"recorded_at", entry.recorded_at},
      {"payload", entry.payload},
      {"refusal", entry.answer ? *entry.answer : nlohmann::json(nullptr)},
  };
  return call("POST", "/api/v1/kiosk/exceptions", report, "exception-" + entry.idempotency_key);
}

}  // namespace pedalpower::kiosk
