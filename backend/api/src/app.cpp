#include "pedalpower/api/app.hpp"

#include <atomic>
#include <unordered_map>

#include "idempotency.hpp"
#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/position_retention.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/users.hpp"
#include "periodic_jobs.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

std::atomic<std::uint64_t> next_instance{1};

bool acceptable_idempotency_key(std::string_view key)
{
  if (key.empty() || key.size() > 128) return false;
  for (const char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/// Reduces old positions a few bikes per write, so ingest never waits long behind the pass.
void reduce_old_positions_in_steps(const app& application)
{
  const auto now = domain::current_time();
  domain::retention_pass pass;
  do {
    pass = application.writer()
               .run([now, after = pass.last_bike_id](db::connection& db) {
                 return domain::reduce_old_positions(db, now, {}, 16, after);
               })
               .get();
  } while (pass.more);
}

std::vector<periodic_jobs::task> housekeeping_tasks(const app& application)
{
  const auto retention_days = application.config().idempotency_retention_days;
  return {
      {"expire reservations and offer free bikes", std::chrono::minutes(1),
       [&application] {
         const auto now = domain::current_time();
         application.writer().run([now](db::connection& db) { return domain::settle_reservations(db, now); }).get();
       }},
      {"forget old idempotency keys", std::chrono::hours(1),
       [&application, retention_days] {
         const auto cutoff = domain::current_time() - std::int64_t{retention_days} * domain::seconds_per_day;
         application.writer().run([cutoff](db::connection& db) { return forget_answers_before(db, cutoff); }).get();
       }},
      {"forget expired sessions", std::chrono::hours(1),
       [&application] {
         const domain::session_limits limits{std::int64_t{application.config().session_idle_minutes} * 60,
                                             std::int64_t{application.config().session_absolute_hours} * 3600};
         const auto now = domain::current_time();
         application.writer()
             .run([now, limits](db::connection& db) { return domain::forget_expired_sessions(db, now, limits); })
             .get();
       }},
      {"reduce old positions to trip summaries", std::chrono::hours(1),
       [&application] { reduce_old_positions_in_steps(application); }},
  };
}

}  // namespace

app::app(app_config config) : config_(std::move(config)), instance_(next_instance++)
{
  {
    db::connection setup(config_.database);
    db::migrate(setup);
  }
  writer_ = std::make_unique<db::write_queue>(config_.database);
  access_ = std::make_unique<auth::access>(*this);
  access_->install(router_);
  add_health_routes(router_, *this);
  add_sites_routes(router_, *this);
  add_bikes_routes(router_, *this);
  add_staff_routes(router_, *this);
  add_policy_routes(router_, *this);
  add_loan_routes(router_, *this, *access_);
  add_waitlist_routes(router_, *this, *access_);
  add_kiosk_routes(router_, *this, *access_);
  add_kiosk_exception_routes(router_, *this);
  add_choice_routes(router_);
  add_telematics_routes(router_, *this);
  add_osmand_routes(router_, *this);
  if (config_.housekeeping) housekeeping_ = std::make_unique<periodic_jobs>(housekeeping_tasks(*this));
}

app::~app() = default;

void app::write(const request& req, responder respond, write_job job) const
{
  std::optional<std::string> key;
  // Keys are kept per caller; an anonymous caller (a tracker on /osmand) has no identity to keep
  // them under, and its writes are idempotent by their own content.
  if (const auto header = req.caller ? req.header("idempotency-key") : std::nullopt) {
    if (!acceptable_idempotency_key(*header)) {
      respond(error_response(422, "invalid_idempotency_key", "Idempotency-Key must be 1-128 visible ASCII characters",
                             "Idempotency-Key"));
      return;
    }
    key = std::string(*header);
  }
  const std::string fingerprint = key ? request_fingerprint(req.method, req.target, req.body) : std::string();
  const domain::actor who{req.caller ? req.caller->audit_label() : std::string("anonymous")};
  const auto now = domain::current_time();
  auto answer = std::make_shared<response>();

  writer_->submit(
      [job = std::move(job), key, fingerprint, who, now, answer](db::connection& db) {
        if (key) {
          if (auto stored = find_stored_answer(db, who.label, *key)) {
            if (stored->request_hash != fingerprint) {
              *answer = error_response(409, "idempotency_key_reused",
                                       "this Idempotency-Key was already used for a different request",
                                       "Idempotency-Key");
              return;
            }
            *answer = std::move(stored->answer);
            answer->headers.emplace_back("Idempotent-Replayed", "true");
            return;
          }
        }
        {
          db::savepoint unit(db, "request");
          *answer = guarded([&] { return job(db, who, now); });
          if (answer->status < 400) unit.commit();
        }
        if (key && answer->status < 500) store_answer(db, who.label, *key, fingerprint, *answer, now);
      },
      [answer, respond = std::move(respond)](std::exception_ptr failure) {
        if (failure) {
          respond(error_response(503, "storage_unavailable", "the change could not be saved; try again"));
        } else {
          respond(std::move(*answer));
        }
      });
}

db::connection& app::reader() const
{
  thread_local std::unordered_map<std::uint64_t, std::unique_ptr<db::connection>> readers;
  auto& slot = readers[instance_];
  if (!slot) {
    auto options = config_.database;
    options.read_only = true;
    slot = std::make_unique<db::connection>(options);
  }
  slot->finish_reads();
  return *slot;
}

bool app::ready() const
{
  try {
    auto& probe = reader().query("SELECT 1");
    const bool answered = probe.step() && probe.get_int(0) == 1;
    probe.reset();
    return answered;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace pedalpower::api
