// `cdls check`: the same analysis as the editor, over files and folders, for CI.
#pragma once

#include <string>
#include <vector>

namespace cdls::server {

// Returns the process exit code: 0 clean, 1 findings at/above the threshold, 2 usage or I/O.
int run_check(const std::vector<std::string>& args);

} // namespace cdls::server
