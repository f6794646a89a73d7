#pragma once

#include <cstdint>
#include <string>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"

// Answers straight from the domain: a read of one record by its id, and write jobs that run one
// domain change, `change(db, who, now, args...)`. A job's arguments are copied into it, as it runs
// later on the writer.

namespace pedalpower::api {

/// A handler answering the record `find(reader, id)` reads for the path's {id} (200), or its problem.
template <typename Find>
handler answer_found(const app& application, Find find)
{
  return [&application, find](const request& req, const responder& respond) {
    respond(json_or_problem(find(application.reader(), req.path_id("id"))));
  };
}

/// The outcome's value as JSON (200), or its problem.
template <typename Change, typename... Args>
write_job answer_json(Change change, Args... args)
{
  return [change, args...](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    return json_or_problem(change(db, who, now, args...));
  };
}

/// 204 with no body, or the outcome's problem.
template <typename Change, typename... Args>
write_job answer_no_content(Change change, Args... args)
{
  return [change, args...](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    return no_content_or_problem(change(db, who, now, args...));
  };
}

/// A handler running `change(db, who, now, id)` on the path's {id} in one write: the outcome's
/// JSON with `status`, or the problem.
template <typename Change>
handler answer_changed(const app& application, Change change, unsigned status = 200)
{
  return [&application, change, status](const request& req, const responder& respond) {
    refuse_malformed_body(req);
    application.write(req, respond,
                      [change, status, id = req.path_id("id")](db::connection& db, const domain::actor& who,
                                                               pedalpower::unix_seconds now) {
                        return json_or_problem(change(db, who, now, id), status);
                      });
  };
}

/// A handler deleting the record at the path's {id} with `remove(db, who, now, id)` in one write:
/// 204, or the problem.
template <typename Remove>
handler answer_deleted(const app& application, Remove remove)
{
  return [&application, remove](const request& req, const responder& respond) {
    refuse_malformed_body(req);
    application.write(req, respond, answer_no_content(remove, req.path_id("id")));
  };
}

/// 201 with the new resource, found at `collection` followed by its id, or the outcome's problem.
template <typename Change, typename... Args>
write_job answer_created(std::string collection, Change change, Args... args)
{
  return [collection = std::move(collection), change, args...](db::connection& db, const domain::actor& who,
                                                               pedalpower::unix_seconds now) {
    return created_or_problem(change(db, who, now, args...), collection);
  };
}

/// The record `find(db, id)` reads, as `patch` (called with it) changes it, stored by
/// `update(db, who, now, id, changed)` in the same write: its JSON (200), or the first problem.
template <typename Find, typename Update, typename Patch>
write_job answer_patched(std::int64_t id, Find find, Update update, Patch patch)
{
  return [id, find, update, patch](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    const auto current = find(db, id);
    if (!current) return problem_response(current.error());
    return json_or_problem(update(db, who, now, id, patch(current.value())));
  };
}

}  // namespace pedalpower::api
