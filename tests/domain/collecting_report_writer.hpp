#pragma once

#include <map>
#include <string>
#include <vector>

#include "pedalpower/domain/report_writer.hpp"

// Keeps what a report writes, so a test can look up its rows and method lines.
class collecting_report_writer : public pedalpower::domain::report_writer {
public:
  struct sheet {
    std::string title;
    std::vector<pedalpower::domain::report_column> columns;
    std::vector<std::vector<pedalpower::domain::report_cell>> rows;

    /// The rows whose leading cells are `key`, e.g. {"detail", "2026-01", "BAS", "3"}.
    std::vector<const std::vector<pedalpower::domain::report_cell>*> find(const std::vector<std::string>& key) const
    {
      std::vector<const std::vector<pedalpower::domain::report_cell>*> found;
      for (const auto& row : rows) {
        bool same = row.size() >= key.size();
        for (std::size_t i = 0; same && i < key.size(); ++i) {
          const auto* text = std::get_if<std::string>(&row[i]);
          same = text && *text == key[i];
        }
        if (same) found.push_back(&row);
      }
      return found;
    }
    const std::vector<pedalpower::domain::report_cell>& one(const std::vector<std::string>& key) const
    {
      const auto found = find(key);
      if (found.size() != 1) throw std::runtime_error("expected one row for " + key.back() + ", found " +
                                                      std::to_string(found.size()));
      return *found.front();
    }
    std::size_t column(const std::string& key) const
    {
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].key == key) return i;
      }
      throw std::runtime_error("no column " + key);
    }
  };

  void method(std::span<const pedalpower::domain::method_line> lines) override
  {
    ++method_calls;
    for (const auto& line : lines) method_lines.emplace_back(line.label, line.value);
  }
  void begin_sheet(std::string_view title, std::span<const pedalpower::domain::report_column> columns) override
  {
    if (open) throw std::logic_error("a sheet begun inside another");
    open = true;
    sheets.push_back({std::string(title), {columns.begin(), columns.end()}, {}});
  }
  void row(std::span<const pedalpower::domain::report_cell> cells) override
  {
    if (!open) throw std::logic_error("a row outside a sheet");
    if (cells.size() != sheets.back().columns.size()) throw std::logic_error("a row of the wrong width");
    sheets.back().rows.emplace_back(cells.begin(), cells.end());
  }
  void end_sheet() override { open = false; }

  const sheet& titled(const std::string& title) const
  {
    for (const auto& found : sheets) {
      if (found.title == title) return found;
    }
    throw std::runtime_error("no sheet " + title);
  }
  /// The value of the first method line labelled `label`, or "" when there is none.
  std::string method_value(const std::string& label) const
  {
    for (const auto& [name, value] : method_lines) {
      if (name == label) return value;
    }
    return {};
  }
  bool method_mentions(const std::string& text) const
  {
    for (const auto& [name, value] : method_lines) {
      if (name.find(text) != std::string::npos || value.find(text) != std::string::npos) return true;
    }
    return false;
  }

  int method_calls = 0;
  bool open = false;
  std::vector<std::pair<std::string, std::string>> method_lines;
  std::vector<sheet> sheets;
};
