#include "xml_scanner.hpp"

#include <algorithm>
#include <string>

#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics::detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_char(char c) noexcept
{
  return !is_space(c) && c != '>' && c != '/' && c != '=' && c != '<' && c != '"' && c != '\'';
}

std::string_view local_part(std::string_view qualified) noexcept
{
  const auto colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool only_space(std::string_view text) noexcept { return std::all_of(text.begin(), text.end(), is_space); }

}  // namespace

std::optional<xml_event> xml_scanner::next()
{
  if (close_pending_) {
    close_pending_ = false;
    const auto name = open_.back();
    open_.pop_back();
    return xml_event{xml_event::kind::end, local_part(name), {}, pos_};
  }
  while (pos_ < xml_.size()) {
    const auto here = pos_;
    if (xml_[pos_] != '<') {
      const auto lt = std::min(xml_.find('<', pos_), xml_.size());
      const auto text = xml_.substr(here, lt - here);
      pos_ = lt;
      if (open_.empty()) {
        if (!only_space(text)) fail(here, "text outside the root element");
        continue;
      }
      return xml_event{xml_event::kind::text, {}, text, here};
    }
    const auto rest = xml_.substr(pos_);
    if (rest.starts_with("<!--")) {
      skip_past("-->", "unterminated comment");
    } else if (rest.starts_with("<![CDATA[")) {
      if (open_.empty()) fail(here, "CDATA outside the root element");
      const auto end = xml_.find("]]>", pos_);
      if (end == std::string_view::npos) fail(here, "unterminated CDATA section");
      const auto content = xml_.substr(pos_ + 9, end - pos_ - 9);
      pos_ = end + 3;
      return xml_event{xml_event::kind::text, {}, content, here};
    } else if (rest.starts_with("<?")) {
      skip_past("?>", "unterminated processing instruction");
    } else if (rest.starts_with("<!")) {
      skip_past(">", "unterminated declaration");
    } else if (rest.starts_with("</")) {
      return end_tag();
    } else {
      return start_tag();
    }
  }
  if (!open_.empty()) fail(pos_, "the document ends inside an element");
  if (!seen_root_) fail(pos_, "there is no root element");
  return std::nullopt;
}

std::optional<std::string_view> xml_scanner::attribute(std::string_view local_name) const noexcept
{
  for (const auto& [name, value] : attributes_) {
    if (local_part(name) == local_name) return value;
  }
  return std::nullopt;
}

std::size_t xml_scanner::line_of(std::size_t offset) const noexcept
{
  offset = std::min(offset, xml_.size());
  if (offset < counted_to_) {
    counted_to_ = 0;
    counted_lines_ = 1;
  }
  const auto from = xml_.begin() + static_cast<std::ptrdiff_t>(counted_to_);
  counted_lines_ += static_cast<std::size_t>(std::count(from, xml_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  counted_to_ = offset;
  return counted_lines_;
}

void xml_scanner::fail(std::size_t offset, const std::string& why) const
{
  throw invalid_input("xml", why + " (line " + std::to_string(line_of(offset)) + ")");
}

void xml_scanner::skip_past(std::string_view terminator, const char* unterminated)
{
  const auto end = xml_.find(terminator, pos_);
  if (end == std::string_view::npos) fail(pos_, unterminated);
  pos_ = end + terminator.size();
}

xml_event xml_scanner::start_tag()
{
  const auto here = pos_;
  if (open_.empty() && seen_root_) fail(here, "a second root element");
  ++pos_;
  const auto name_start = pos_;
  while (pos_ < xml_.size() && is_name_char(xml_[pos_])) ++pos_;
  const auto name = xml_.substr(name_start, pos_ - name_start);
  if (name.empty()) fail(here, "a '<' that starts no tag");
  read_attributes(here);
  if (xml_[pos_] == '/') {
    ++pos_;
    close_pending_ = true;
  }
  ++pos_;  // read_attributes stopped at '>' or "/>"
  seen_root_ = true;
  open_.push_back(name);
  return xml_event{xml_event::kind::start, local_part(name), {}, here};
}

void xml_scanner::read_attributes(std::size_t tag_offset)
{
  attributes_.clear();
  for (;;) {
    while (pos_ < xml_.size() && is_space(xml_[pos_])) ++pos_;
    if (pos_ >= xml_.size()) fail(tag_offset, "unterminated tag");
    if (xml_[pos_] == '>' || xml_.substr(pos_).starts_with("/>")) return;
    const auto name_start = pos_;
    while (pos_ < xml_.size() && is_name_char(xml_[pos_])) ++pos_;
    const auto name = xml_.substr(name_start, pos_ - name_start);
    while (pos_ < xml_.size() && is_space(xml_[pos_])) ++pos_;
    if (name.empty() || pos_ >= xml_.size() || xml_[pos_] != '=') fail(name_start, "an attribute without a value");
    ++pos_;
    while (pos_ < xml_.size() && is_space(xml_[pos_])) ++pos_;
    const char quote = pos_ < xml_.size() ? xml_[pos_] : '\0';
    if (quote != '"' && quote != '\'') fail(name_start, "an attribute value without quotes");
    const auto close = xml_.find(quote, pos_ + 1);
    if (close == std::string_view::npos) fail(name_start, "an unterminated attribute value");
    attributes_.emplace_back(name, xml_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
  }
}

xml_event xml_scanner::end_tag()
{
  const auto here = pos_;
  pos_ += 2;
  const auto name_start = pos_;
  while (pos_ < xml_.size() && is_name_char(xml_[pos_])) ++pos_;
  const auto name = xml_.substr(name_start, pos_ - name_start);
  while (pos_ < xml_.size() && is_space(xml_[pos_])) ++pos_;
  if (pos_ >= xml_.size() || xml_[pos_] != '>') fail(here, "unterminated closing tag");
  ++pos_;
  if (open_.empty()) fail(here, "</" + std::string(name) + "> closes nothing");
  if (open_.back() != name) {
    fail(here, "</" + std::string(name) + "> does not close <" + std::string(open_.back()) + ">");
  }
  open_.pop_back();
  return xml_event{xml_event::kind::end, local_part(name), {}, here};
}

}  // namespace pedalpower::telematics::detail
