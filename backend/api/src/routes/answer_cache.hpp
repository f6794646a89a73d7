#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::api {

/// The number SQLite's `PRAGMA data_version` gives on `db`: it changes whenever another connection
/// (the writer) has committed since the last time `db` asked.
std::int64_t data_version(db::connection& db);

/// Serialized answers of one read route, kept per thread for that thread's reader connection and
/// valid while the reader has seen no commit: any write anywhere drops every answer at once, so an
/// answer is never older than the snapshot a fresh query would read.
///
/// Make one per app (e.g. when its routes are added): app::reader() gives each thread one reader
/// connection per app, and data_version numbers mean something only on the connection that gave them.
template <typename Key>
class answer_cache {
public:
  answer_cache() : instance_(next_instance_.fetch_add(1)) {}

  /// The body stored for `key` if `reader` has seen no commit since it was stored; otherwise the
  /// body `make()` returns, stored for the next request on this thread.
  template <typename Make>
  const std::string& body(db::connection& reader, const Key& key, Make&& make) const
  {
    thread_local std::unordered_map<std::uint64_t, shard> shards;
    auto& mine = shards[instance_];
    // Read before the query: a commit in between then costs a miss later, never a stale answer.
    const auto version = data_version(reader);
    if (version != mine.version) {
      mine.answers.clear();
      mine.version = version;
    }
    for (const auto& [stored_key, stored_body] : mine.answers) {
      if (stored_key == key) return stored_body;
    }
    // Keys come from query strings: a bound keeps a caller walking through ids from growing it.
    if (mine.answers.size() == max_answers) mine.answers.clear();
    return mine.answers.emplace_back(key, make()).second;
  }

private:
  static constexpr std::size_t max_answers = 32;

  struct shard {
    std::int64_t version = -1;
    std::vector<std::pair<Key, std::string>> answers;
  };

  static inline std::atomic<std::uint64_t> next_instance_{1};
  std::uint64_t instance_;
};

}  // namespace pedalpower::api
