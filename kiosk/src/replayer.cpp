#include "pedalpower/kiosk/replayer.hpp"

namespace pedalpower::kiosk {

replayer::replayer(journal& log, backend_link& backend, backoff_policy policy, std::function<double()> unit_random)
    : log_(log), backend_(backend), policy_(policy), unit_random_(std::move(unit_random))
{
}

backend_reply replayer::name_the_loan(journal_entry& entry)
{
  auto found = backend_.find_active_loan(entry.bike_tag);
  if (!found.accepted()) return found;
  entry.payload["loan_id"] = found.body.at("id").get<std::int64_t>();
  log_.update_payload(entry.seq, entry.payload);
  return found;
}

replay_step replayer::step(unix_seconds now)
{
  auto head = log_.next_pending();
  if (!head) return {};

  const bool loan_unknown = head->kind == "return" && !head->payload.contains("loan_id");
  auto reply = loan_unknown ? name_the_loan(*head) : backend_reply{};
  if (!loan_unknown || reply.accepted()) reply = backend_.deliver(*head);
  replay_step taken;
  if (reply.accepted()) {
    failures_ = 0;
    log_.mark_delivered(head->seq, reply.body, now);
    taken.outcome = replay_step::result::delivered;
  } else if (reply.refused()) {
    failures_ = 0;
    log_.mark_refused(head->seq, reply.body, now);
    taken.outcome = replay_step::result::refused;
  } else {
    ++failures_;
    log_.record_failed_attempt(head->seq, reply.detail);
    taken.outcome = replay_step::result::unreachable;
    taken.retry_after = policy_.delay(failures_, unit_random_());
  }
  taken.entry = log_.find(head->seq);
  return taken;
}

int replayer::report_exceptions()
{
  int reported = 0;
  for (const auto& refused : log_.unreported_exceptions()) {
    if (!backend_.report_exception(refused).accepted()) break;
    log_.mark_exception_reported(refused.seq);
    ++reported;
  }
  return reported;
}

}  // namespace pedalpower::kiosk
