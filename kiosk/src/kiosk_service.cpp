#include "pedalpower/kiosk/kiosk_service.hpp"

#include <algorithm>
#include <limits>

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/kiosk/offline_offer.hpp"

namespace pedalpower::kiosk {
namespace {

api::response passed_through(const backend_reply& reply)
{
  api::response answer;
  answer.status = reply.status;
  answer.body = reply.body.is_null() ? nlohmann::json::object().dump() : reply.body.dump();
  return answer;
}

api::response refusal_of(const journal_entry& entry)
{
  api::response answer;
  answer.status = 409;
  answer.body = entry.answer ? entry.answer->dump() : nlohmann::json::object().dump();
  return answer;
}

api::response not_done_offline(std::string_view what)
{
  return api::error_response(problem_kind::unavailable, "backend_unreachable",
                             std::string("The bike store's server did not answer, so ") + std::string(what) +
                                 " Please try again in a moment.");
}

// The offer as the kiosk caches it for offline use: all but the bike list, which the site snapshot keeps.
nlohmann::json allowance_of(nlohmann::json offer)
{
  offer.erase("bikes");
  offer.erase("staff");
  return offer;
}

std::vector<std::string> string_list(const nlohmann::json& body, const char* field)
{
  if (!body.contains(field)) return {};
  const auto& items = body.at(field);
  if (!items.is_array() || !std::all_of(items.begin(), items.end(), [](const auto& item) { return item.is_string(); })) {
    throw api::error(problem_kind::invalid, "invalid", std::string(field) + " must be a list of names", field);
  }
  return items.get<std::vector<std::string>>();
}

struct reported_fault {
  std::string category;
  std::string note;
  bool safety = false;
};

/// The fault a return reports, checked against the choices the backend last gave this kiosk, so a
/// return journalled offline is not refused on replay for a category or note the backend would not
/// take. A kiosk that has never had the choices leaves the check to the backend.
std::optional<reported_fault> fault_of(const nlohmann::json& body, const std::optional<nlohmann::json>& choices)
{
  if (!body.contains("fault") || body.at("fault").is_null()) return std::nullopt;
  const auto& fault = body.at("fault");
  reported_fault input{api::required_string(fault, "category"), api::optional_string(fault, "note").value_or(""),
                       api::optional_bool(fault, "safety").value_or(false)};
  if (!choices) return input;
  const auto categories = choices->value("fault_categories", nlohmann::json::array());
  const bool known = std::any_of(categories.begin(), categories.end(), [&](const nlohmann::json& category) {
    return category.value("code", "") == input.category;
  });
  if (!known) throw api::error(problem_kind::invalid, "invalid", "The fault category must be one this kiosk offers.", "fault.category");
  const auto longest = choices->value("fault_note_max_length", std::numeric_limits<std::size_t>::max());
  if (input.note.size() > longest) {
    throw api::error(problem_kind::invalid, "invalid",
                     "The fault note is too long (at most " + std::to_string(longest) + " characters).", "fault.note");
  }
  return input;
}

}  // namespace

kiosk_service::kiosk_service(service_settings settings, db::connection& database, staff_cache& cache,
                             backend_gateway& backend, replay_worker& replay, kiosk_sessions& sessions)
    : settings_(std::move(settings)), log_(database), cache_(cache), snapshot_(database),
      choices_(database, "choices", "lists"), backend_(backend), replay_(replay), sessions_(sessions)
{
}

kiosk_session kiosk_service::require_session(const std::string& session_id, unix_seconds now)
{
  auto person = sessions_.use(session_id, now);
  if (!person) throw api::error(problem_kind::unauthenticated, "session_ended", "Your session has ended. Please start again.");
  return std::move(*person);
}

std::optional<kiosk_session> kiosk_service::identify_online(const staff_identifier& who, const std::string& pin,
                                                            unix_seconds now, api::response& refusal)
{
  const auto reply = backend_.identify(who, pin);
  if (reply.unreachable() && reply.status != 401 && reply.status != 403 && reply.status != 429) return std::nullopt;
  if (!reply.accepted()) {
    refusal = passed_through(reply);
    return std::nullopt;
  }
  const auto& staff = reply.body.contains("staff") ? reply.body.at("staff") : reply.body;
  kiosk_session person;
  person.staff_id = staff.at("id").get<std::int64_t>();
  person.name = staff.value("name", "");
  person.staff_number = staff.value("staff_number", who.staff_number.value_or(""));
  person.badge_id = who.badge_id;
  person.staff_token = reply.body.value("staff_token", reply.body.value("token", ""));
  person.offline_proof = reply.body.value("offline_proof", "");

  cached_staff remembered{person.staff_id, person.staff_number, who.badge_id, person.name, nlohmann::json::object(),
                          now, person.offline_proof};
  if (const auto offered = backend_.offer(person.staff_token); offered.accepted()) {
    remembered.allowance = allowance_of(offered.body);
  }
  cache_.remember(remembered, pin, now);
  return person;
}

api::response kiosk_service::identify(const nlohmann::json& body, unix_seconds now)
{
  staff_identifier who{api::optional_string(body, "staff_number"), api::optional_string(body, "badge_id")};
  if (!who.staff_number && !who.badge_id) {
    throw api::error(problem_kind::invalid, "invalid", "Scan your badge or type your staff number.", "staff_number");
  }
  const auto pin = api::required_string(body, "pin");

  std::optional<kiosk_session> person;
  if (online()) {
    api::response refusal{0, {}, {}, {}};
    person = identify_online(who, pin, now, refusal);
    if (refusal.status != 0) return refusal;
  }
  if (!person) {
    auto cached = cache_.verify(who, pin, now);
    if (!cached) return api::problem_response(cached.error());
    person = kiosk_session{.staff_id = cached->staff_id,
                           .name = cached->name,
                           .staff_number = cached->staff_number,
                           .badge_id = cached->badge_id,
                           .staff_token = {},
                           .offline_proof = cached->offline_proof,
                           .offline = true,
                           .last_used = now};
  }
  const bool offline = person->offline;
  const auto name = person->name;
  const auto session = sessions_.start(std::move(*person), now);
  return api::json_response({{"session", session}, {"name", name}, {"offline", offline}});
}

nlohmann::json kiosk_service::offline_offer_for(const kiosk_session& person, unix_seconds now)
{
  auto cached = cache_.find(person.staff_id, now);
  if (!cached) {
    return {{"may_borrow", false},
            {"offline", true},
            {"refusal",
             {{"code", "offline_unknown_staff"}, {"message", "This kiosk cannot lend you a bike until the server answers."}}},
            {"bikes", nlohmann::json::array()}};
  }
  return offline_offer(*cached, snapshot_.bikes(), log_.pending_checkouts_still_out(), now);
}

api::response kiosk_service::offer(const std::string& session_id, unix_seconds now)
{
  const auto person = require_session(session_id, now);
  if (!person.offline && online()) {
    auto reply = backend_.offer(person.staff_token);
    if (reply.accepted()) {
      cache_.update_allowance(person.staff_id, allowance_of(reply.body));
      if (reply.body.value("reservation", nlohmann::json(nullptr)).is_null() && reply.body.value("may_borrow", false)) {
        snapshot_.save(reply.body.at("bikes"), now);
      }
      for (auto& loan : reply.body["loans"]) {
        if (const auto tag = log_.bike_tag_of_loan(loan.value("id", std::int64_t{0}))) loan["bike_tag"] = *tag;
      }
      reply.body["offline"] = false;
      return api::json_response(reply.body);
    }
    if (!reply.unreachable() || reply.status == 401 || reply.status == 403) return passed_through(reply);
  }
  return api::json_response(offline_offer_for(person, now));
}

kiosk_service::journalled_answer kiosk_service::submit(new_action action, const kiosk_session* person, unix_seconds now)
{
  auto entry = log_.append(action, now);
  if (person && !person->staff_token.empty()) backend_.attach_staff_token(entry.idempotency_key, person->staff_token);
  replay_.wake();
  const auto result = replay_.wait_for(log_, entry.seq, settings_.answer_wait);
  return {result, *log_.find(entry.seq)};
}

api::response kiosk_service::checkout(const std::string& session_id, const nlohmann::json& body, unix_seconds now)
{
  const auto person = require_session(session_id, now);
  const auto bike_id = api::required_int(body, "bike_id");
  const auto terms_version = api::required_string(body, "terms_version");
  const auto bike_tag = api::optional_string(body, "bike_tag").value_or("");
  const nlohmann::json payload{{"staff_id", person.staff_id},
                               {"bike_id", bike_id},
                               {"accessories", string_list(body, "accessories")},
                               {"terms_version", terms_version},
                               {"bike_tag", bike_tag}};
  const auto local_view = offline_offer_for(person, now);
  const auto local_refusal = offline_checkout_refusal(local_view, bike_id, terms_version);
  const auto due_offline = local_view.value("allowance", nlohmann::json::object()).value("due_at", "");
  new_action action{"checkout", payload, person.staff_id, bike_tag, false, person.offline_proof};

  if (!person.offline && online()) {
    const auto answered = submit(action, &person, now);
    if (answered.result == settlement::delivered) {
      snapshot_.remove_bike(bike_id);
      cache_.add_active_loans(person.staff_id, 1);
      const auto& loan = *answered.entry.answer;
      return api::json_response({{"offline", false}, {"loan", loan}, {"due_at", loan.value("due_at", nlohmann::json(nullptr))}}, 201);
    }
    if (answered.result == settlement::refused) return refusal_of(answered.entry);
    if (local_refusal) {
      log_.mark_withdrawn(answered.entry.seq, "the backend did not answer and the offline rules refuse", now);
      return not_done_offline("the bike was not lent.");
    }
    log_.mark_confirmed_offline(answered.entry.seq);
  } else {
    if (local_refusal) return api::problem_response(*local_refusal);
    action.confirmed_offline = true;
    log_.append(action, now);
    replay_.wake();
  }
  snapshot_.remove_bike(bike_id);
  return api::json_response({{"offline", true}, {"due_at", due_offline}}, 201);
}

api::response kiosk_service::return_bike(const std::string& session_id, const nlohmann::json& body, unix_seconds now)
{
  const auto person = session_id.empty() ? std::nullopt : sessions_.use(session_id, now);
  const auto bike_tag = api::required_string(body, "bike_tag");
  const auto fault = fault_of(body, choices_.last_saved());
  auto accessories_back = string_list(body, "accessories_returned");
  const auto condition = body.value("condition", nlohmann::json::object());
  nlohmann::json payload{{"bike_tag", bike_tag}, {"condition", condition}};
  if (const auto loan_id = api::optional_int(body, "loan_id")) {
    payload["loan_id"] = *loan_id;
  } else if (const auto lent = log_.find_loan_lent_here(bike_tag)) {
    payload["loan_id"] = lent->loan_id;
    // Only what was handed out can come back: the backend refuses any other kind.
    std::erase_if(accessories_back, [&](const std::string& kind) {
      return std::find(lent->accessories.begin(), lent->accessories.end(), kind) == lent->accessories.end();
    });
  }
  payload["accessories_returned"] = accessories_back;
  if (const auto odometer = api::optional_int(body, "end_odometer_m")) payload["end_odometer_m"] = *odometer;
  if (fault) payload["fault"] = {{"category", fault->category}, {"note", fault->note}, {"safety", fault->safety}};
  // A failed check files a fault at the backend as a reported one does: until it is looked at, the
  // bike is not offered offline here.
  const bool problem_told =
      fault || (condition.is_object() &&
                std::any_of(condition.begin(), condition.end(), [](const auto& passed) { return passed == false; }));
  if (const auto bike_id = api::optional_int(body, "bike_id"); bike_id && problem_told) snapshot_.remove_bike(*bike_id);

  const std::optional<std::int64_t> staff_id = person ? std::optional(person->staff_id) : std::nullopt;
  new_action action{"return", payload, staff_id, bike_tag, false, person ? person->offline_proof : std::string()};
  // A bike lent here offline and not yet sent is not among the loans the person's cached allowance
  // counts: its pending checkout stops counting once this return is journalled.
  const bool counted_in_cache = staff_id && !log_.lent_here_while_pending(bike_tag);
  if (online() && !(person && person->offline)) {
    const auto answered = submit(action, person ? &*person : nullptr, now);
    if (answered.result == settlement::delivered) {
      if (counted_in_cache) cache_.add_active_loans(*staff_id, -1);
      return api::json_response({{"offline", false}, {"ride", ride_figures(person, *answered.entry.answer)}});
    }
    if (answered.result == settlement::refused) return refusal_of(answered.entry);
    log_.mark_confirmed_offline(answered.entry.seq);
  } else {
    action.confirmed_offline = true;
    log_.append(action, now);
    replay_.wake();
  }
  if (counted_in_cache) cache_.add_active_loans(*staff_id, -1);
  return api::json_response({{"offline", true}, {"ride", nullptr}});
}

nlohmann::json kiosk_service::ride_figures(const std::optional<kiosk_session>& person, const nlohmann::json& returned)
{
  // Only the borrower hears what their loan did; whoever else brings a bike back hears nothing of it.
  if (!person || person->staff_token.empty() || returned.value("staff_id", std::int64_t{0}) != person->staff_id) {
    return nullptr;
  }
  const auto figures = backend_.loan_figures(person->staff_token, returned.value("id", std::int64_t{0}));
  return figures.accepted() ? figures.body : nlohmann::json(nullptr);
}

api::response kiosk_service::loan_of_bike(const std::string& bike_tag)
{
  if (bike_tag.empty()) throw api::error(problem_kind::invalid, "required", "bike_tag is required", "bike_tag");
  if (const auto lent = log_.find_loan_lent_here(bike_tag)) {
    return api::json_response({{"loan_id", lent->loan_id}, {"accessories", lent->accessories}});
  }
  if (online()) {
    const auto found = backend_.find_active_loan(bike_tag);
    if (found.accepted()) {
      return api::json_response({{"loan_id", found.body.at("id")},
                                 {"accessories", found.body.value("accessories", nlohmann::json::array())}});
    }
  }
  // Not known here: the person ticks what they bring, and the replay finds the loan.
  return api::json_response({{"loan_id", nullptr}, {"accessories", nullptr}});
}

api::response kiosk_service::waitlist(const std::string& session_id, const nlohmann::json& body, unix_seconds now)
{
  const auto person = require_session(session_id, now);
  const auto action_name = api::required_string(body, "action");
  new_action action{"waitlist_join", {{"staff_id", person.staff_id}}, person.staff_id, {}, false, person.offline_proof};
  if (action_name == "leave") {
    action.kind = "waitlist_leave";
    action.payload["entry_id"] = api::required_int(body, "entry_id");
  } else if (action_name != "join") {
    throw api::error(problem_kind::invalid, "invalid", "action must be join or leave", "action");
  }
  if (person.offline || !online()) return not_done_offline("the waiting list was not changed.");
  const auto answered = submit(action, &person, now);
  if (answered.result == settlement::delivered) return api::json_response(*answered.entry.answer);
  if (answered.result == settlement::refused) return refusal_of(answered.entry);
  log_.mark_withdrawn(answered.entry.seq, "the waiting list needs the backend", now);
  return not_done_offline("the waiting list was not changed.");
}

api::response kiosk_service::status()
{
  const auto counted = log_.counts();
  return api::json_response({{"online", online()},
                             {"site", settings_.site},
                             {"pending", counted.pending},
                             {"exceptions", counted.exceptions}});
}

api::response kiosk_service::choices(unix_seconds now)
{
  if (online()) {
    if (const auto reply = backend_.choices(); reply.accepted() && reply.body.is_object()) {
      choices_.save(reply.body, now);
      return api::json_response(reply.body);
    }
  }
  if (const auto seen = choices_.last_saved()) return api::json_response(*seen);
  return not_done_offline("this kiosk does not know the choices yet.");
}

}  // namespace pedalpower::kiosk
