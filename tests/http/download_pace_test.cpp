#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "pedalpower/api/response.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/server.hpp"
#include "temp_folder.hpp"

using namespace pedalpower;
using namespace std::chrono_literals;

namespace {

// Larger than the loopback socket buffers on both sides, so a slow reader holds the server's writes.
constexpr std::size_t export_size = 24 * 1024 * 1024;

/// An answer sent from a file, as an export is.
api::response file_answer_of(const std::string& folder, std::size_t size)
{
  auto file = api::body_file::create(folder);
  std::ofstream out(file->path(), std::ios::binary);
  const std::string block(1 << 16, 'x');
  for (std::size_t left = size; left > 0;) {
    const auto piece = std::min(left, block.size());
    out.write(block.data(), static_cast<std::streamsize>(piece));
    left -= piece;
  }
  out.close();
  api::response answer;
  answer.content_type = "text/csv";
  answer.file = std::move(file);
  return answer;
}

/// A server whose every answer is a file of export_size bytes, with its access log in a file.
class download_server {
public:
  explicit download_server(const temp_folder& folder)
      : log_file_(folder.file("access.log")), log_stream_(log_file_), log_(http::log_level::info, log_stream_)
  {
    http::server_options options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.io_threads = 1;
    options.download_min_bytes = 256 * 1024;
    options.download_window = 500ms;
    server_ = std::make_unique<http::server>(
        options,
        [folder = folder.path()](api::request, api::responder respond) { respond(file_answer_of(folder, export_size)); },
        log_);
    runner_ = std::thread([this] { server_->run(); });
  }
  ~download_server()
  {
    server_->stop();
    runner_.join();
  }
  download_server(const download_server&) = delete;
  download_server& operator=(const download_server&) = delete;

  unsigned short port() const { return server_->port(); }
  /// The access log's lines so far.
  std::string access_log() const
  {
    std::ifstream in(log_file_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

private:
  std::string log_file_;
  std::ofstream log_stream_;
  http::logger log_;
  std::unique_ptr<http::server> server_;
  std::thread runner_;
};

/// A client on a plain socket with a small receive buffer, so how fast it reads is how fast the
/// server can send.
class socket_reader {
public:
  explicit socket_reader(unsigned short port) : socket_(::socket(AF_INET, SOCK_STREAM, 0))
  {
    const int small = 4096;
    ::setsockopt(socket_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    const timeval patience{10, 0};
    ::setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    REQUIRE(::connect(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    const std::string request = "GET /api/v1/audit.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    REQUIRE(::send(socket_, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
  }
  ~socket_reader() { ::close(socket_); }
  socket_reader(const socket_reader&) = delete;
  socket_reader& operator=(const socket_reader&) = delete;

  /// Reads up to `bytes`; false once the server has closed the connection (or after 10 s of nothing).
  bool read(std::size_t bytes)
  {
    buffer_.resize(bytes);
    const auto got = ::recv(socket_, buffer_.data(), bytes, 0);
    if (got <= 0) return false;
    received_.append(buffer_.data(), static_cast<std::size_t>(got));
    return true;
  }
  /// The bytes of the body received so far, after the header.
  std::size_t body_bytes() const
  {
    const auto end = received_.find("\r\n\r\n");
    return end == std::string::npos ? 0 : received_.size() - end - 4;
  }
  const std::string& received() const { return received_; }

private:
  int socket_;
  std::vector<char> buffer_;
  std::string received_;
};

/// The bytes figure of the access line for the download, and whether it says broken; 0 and false
/// until the line is written.
std::pair<std::size_t, bool> logged_download(const std::string& log)
{
  const auto at = log.find(" GET /api/v1/audit.csv 200 ");
  if (at == std::string::npos) return {0, false};
  const auto line = log.substr(at, log.find('\n', at) - at);
  const auto bytes_end = line.rfind('B');
  const auto bytes_start = line.rfind(' ', bytes_end) + 1;
  return {std::stoull(line.substr(bytes_start, bytes_end - bytes_start)), line.ends_with(" broken")};
}

}  // namespace

TEST_CASE("a download read too slowly is cut off, and its log line has the bytes sent and says broken")
{
  temp_folder folder;
  download_server server(folder);
  socket_reader reader(server.port());

  // 2 KiB every 50 ms: 20 KiB in a 500 ms window, where the server asks for 256 KiB.
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  while (server.access_log().find(" broken") == std::string::npos && std::chrono::steady_clock::now() < give_up) {
    REQUIRE(reader.read(2048));
    std::this_thread::sleep_for(50ms);
  }
  const auto [logged_bytes, broken] = logged_download(server.access_log());
  REQUIRE(broken);
  CHECK(logged_bytes < export_size);

  // The connection is closed: what was sent before the cut arrives, then the end, well short of the file.
  while (reader.read(1 << 16)) {
  }
  CHECK_THAT(reader.received(), Catch::StartsWith("HTTP/1.1 200 OK"));
  CHECK(reader.body_bytes() == logged_bytes);
  CHECK(reader.body_bytes() < export_size);
}

TEST_CASE("a download read at a good pace is sent whole and logged whole")
{
  temp_folder folder;
  download_server server(folder);
  socket_reader reader(server.port());
  while (reader.body_bytes() < export_size && reader.read(1 << 16)) {
  }
  CHECK(reader.body_bytes() == export_size);
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (logged_download(server.access_log()).first == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(10ms);
  }
  const auto [logged_bytes, broken] = logged_download(server.access_log());
  CHECK(logged_bytes == export_size);
  CHECK_FALSE(broken);
}
