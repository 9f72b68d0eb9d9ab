#include "text_table.h"

#include <algorithm>

namespace footfall::report_detail {

std::size_t text_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render(const std::string& indent, bool with_header) const {
  std::vector<std::size_t> widths(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = with_header ? text_width(columns_[c].header) : 0;
    for (const auto& row : rows_) widths[c] = std::max(widths[c], text_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = indent;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::size_t pad = widths[c] - text_width(cells[c]);
      if (c > 0) out += "  ";
      if (columns_[c].align == Align::kRight) out.append(pad, ' ');
      out += cells[c];
      if (columns_[c].align == Align::kLeft && c + 1 < columns_.size()) out.append(pad, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    headers.push_back(columns_[c].header);
    rules.emplace_back(widths[c], '-');
  }
  std::string out = with_header ? line(headers) + line(rules) : std::string();
  for (const auto& row : rows_) out += line(row);
  return out;
}

}  // namespace footfall::report_detail
