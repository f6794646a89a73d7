#include "smtp_sink.hpp"

#include <algorithm>
#include <csignal>
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
constexpr auto poll_interval = std::chrono::milliseconds(50);

std::string read_whole(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

smtp_sink::smtp_sink(std::optional<unsigned short> port)
{
  std::vector<std::string> argv_text{"/usr/bin/python3", PEDALPOWER_SMTP_SINK_SCRIPT, folder_.path()};
  if (port) argv_text.push_back(std::to_string(*port));
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  if (posix_spawn(&child_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start the SMTP sink (is python3-aiosmtpd installed?)");
  }
  const auto port_file = folder_.file("port");
  const auto deadline = std::chrono::steady_clock::now() + startup_limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(child_, &status, WNOHANG) == child_) {
      child_ = -1;
      throw std::runtime_error("the SMTP sink exited before listening");
    }
    if (const auto text = read_whole(port_file); !text.empty()) {
      port_ = static_cast<unsigned short>(std::stoi(text));
      return;
    }
    std::this_thread::sleep_for(poll_interval);
  }
  stop();
  throw std::runtime_error("the SMTP sink did not listen in time");
}

smtp_sink::~smtp_sink() { stop(); }

void smtp_sink::stop()
{
  if (child_ <= 0) return;
  ::kill(child_, SIGTERM);
  int status = 0;
  ::waitpid(child_, &status, 0);
  child_ = -1;
  std::filesystem::remove(folder_.file("port"));
}

std::vector<nlohmann::json> smtp_sink::messages() const
{
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder_.path())) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> found;
  for (const auto& file : files) found.push_back(nlohmann::json::parse(read_whole(file)));
  return found;
}

std::vector<nlohmann::json> smtp_sink::wait_for(std::size_t count, std::chrono::seconds limit) const
{
  const auto deadline = std::chrono::steady_clock::now() + limit;
  auto found = messages();
  while (found.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(poll_interval);
    found = messages();
  }
  return found;
}
