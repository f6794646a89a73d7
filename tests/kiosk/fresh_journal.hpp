#pragma once

#include <memory>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/kiosk/journal.hpp"
#include "pedalpower/kiosk/kiosk_database.hpp"
#include "temp_database.hpp"

/// A kiosk's journal on a database file of its own.
struct fresh_journal {
  temp_database file;
  std::unique_ptr<pedalpower::db::connection> database = pedalpower::kiosk::open_kiosk_database(file.path());
  pedalpower::kiosk::journal log{*database};
};
