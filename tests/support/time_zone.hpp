#pragma once

#include <cstdlib>
#include <ctime>

/// Sets the process's time zone (a POSIX rule such as "GMT0BST,M3.5.0/1,M10.5.0", which needs no
/// time zone database) for one test, and puts the tests' UTC back after it.
struct time_zone {
  explicit time_zone(const char* rule) { set(rule); }
  ~time_zone() { set("UTC"); }
  time_zone(const time_zone&) = delete;
  time_zone& operator=(const time_zone&) = delete;

 private:
  static void set(const char* rule)
  {
    setenv("TZ", rule, 1);
    tzset();
  }
};

/// The United Kingdom's rule: GMT, and BST from the last Sunday of March to the last of October.
inline constexpr const char* uk_time = "GMT0BST,M3.5.0/1,M10.5.0";
