#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

class list_cursor;

inline constexpr int default_page_size = 50;
inline constexpr int max_page_size = 200;

/// Which page of a list to read, and in what order.
struct page_request {
  int page = 1;                        ///< from 1
  int page_size = default_page_size;   ///< 1 to max_page_size
  std::string sort;                    ///< a field the list sorts by, "-field" for descending; empty for its own order
  /// Set by an export: read on from where the last read through this cursor stopped, page_size
  /// items at a time, and count no total.
  list_cursor* cursor = nullptr;

  bool operator==(const page_request&) const = default;
};

/// Reads a whole list in its order with one statement stepped a batch at a time: what an export
/// does, in time linear in the list's length (paging by OFFSET, and counting on every page, is
/// quadratic). Give it as page_request::cursor to each read of the list until finished(); read
/// inside one read transaction, it is one picture of the database.
class list_cursor {
public:
  list_cursor() = default;
  ~list_cursor();
  list_cursor(const list_cursor&) = delete;
  list_cursor& operator=(const list_cursor&) = delete;

  /// True once the list was read through this cursor at all.
  bool started() const noexcept { return rows_ != nullptr || finished_; }
  /// True once every item was read.
  bool finished() const noexcept { return finished_; }

  /// The statement the next `size` rows are read from: `start` gives it, bound, the first time.
  template <typename Start>
  db::statement& next_batch(Start start, int size)
  {
    if (!rows_) rows_ = &start();
    pause_after(size);
    return *rows_;
  }
  /// After a batch was read from next_batch: finished when the rows ran out.
  void batch_read();
  /// For a list read whole into memory: its one batch was everything.
  void finish() noexcept { finished_ = true; }

private:
  void pause_after(int size) noexcept;

  db::statement* rows_ = nullptr;
  bool finished_ = false;
};

/// One page of a list, with how many items match across every page.
template <typename T>
struct list_page {
  std::vector<T> items;
  std::int64_t total = 0;
  int page = 1;
  int page_size = default_page_size;
};

}  // namespace pedalpower::domain
