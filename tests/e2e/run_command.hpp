// Runs the cdls binary with arguments and optional stdin; captures exit code and output.
#pragma once

#include <string>
#include <vector>

namespace cdls::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

CommandResult run_cdls(const std::vector<std::string>& args, const std::string& stdin_text = {},
                       const std::vector<std::string>& env = {}, const std::string& cwd = {});

// A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    // Writes `text` to path()/relative, creating folders.
    std::string write(const std::string& relative, const std::string& text) const;
    std::string read(const std::string& relative) const;

private:
    std::string path_;
};

} // namespace cdls::test
