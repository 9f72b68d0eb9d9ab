// ${NAME} and ${NAME:-default} in configuration strings, so that secrets (camera passwords, database URLs) live in
// the environment rather than in the file. "$${" writes a literal "${"; a '$' not followed by '{' is kept as is
// (passwords may contain one).
#include <cstdlib>
#include <string>

#include "footfall/config/config.h"

namespace footfall {

namespace {

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

Result<std::string> substitute_env(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      return make_error("unterminated '${' (write ${NAME}, or $${ for a literal '${')");
    }
    const std::string inner = text.substr(i + 2, close - i - 2);
    const std::size_t dash = inner.find(":-");
    const std::string name = inner.substr(0, dash);
    if (!valid_name(name)) {
      return make_error("'${" + inner + "}' is not a variable reference (write ${NAME} or ${NAME:-default})");
    }
    const char* value = std::getenv(name.c_str());
    if (dash != std::string::npos) {
      // Shell semantics: the default also replaces a variable that is set but empty.
      out += value != nullptr && *value != '\0' ? std::string(value) : inner.substr(dash + 2);
    } else if (value != nullptr) {
      out += value;
    } else {
      return make_error("environment variable " + name + " is not set (referenced as ${" + name +
                        "}; set it, or give a default with ${" + name + ":-value})");
    }
    i = close + 1;
  }
  return out;
}

}  // namespace footfall
