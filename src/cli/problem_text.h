// ProblemText: a domain::Problem as the CLI prints it — the detail, then one line per field error in words
// ("  login: is not a valid e-mail address (rule email_format)"), never the bare rule names. main() prints every
// ProblemError a command throws this way; the exit code is 2 for a refused request (4xx) and 1 for a failure of the
// node (5xx). Other errors keep their own message (exit code 1).
#pragma once

#include <string>
#include <string_view>

#include "domain/problem.h"

namespace tongban::cli {

// The words for one field error: its message when it has one, else the CLI's words for the rule.
std::string field_error_words(const domain::FieldError& error);
// The lines main() prints after "tongban: ".
std::string problem_text(const domain::Problem& problem);
// The exit code of a command that failed with this problem.
int problem_exit_code(const domain::Problem& problem);

}  // namespace tongban::cli
