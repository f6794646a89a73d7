#pragma once

/// The db layer's classes by name only, for headers that pass them by reference and need not
/// compile SQLite's API to do so.
namespace pedalpower::db {
class connection;
class statement;
}  // namespace pedalpower::db
