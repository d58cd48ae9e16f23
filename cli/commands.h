// One file per subcommand: each Register* adds its subcommand with its
// options to `app`; when the user selects it, *selected becomes the function
// that runs it and returns the process exit code (common/exit_codes.h).
#ifndef MLSPEC_CLI_COMMANDS_H_
#define MLSPEC_CLI_COMMANDS_H_

#include <functional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace mlspec {

using Command = std::function<int()>;

void RegisterValidate(CLI::App& app, Command* selected);
void RegisterCompile(CLI::App& app, Command* selected);
void RegisterLint(CLI::App& app, Command* selected);
void RegisterRules(CLI::App& app, Command* selected);
void RegisterExplain(CLI::App& app, Command* selected);
void RegisterInit(CLI::App& app, Command* selected);
void RegisterVersion(CLI::App& app, Command* selected);
void RegisterCatalog(CLI::App& app, Command* selected);
void RegisterHelp(CLI::App& app, Command* selected);

// help.cc: the top-level help (the command list); the two examples each
// command's --help ends with; "unknown command NAME; did you mean ...?" on
// stderr, returning the usage exit code.
std::string TopLevelHelp(const CLI::App& app);
void AddExamples(CLI::App& app);
int UnknownCommand(const CLI::App& app, std::string_view name);
const CLI::App* FindCommand(const CLI::App& app, std::string_view name);

}  // namespace mlspec

#endif  // MLSPEC_CLI_COMMANDS_H_
