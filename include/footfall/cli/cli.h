// The `footfall` command line: parses arguments and dispatches to subcommands. Returns the process exit code.
#pragma once

namespace footfall {

int run_cli(int argc, char** argv);

}  // namespace footfall
