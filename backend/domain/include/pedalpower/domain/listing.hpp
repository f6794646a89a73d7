#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pedalpower::domain {

inline constexpr int default_page_size = 50;
inline constexpr int max_page_size = 200;

/// Which page of a list to read, and in what order.
struct page_request {
  int page = 1;                        ///< from 1
  int page_size = default_page_size;   ///< 1 to max_page_size
  std::string sort;                    ///< a field the list sorts by, "-field" for descending; empty for its own order

  bool operator==(const page_request&) const = default;
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
