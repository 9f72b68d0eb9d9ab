// footfall token create|list|revoke : the API tokens of `footfall serve`. A token is printed once, when created;
// only its SHA-256 hash is stored (table api_tokens).
#include <cstdio>

#include "commands.h"
#include "footfall/config/config.h"
#include "footfall/server/auth.h"
#include "footfall/store/store.h"
#include "store_options.h"

namespace footfall::cli {

namespace {

struct TokenOptions {
  std::string config;
  std::string database;
  std::string name;
  std::string role;
};

void add_database_options(CLI::App* cmd, TokenOptions& o) {
  auto* config = cmd->add_option("-c,--config", o.config, "Configuration file (YAML): its database");
  cmd->add_option("--database", o.database, "Database (default: the configuration's, else footfall.db)")
      ->excludes(config);
}

// create may make the database (the first token of a new installation); list and revoke never do.
Result<std::unique_ptr<Store>> open_for_create(const TokenOptions& o) {
  std::string database = o.database;
  if (database.empty() && !o.config.empty()) {
    auto config = load_config(o.config);
    if (!config) return config.error();
    database = config->storage.database;
  }
  return open_store(database.empty() ? std::string("footfall.db") : database);
}

std::string time_or_never(const std::optional<TimestampMs>& t) { return t ? format_iso8601(*t) : "never"; }

int create(const TokenOptions& o) {
  const auto role = parse_role(o.role);
  if (!role) {
    print_error("--role: must be viewer, operator or admin, got '" + o.role + "'");
    return kExitUsage;
  }
  auto store = open_for_create(o);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  SystemClock clock;
  auto created = create_api_token(**store, o.name, *role, clock.now_ms());
  if (!created) {
    print_error(created.error().message);
    return kExitError;
  }
  std::fprintf(stderr,
               "footfall: created %s token '%s'. It is shown only this once: keep it somewhere safe.\n"
               "Use it as \"Authorization: Bearer <token>\", or log in to the dashboard with it.\n",
               role_name(created->role), created->name.c_str());
  std::printf("%s\n", created->token.c_str());
  std::fflush(stdout);
  return kExitOk;
}

int list(const TokenOptions& o) {
  auto store = open_existing_store(o.database, o.config);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  auto rows = (*store)->read_tokens();
  if (!rows) {
    print_error(rows.error().message);
    return kExitError;
  }
  if (rows->empty()) {
    std::printf("no API tokens: `footfall serve` on a loopback address is open to everyone on this machine\n");
    return kExitOk;
  }
  std::printf("%-24s %-9s %-24s %-24s\n", "name", "role", "created", "last used");
  for (const ApiTokenRow& row : *rows) {
    std::printf("%-24s %-9s %-24s %-24s\n", row.name.c_str(), row.role.c_str(), format_iso8601(row.created_ms).c_str(),
                time_or_never(row.last_used_ms).c_str());
  }
  return kExitOk;
}

int revoke(const TokenOptions& o) {
  auto store = open_existing_store(o.database, o.config);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  auto deleted = (*store)->delete_token(o.name);
  if (!deleted) {
    print_error(deleted.error().message);
    return kExitError;
  }
  if (!*deleted) {
    print_error("no API token named '" + o.name + "' (see `footfall token list`)");
    return kExitError;
  }
  std::printf("revoked token '%s'\n", o.name.c_str());
  return kExitOk;
}

}  // namespace

void add_token_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* cmd = app.add_subcommand("token", "Manage the API tokens of `footfall serve` (create, list, revoke)");
  cmd->require_subcommand(1);

  CLI::App* create_cmd = cmd->add_subcommand("create", "Create a token; it is printed once, only its hash is kept");
  create_cmd->add_option("--name", options->name, "A name for the token (who or what uses it)")->required();
  create_cmd->add_option("--role", options->role, "viewer (read), operator (also uploads, snapshots), admin (also tokens)")
      ->required()
      ->check(CLI::IsMember({"viewer", "operator", "admin"}));
  add_database_options(create_cmd, *options);
  create_cmd->callback([options, &exit_code] { exit_code = create(*options); });

  CLI::App* list_cmd = cmd->add_subcommand("list", "List tokens: name, role, created, last used (never the token)");
  add_database_options(list_cmd, *options);
  list_cmd->callback([options, &exit_code] { exit_code = list(*options); });

  CLI::App* revoke_cmd = cmd->add_subcommand("revoke", "Revoke a token (its dashboard sessions end too)");
  revoke_cmd->add_option("name", options->name, "The token's name")->required();
  add_database_options(revoke_cmd, *options);
  revoke_cmd->callback([options, &exit_code] { exit_code = revoke(*options); });
}

}  // namespace footfall::cli
