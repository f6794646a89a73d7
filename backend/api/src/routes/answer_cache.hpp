#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pedalpower::api {

/// Serialized answers of one read route, kept per thread and valid while the app's writer has
/// committed nothing since they were made (db::write_queue::commits()): any write drops every
/// answer at once, so an answer is never older than the snapshot a fresh query would read. Every
/// change goes through that one writer, so a hit costs no database call at all.
template <typename Key>
class answer_cache {
public:
  answer_cache() : instance_(next_instance_.fetch_add(1)) {}

  /// The body stored for `key` if nothing was committed since `commits` was stored; otherwise the
  /// body `make()` returns, stored for the next request on this thread, or nullptr when `make()`
  /// returns none (a refusal, never kept). Read `commits` before `make()` queries: a commit in
  /// between then costs a miss later, never a stale answer.
  template <typename Make>
  const std::string* body(std::uint64_t commits, const Key& key, Make&& make) const
  {
    thread_local std::unordered_map<std::uint64_t, shard> shards;
    auto& mine = shards[instance_];
    if (commits != mine.commits) {
      mine.answers.clear();
      mine.commits = commits;
    }
    for (const auto& [stored_key, stored_body] : mine.answers) {
      if (stored_key == key) return &stored_body;
    }
    std::optional<std::string> made = make();
    if (!made) return nullptr;
    // Keys come from query strings: a bound keeps a caller walking through ids from growing it.
    if (mine.answers.size() == max_answers) mine.answers.clear();
    return &mine.answers.emplace_back(key, std::move(*made)).second;
  }

private:
  static constexpr std::size_t max_answers = 32;

  struct shard {
    std::uint64_t commits = ~std::uint64_t{0};
    std::vector<std::pair<Key, std::string>> answers;
  };

  static inline std::atomic<std::uint64_t> next_instance_{1};
  std::uint64_t instance_;
};

}  // namespace pedalpower::api
