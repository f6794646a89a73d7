#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/write_queue.hpp"
#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/gbfs_feeds.hpp"
#include "pedalpower/domain/outbox.hpp"
#include "pedalpower/mail/smtp_relay.hpp"

namespace pedalpower::workers {
class worker_pool;
}

namespace pedalpower::api {

class periodic_jobs;
class storage_alarm;
namespace auth {
class access;
}

/// Who is told what, and through which relay.
struct notification_config {
  std::optional<mail::relay_settings> relay;  ///< absent: messages wait in the outbox, unsent
  std::string scheme_name = "Pedal Power";    ///< signs every message and starts its subject
  domain::working_hours hours;                ///< non-urgent mail waits for them
  int reminder_days = 3;                      ///< a loan's reminder goes this many days before it is due
  std::chrono::seconds delivery_interval{5};  ///< how often the sender looks for due messages
  domain::retry_policy retries;               ///< how a message waits after a failed attempt
};

/// The monthly report packs: where they are kept and where their message points.
struct report_pack_config {
  std::string folder;  ///< empty: "<database name>-report-packs" beside the database file
  /// For tests only: the pack job takes this moment as now, to make the packs due then.
  std::optional<pedalpower::unix_seconds> as_of;
};

struct app_config {
  db::connection_options database;          ///< the SQLite file; `synchronous` applies to the writer
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  int idempotency_retention_days = 7;
  /// The periodic jobs (reservation expiry, forgetting old keys and sessions, reducing positions),
  /// first run at start. Tests that stage old rows turn them off so nothing sweeps the rows away.
  bool housekeeping = true;
  /// Run once on the migrated database before any periodic job or route, in one transaction: the
  /// demo scheme is seeded here, so the jobs' first run (the monthly report pack) already finds it.
  std::function<void(db::connection&)> prepare;
  notification_config notifications;
  /// OsmAnd fixes per tracker id: a token bucket refilled at this rate (a phone sending every
  /// second, with room to catch up after a spell offline) holding at most `tracker_burst`.
  double tracker_fixes_per_second = 2.0;
  double tracker_burst = 120.0;
  /// Fixes farther than this from every site with a location are flagged and never counted: an
  /// hour's commute by e-bike is about 25 km.
  double scheme_radius_m = 50'000.0;
  /// Slow routes (large reports, exports) run on these threads, at a lower CPU priority than the
  /// network threads, so they never hold up the requests read beside them. At most this many run
  /// at once and `slow_route_waiting` more wait; past that they are answered 503 with Retry-After.
  std::size_t slow_route_threads = 2;
  std::size_t slow_route_waiting = 4;
  /// The scheme's address as its users reach it, e.g. "https://bikes.example.nhs.uk": the message
  /// that a report pack is ready links there, and gbfs.json lists the feeds there. Empty: a pack's
  /// bare path, and the feeds at the address each caller used.
  std::string public_url;
  /// What the GBFS feeds say about the scheme (name, contact, time zone, a full battery's range).
  domain::feed_settings feeds;
  /// Reports show a count of fewer people than this in a pay band × site breakdown as "<N".
  int report_suppress_below = 5;
  report_pack_config report_packs;
  /// Where the operator is warned, e.g. that the database stopped taking changes; unset: stderr.
  std::function<void(std::string_view message)> warn;
};

/// A state change run by the single writer: it gets the writer's connection (inside a savepoint of
/// the batch transaction), the actor to audit and the time of the request; a response of status
/// 400 or above undoes everything the job wrote.
using write_job = std::function<response(db::connection& db, const domain::actor& who, pedalpower::unix_seconds now)>;

/// What a refusal leaves on record: run by the writer after a job's answer of 400 to 499 was undone,
/// with that answer, in a savepoint of its own that is kept (the equity report counts refusals).
using refusal_record =
    std::function<void(db::connection& db, const domain::actor& who, pedalpower::unix_seconds now, const response& refusal)>;

/// The API application: every route, the database writer and readers. Knows nothing of sockets.
class app {
public:
  /// Opens the database, applies migrations and registers every route. Throws db::error.
  explicit app(app_config config);
  ~app();
  app(const app&) = delete;
  app& operator=(const app&) = delete;

  /// Entry point for the HTTP layer.
  void dispatch(request req, responder respond) const { router_.dispatch(std::move(req), std::move(respond)); }

  /// Runs `job` on the writer, honouring the request's Idempotency-Key: a repeat with the same key and
  /// body answers the stored first response; the same key with another body is 409. When the job
  /// refuses (400 to 499), `on_refused` (if set) records the refusal once its changes are undone.
  void write(const request& req, responder respond, write_job job, refusal_record on_refused = {}) const
  {
    write_for(req, std::nullopt, std::move(respond), std::move(job), std::move(on_refused));
  }
  /// As write, for a kiosk acting for the staff member `person`: its Idempotency-Key is theirs alone,
  /// so someone else identified at the same kiosk who sends it has their own request carried out,
  /// never handed the first person's answer.
  void write_for(const request& req, std::optional<std::int64_t> person, responder respond, write_job job,
                 refusal_record on_refused = {}) const;

  /// Called with the outcome of every write the writer ran: the first failure in a row (a full disk,
  /// say) is told at warn with its reason, and so is the first success after failures.
  void record_write(const std::exception_ptr& failure) const;

  /// This thread's read-only connection to the database (WAL readers never block the writer), on a
  /// fresh snapshot: call it once per request and pass the connection down.
  db::connection& reader() const;

  /// True when the database answers a query.
  bool ready() const;

  /// Where answers too large for memory (exports) are written before they are sent: a folder beside
  /// the database (its name and "-exports"), emptied at start of what a stopped server left; the
  /// system's temporary folder for a database in memory.
  const std::string& file_folder() const noexcept { return file_folder_; }

  const app_config& config() const noexcept { return config_; }
  const router& routes() const noexcept { return router_; }
  db::write_queue& writer() const noexcept { return *writer_; }

private:
  app_config config_;
  std::uint64_t instance_;  ///< tells this app's per-thread readers from another app's in the same process
  std::string file_folder_;
  std::unique_ptr<storage_alarm> storage_alarm_;
  std::unique_ptr<db::write_queue> writer_;
  router router_;
  std::unique_ptr<auth::access> access_;  ///< sign-in, devices, kiosk identification; the router's authenticator
  std::unique_ptr<periodic_jobs> housekeeping_;
  std::unique_ptr<periodic_jobs> mail_sender_;  ///< its own thread: a slow relay holds up no housekeeping
  std::unique_ptr<workers::worker_pool> slow_routes_;  ///< last, so it stops first: its jobs use everything above
};

}  // namespace pedalpower::api
