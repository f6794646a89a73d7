#include "files/file_answer.hpp"

#include <vector>

#include "files/requested_format.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/core/clock.hpp"

namespace pedalpower::api {
namespace {

constexpr std::string_view software = "Pedal Power Fleet " PEDALPOWER_VERSION;

/// Passes everything on, adding when and by what the file was made to the method, which every
/// file then has even when the report gives none.
class stamped_writer final : public domain::report_writer {
 public:
  explicit stamped_writer(domain::report_writer& out) : out_(out) {}

  void method(std::span<const domain::method_line> lines) override
  {
    std::vector<domain::method_line> stamped(lines.begin(), lines.end());
    stamped.push_back({"Made at", pedalpower::iso8601(pedalpower::current_time())});
    stamped.push_back({"Made by", std::string(software)});
    out_.method(stamped);
    method_given_ = true;
  }
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override
  {
    if (!method_given_) method({});
    out_.begin_sheet(title, columns);
  }
  void row(std::span<const domain::report_cell> cells) override { out_.row(cells); }
  void end_sheet() override { out_.end_sheet(); }
  void finish()
  {
    if (!method_given_) method({});
  }

 private:
  domain::report_writer& out_;
  bool method_given_ = false;
};

/// Letters, digits, dots, dashes and underscores: safe in a header and on every file system.
std::string safe_file_name(std::string_view stem)
{
  std::string name;
  for (const char c : stem) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
    name += plain ? c : '-';
  }
  return name.empty() ? "export" : name;
}

}  // namespace

response file_answer(const app& application, exports::file_format format, std::string_view file_stem,
                     const write_rows& write)
{
  auto file = body_file::create(application.file_folder());
  {
    auto writer = exports::open_file_writer(format, file->path());
    stamped_writer stamped(*writer);
    write(stamped);
    stamped.finish();
    writer->finish();
  }
  response answer;
  answer.content_type = std::string(exports::media_type(format));
  if (format != exports::file_format::json) {
    answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + safe_file_name(file_stem) + "." +
                                                           std::string(exports::file_ending(format)) + "\"");
  }
  answer.file = std::move(file);
  return answer;
}

response report_answer(const app& application, const request& req, std::string_view file_stem,
                       const write_rows& write)
{
  return file_answer(application, requested_format(req), file_stem, write);
}

void add_report_route(router& routes, const std::string& pattern, std::initializer_list<role> roles,
                      std::function<void(const request&, responder)> handle)
{
  routes.add("GET", pattern, roles, std::move(handle));
  routes.mark_slow("GET", pattern);
  routes.add_endings("GET", pattern, file_endings());
}

}  // namespace pedalpower::api
