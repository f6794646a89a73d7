#pragma once

#include <string>
#include <vector>
#include <sys/types.h>

#include "temp_folder.hpp"

/// The real pedalpower-server executable run as a child process on a loopback port it picks
/// itself (--port 0 --port-file). Its stdout and stderr go to a log file the test can read.
class server_process {
public:
  /// Starts the server on `database_path` with `extra_args` and waits until it listens.
  /// Throws std::runtime_error, with the server's log, if it exits or does not listen in time.
  explicit server_process(std::string database_path, std::vector<std::string> extra_args = {});
  /// Kills the server if it still runs.
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  unsigned short port() const { return port_; }
  bool running() const { return child_ > 0; }

  /// SIGTERM, then waits for the exit; returns the exit code (128 + signal if killed by one).
  int stop();
  /// SIGKILL, then waits; returns 128 + 9.
  int kill_hard();
  /// Starts the server again on the same database and arguments (after stop or kill_hard).
  void restart();

  /// Everything the server wrote to stdout and stderr so far.
  std::string log() const;

  /// Runs the server executable with `args` to completion and returns its exit code; its output
  /// goes to `output`. For flags that end the program (--help, bad values, a broken database).
  static int run_to_exit(const std::vector<std::string>& args, std::string& output);

private:
  void start();
  int wait_for_exit();

  std::string database_path_;
  std::vector<std::string> extra_args_;
  temp_folder files_;
  pid_t child_ = -1;
  unsigned short port_ = 0;
};
