#include "server_process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace {

constexpr auto startup_limit = std::chrono::seconds(30);
constexpr auto exit_limit = std::chrono::seconds(60);  // then the server is killed: a hung stop fails the test
constexpr auto poll_interval = std::chrono::milliseconds(20);

std::string read_file(const std::string& path)
{
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Starts the server binary with `args`, its stdout and stderr appended to `log_path`.
pid_t spawn_server(const std::vector<std::string>& args, const std::string& log_path)
{
  std::vector<std::string> argv_text{PEDALPOWER_SERVER_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t child = -1;
  const int failed = posix_spawn(&child, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed) throw std::runtime_error(std::string("cannot start ") + PEDALPOWER_SERVER_BINARY);
  return child;
}

int exit_code_of(int status)
{
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

server_process::server_process(std::string database_path, std::vector<std::string> extra_args)
    : database_path_(std::move(database_path)), extra_args_(std::move(extra_args))
{
  start();
}

server_process::~server_process()
{
  if (running()) kill_hard();
}

void server_process::start()
{
  const auto port_file = files_.file("port");
  std::filesystem::remove(port_file);
  std::vector<std::string> args{"--listen", "127.0.0.1", "--port", "0", "--port-file", port_file, "--db", database_path_};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  child_ = spawn_server(args, files_.file("server.log"));

  const auto deadline = std::chrono::steady_clock::now() + startup_limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(child_, &status, WNOHANG) == child_) {
      child_ = -1;
      throw std::runtime_error("the server exited with " + std::to_string(exit_code_of(status)) +
                               " before listening:\n" + log());
    }
    const auto text = read_file(port_file);
    if (!text.empty()) {
      port_ = static_cast<unsigned short>(std::stoi(text));
      return;
    }
    std::this_thread::sleep_for(poll_interval);
  }
  kill_hard();
  throw std::runtime_error("the server did not listen in time:\n" + log());
}

int server_process::wait_for_exit()
{
  const auto deadline = std::chrono::steady_clock::now() + exit_limit;
  int status = 0;
  while (::waitpid(child_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) ::kill(child_, SIGKILL);
    std::this_thread::sleep_for(poll_interval);
  }
  child_ = -1;
  return exit_code_of(status);
}

int server_process::stop()
{
  if (!running()) throw std::logic_error("the server is not running");
  ::kill(child_, SIGTERM);
  return wait_for_exit();
}

int server_process::kill_hard()
{
  if (!running()) throw std::logic_error("the server is not running");
  ::kill(child_, SIGKILL);
  return wait_for_exit();
}

void server_process::restart()
{
  if (running()) throw std::logic_error("stop the server before restarting it");
  start();
}

std::string server_process::log() const { return read_file(files_.file("server.log")); }

int server_process::run_to_exit(const std::vector<std::string>& args, std::string& output)
{
  const temp_folder folder;
  const auto log_path = folder.file("output.log");
  const pid_t child = spawn_server(args, log_path);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  output = read_file(log_path);
  return exit_code_of(status);
}
