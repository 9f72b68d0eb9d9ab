// footfall: thin entry point; everything lives in the libraries (see src/cli).
#include "footfall/cli/cli.h"

int main(int argc, char** argv) { return footfall::run_cli(argc, argv); }
