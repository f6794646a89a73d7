#include "pedalpower/api/app.hpp"

#include <atomic>
#include <cstdio>
#include <unordered_map>

#include "idempotency.hpp"
#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/report_packs.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/position_retention.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/users.hpp"
#include "mail_delivery.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/workers/worker_pool.hpp"
#include "periodic_jobs.hpp"
#include "routes/routes.hpp"
#include "storage_alarm.hpp"

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
  const auto now = pedalpower::current_time();
  domain::retention_pass pass;
  do {
    pass = application.writer()
               .run([now, after = pass.last_bike_id](db::connection& db) {
                 return domain::reduce_old_positions(db, now, {}, 16, after);
               })
               .get();
  } while (pass.more);
}

/// The folder beside the database file for files sent as answers; none (the system's temporary
/// folder) for a database in memory.
std::string file_folder_for(const db::connection_options& database)
{
  if (database.path.empty() || database.path == ":memory:" || database.path.starts_with("file:")) return {};
  return database.path + "-exports";
}

std::vector<periodic_jobs::task> housekeeping_tasks(const app& application)
{
  const auto retention_days = application.config().idempotency_retention_days;
  return {
      {"expire reservations and offer free bikes", std::chrono::minutes(1),
       [&application] {
         const auto now = pedalpower::current_time();
         application.writer().run([now](db::connection& db) { return domain::settle_reservations(db, now); }).get();
       }},
      {"forget old idempotency keys", std::chrono::hours(1),
       [&application, retention_days] {
         const auto cutoff = pedalpower::current_time() - std::int64_t{retention_days} * pedalpower::seconds_per_day;
         application.writer().run([cutoff](db::connection& db) { return forget_answers_before(db, cutoff); }).get();
       }},
      {"forget expired sessions", std::chrono::hours(1),
       [&application] {
         const domain::session_limits limits{std::int64_t{application.config().session_idle_minutes} * 60,
                                             std::int64_t{application.config().session_absolute_hours} * 3600};
         const auto now = pedalpower::current_time();
         application.writer()
             .run([now, limits](db::connection& db) { return domain::forget_expired_sessions(db, now, limits); })
             .get();
       }},
      {"reduce old positions to trip summaries", std::chrono::hours(1),
       [&application] { reduce_old_positions_in_steps(application); }},
      {"queue loan reminders and the overdue digest", std::chrono::minutes(15),
       [&application] {
         const auto now = pedalpower::current_time();
         const auto days = application.config().notifications.reminder_days;
         application.writer().run([now, days](db::connection& db) { return domain::queue_loan_reminders(db, now, days); }).get();
       }},
      {"tell technicians of servicing due and overdue", std::chrono::minutes(15),
       [&application] {
         const auto now = pedalpower::current_time();
         application.writer().run([now](db::connection& db) { return domain::queue_service_reminders(db, now); }).get();
       }},
      // Hourly, so the pack of a month is made within an hour of its end, or at the next start.
      {"make the monthly report packs", std::chrono::hours(1),
       [&application] {
         make_due_report_packs(application, application.config().report_packs.as_of.value_or(pedalpower::current_time()));
       }},
  };
}

}  // namespace

app::app(app_config config)
    : config_(std::move(config)),
      instance_(next_instance++),
      file_folder_(file_folder_for(config_.database)),
      storage_alarm_(std::make_unique<storage_alarm>(config_.warn))
{
  if (!file_folder_.empty()) body_file::clear_folder(file_folder_);
  {
    db::connection setup(config_.database);
    db::migrate(setup);
    if (config_.prepare) {
      db::transaction preparing(setup);
      config_.prepare(setup);
      preparing.commit();
    }
  }
  writer_ = std::make_unique<db::write_queue>(config_.database);
  slow_routes_ = std::make_unique<workers::worker_pool>(workers::worker_pool::settings{
      .name = "slow route", .threads = config_.slow_route_threads, .max_waiting = config_.slow_route_waiting, .background = true});
  router_.set_slow_lane([pool = slow_routes_.get()](std::function<void()> job) { return pool->try_submit(std::move(job)); });
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
  add_report_routes(router_, *this, *access_);
  add_report_pack_routes(router_, *this);
  add_osmand_routes(router_, *this);
  add_outbox_routes(router_, *this);
  add_work_order_routes(router_, *this);
  add_servicing_routes(router_, *this);
  add_campaign_routes(router_, *this);
  add_personal_data_routes(router_, *this);
  add_gbfs_routes(router_, *this);
  declare_documented_contract(router_);
  if (config_.housekeeping) housekeeping_ = std::make_unique<periodic_jobs>(housekeeping_tasks(*this));
  if (config_.notifications.relay) {
    mail_sender_ = std::make_unique<periodic_jobs>(std::vector<periodic_jobs::task>{
        {"deliver due mail", config_.notifications.delivery_interval, [this] { deliver_due_mail(*this); }}});
  }
}

app::~app() = default;

void app::write_for(const request& req, std::optional<std::int64_t> person, responder respond, write_job job,
                    refusal_record on_refused) const
{
  std::optional<std::string> key;
  // Keys are kept per caller; an anonymous caller (a tracker on /osmand) has no identity to keep
  // them under, and its writes are idempotent by their own content. A GET that writes (an audited
  // download of personal data) is answered afresh each time, so its answer is never kept for replay
  // and every download is audited.
  const bool keeps_key = req.caller && req.method != "GET";
  if (const auto header = keeps_key ? req.header("idempotency-key") : std::nullopt) {
    if (!acceptable_idempotency_key(*header)) {
      respond(error_response(problem_kind::invalid, "invalid_idempotency_key", "Idempotency-Key must be 1-128 visible ASCII characters",
                             "Idempotency-Key"));
      return;
    }
    key = std::string(*header);
  }
  const std::string fingerprint = key ? request_fingerprint(req.method, req.target, req.body) : std::string();
  const domain::actor who{req.caller ? req.caller->audit_label() : std::string("anonymous")};
  const auto key_owner = person ? who.label + "/staff-id:" + std::to_string(*person) : who.label;
  const auto now = pedalpower::current_time();
  auto answer = std::make_shared<response>();

  writer_->submit(
      [job = std::move(job), on_refused = std::move(on_refused), key, key_owner, fingerprint, who, now,
       answer](db::connection& db) {
        if (key) {
          if (auto stored = find_stored_answer(db, key_owner, *key)) {
            if (stored->request_hash != fingerprint) {
              *answer = error_response(problem_kind::conflict, "idempotency_key_reused",
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
          // A full disk is no fault of the request: it fails the job, which is answered 503.
          std::exception_ptr storage_failure;
          *answer = guarded([&]() -> response {
            try {
              return job(db, who, now);
            } catch (const db::storage_error&) {
              storage_failure = std::current_exception();
              return {};
            } catch (const db::constraint_error& failure) {
              // A rule the schema keeps that a racing request broke first; which one is for the log.
              std::fprintf(stderr, "error: request refused by a constraint: %s\n", failure.what());
              return error_response(problem_kind::conflict, "conflict",
                                    "the change conflicts with the data as it is now; try again");
            }
          });
          if (storage_failure) std::rethrow_exception(storage_failure);
          if (answer->status < 400) unit.commit();
        }
        if (on_refused && answer->status >= 400 && answer->status < 500) {
          db::savepoint record(db, "refusal");
          on_refused(db, who, now, *answer);
          record.commit();
        }
        if (key && answer->status < 500) store_answer(db, key_owner, *key, fingerprint, *answer, now);
      },
      [this, answer, respond = std::move(respond)](std::exception_ptr failure) {
        record_write(failure);
        if (failure) {
          respond(error_response(problem_kind::unavailable, "storage_unavailable", "the change could not be saved; try again"));
        } else {
          respond(std::move(*answer));
        }
      });
}

void app::record_write(const std::exception_ptr& failure) const
{
  if (failure) {
    storage_alarm_->refused(failure);
  } else {
    storage_alarm_->saved();
  }
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
