// The shell tokenizer: words, quotes, continuations, substitutions, heredocs, pipelines, wrappers.
#include "analysis/core/facts.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace cdls;
using namespace cdls::shell;

namespace {

std::vector<std::string> names(const Script& script) {
    std::vector<std::string> out;
    for (const Command& c : script.commands) out.emplace_back(c.name());
    return out;
}

std::vector<std::string> texts(std::span<const Word> words) {
    std::vector<std::string> out;
    for (const Word& w : words) out.emplace_back(w.text);
    return out;
}

const Command* find(const Script& script, std::string_view name) {
    for (const Command& c : script.commands) {
        if (c.name() == name) return &c;
    }
    return nullptr;
}

} // namespace

TEST_CASE("tokenizer splits commands at separators") {
    auto s = tokenize("apt-get update && apt-get install -y curl; echo done || true\nls -l & wait");
    CHECK(names(s) == std::vector<std::string>{"apt-get", "apt-get", "echo", "true", "ls", "wait"});
    CHECK(texts(s.commands[1].args()) == std::vector<std::string>{"install", "-y", "curl"});
}

TEST_CASE("tokenizer gives exact raw ranges and unquoted values") {
    std::string text = R"(pip install "numpy==1.2" 'a b' c\ d x"y"z)";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 1);
    auto args = s.commands[0].args();
    REQUIRE(args.size() == 5);
    CHECK(args[1].text == "numpy==1.2");
    CHECK(slice(text, args[1].range) == "\"numpy==1.2\"");
    CHECK(args[1].quoted);
    CHECK(args[2].text == "a b");
    CHECK(args[3].text == "c d");
    CHECK(args[4].text == "xyz");
    CHECK(slice(text, args[0].range) == "install");
}

TEST_CASE("tokenizer joins backslash-newline continuations") {
    std::string text = "pip install \\\n    numpy \\\n    sci\\\npy\n";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 1);
    auto args = s.commands[0].args();
    REQUIRE(args.size() == 3);
    CHECK(args[1].text == "numpy");
    CHECK(slice(text, args[1].range) == "numpy");
    CHECK(args[2].text == "scipy");
    CHECK(slice(text, args[2].range) == "sci\\\npy");
}

TEST_CASE("tokenizer maps ranges through a MappedText with two pieces") {
    MappedText m;
    std::string document = "RUN pip \\\n  install numpy";
    m.append("pip ", 4);
    m.append("  install numpy", 10);
    auto s = tokenize(m.text());
    REQUIRE(s.commands.size() == 1);
    const Word& numpy = s.commands[0].args()[1];
    CHECK(slice(document, m.to_document(numpy.range)) == "numpy");
    CHECK(slice(document, m.to_document(s.commands[0].words[0].range)) == "pip");
}

TEST_CASE("tokenizer keeps expansions and finds commands inside substitutions") {
    std::string text = "VERSION=$(curl -s https://x.org/v | jq -r .tag) && echo ${VERSION:-x} `uname -m` $((1+2))";
    auto s = tokenize(text);
    CHECK(names(s) == std::vector<std::string>{"curl", "jq", "", "uname", "echo"});
    const Command* curl = find(s, "curl");
    REQUIRE(curl);
    CHECK(curl->substituted);
    CHECK(curl->depth == 1);
    REQUIRE(curl->piped_to);
    CHECK(s.commands[*curl->piped_to].name() == "jq");
    REQUIRE(curl->enclosing);
    CHECK(s.commands[*curl->enclosing].assignments.at(0).name == "VERSION");
    const Command* echo = find(s, "echo");
    REQUIRE(echo);
    CHECK(texts(echo->args()) == std::vector<std::string>{"${VERSION:-x}", "`uname -m`", "$((1+2))"});
    CHECK(echo->args()[0].expands);
}

TEST_CASE("tokenizer handles double quotes with substitutions and escapes") {
    auto s = tokenize(R"(echo "a \"b\" $(date +%s) \$HOME" 'it''s')");
    const Command* echo = find(s, "echo");
    REQUIRE(echo);
    CHECK(echo->args()[0].text == "a \"b\" $(date +%s) $HOME");
    CHECK(echo->args()[1].text == "its");
    CHECK(find(s, "date"));
}

TEST_CASE("tokenizer skips comments at word start only") {
    auto s = tokenize("# install\npip install x # trailing\necho a#b\n");
    CHECK(names(s) == std::vector<std::string>{"pip", "echo"});
    CHECK(texts(s.commands[0].args()) == std::vector<std::string>{"install", "x"});
    CHECK(s.commands[1].args()[0].text == "a#b");
}

TEST_CASE("tokenizer records leading assignments") {
    std::string text = "DEBIAN_FRONTEND=noninteractive TOKEN='abc' apt-get install -y x\nFOO=bar\n";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 2);
    const Command& apt = s.commands[0];
    CHECK(apt.name() == "apt-get");
    REQUIRE(apt.assignments.size() == 2);
    CHECK(apt.assignments[1].name == "TOKEN");
    CHECK(apt.assignments[1].value == "abc");
    CHECK(slice(text, apt.assignments[1].value_range) == "'abc'");
    CHECK(slice(text, apt.assignments[1].name_range) == "TOKEN");
    CHECK_FALSE(s.commands[1].has_name());
    CHECK(s.commands[1].assignments.at(0).value == "bar");
}

TEST_CASE("tokenizer does not count redirections as arguments") {
    std::string text = "curl -fsSL https://x.org/a >/tmp/a 2>&1 < in >> log";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 1);
    CHECK(texts(s.commands[0].args()) == std::vector<std::string>{"-fsSL", "https://x.org/a"});
    const auto& r = s.commands[0].redirections;
    REQUIRE(r.size() == 4);
    CHECK(r[0].op == ">");
    CHECK(r[0].target->text == "/tmp/a");
    CHECK(r[1].op == ">&");
    CHECK(r[1].target->text == "1");
    CHECK(r[2].op == "<");
    CHECK(r[3].op == ">>");
    CHECK(slice(text, s.commands[0].range) == text);
}

TEST_CASE("tokenizer skips heredoc bodies and records them") {
    std::string text = "cat <<EOF > /etc/x.conf\npip install numpy\nEOF\n"
                       "python3 <<-'PY'\n\timport os\n\tPY\n"
                       "pip install scipy\n";
    auto s = tokenize(text);
    CHECK(names(s) == std::vector<std::string>{"cat", "python3", "pip"});
    REQUIRE(s.commands[0].heredocs.size() == 1);
    const Heredoc& h = s.commands[0].heredocs[0];
    CHECK(h.delimiter == "EOF");
    CHECK(h.terminated);
    CHECK(slice(text, h.body) == "pip install numpy\n");
    CHECK(s.commands[0].redirections.at(0).target->text == "/etc/x.conf");
    const Heredoc& py = s.commands[1].heredocs.at(0);
    CHECK(py.quoted_delimiter);
    CHECK(py.strip_tabs);
    CHECK(slice(text, py.body) == "\timport os\n");
    CHECK(s.commands[2].args()[1].text == "scipy");
}

TEST_CASE("tokenizer keeps an unterminated heredoc to the end") {
    std::string text = "cat <<END\nline\n";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 1);
    CHECK_FALSE(s.commands[0].heredocs.at(0).terminated);
    CHECK(slice(text, s.commands[0].heredocs.at(0).body) == "line\n");
}

TEST_CASE("tokenizer links pipelines") {
    auto s = tokenize("curl -sSL https://get.x | sudo -E bash -s -- --yes\nwget -qO- u | tee f | sh");
    CHECK(names(s) == std::vector<std::string>{"curl", "bash", "wget", "tee", "sh"});
    REQUIRE(s.commands[0].piped_to == std::optional<std::size_t>(1));
    CHECK(s.commands[1].piped_from);
    CHECK_FALSE(s.commands[1].piped_to);
    CHECK(s.commands[2].piped_to == std::optional<std::size_t>(3));
    CHECK(s.commands[3].piped_to == std::optional<std::size_t>(4));
}

TEST_CASE("tokenizer looks through wrappers") {
    auto s = tokenize("sudo -u root env -i PATH=/bin FOO=1 nohup time -p pip install x\n"
                      "command -v pip\nexec gosu user cmd\nxargs -n 1 pip install < reqs\n"
                      "conda run -n base pip install y\ntimeout 10 curl u");
    CHECK(names(s) == std::vector<std::string>{"pip", "command", "gosu", "pip", "pip", "curl"});
    CHECK(s.commands[0].name_index == 10);
    REQUIRE(s.commands[0].assignments.size() == 2);
    CHECK(s.commands[0].assignments[1].name == "FOO");
}

TEST_CASE("tokenizer finds commands after keywords and in groups") {
    auto s = tokenize("if [ -f x ]; then pip install a; else { apk add b; }; fi\n"
                      "for p in a b c; do npm i $p; done\n"
                      "while read l; do echo $l; done < f\n"
                      "(cd /src && make)\n"
                      "f() { gem install z; }\n"
                      "function g { go get w; }\n"
                      "case $x in\n  a|b) yum install q ;;\n  *) dnf install r ;;\nesac\n"
                      "((i++))\narr=(one two)\n");
    // `done < f` leaves a redirection-only command (no name).
    CHECK(names(s) == std::vector<std::string>{"[", "pip", "apk", "npm", "read", "echo", "", "cd", "make",
                                               "gem", "go", "yum", "dnf", ""});
}

TEST_CASE("tokenizer tokenizes sh -c strings") {
    std::string text = "/bin/bash -c 'pip install x && curl u | sh'";
    auto s = tokenize(text);
    CHECK(names(s) == std::vector<std::string>{"/bin/bash", "pip", "curl", "sh"});
    const Command* pip = find(s, "pip");
    REQUIRE(pip);
    CHECK(slice(text, pip->args()[1].range) == "x");
    REQUIRE(pip->enclosing);
    CHECK(s.commands[*pip->enclosing].name() == "/bin/bash");
    CHECK_FALSE(pip->substituted);
}

TEST_CASE("tokenizer finds commands in process substitutions") {
    auto s = tokenize("bash <(curl -s https://x.org/i.sh) && diff <(ls a) >(cat)");
    const Command* curl = find(s, "curl");
    REQUIRE(curl);
    REQUIRE(curl->enclosing);
    CHECK(s.commands[*curl->enclosing].name() == "bash");
    CHECK(find(s, "diff"));
    CHECK(find(s, "cat"));
}

TEST_CASE("tokenizer survives unterminated constructs") {
    for (std::string_view text : {"echo 'abc", "echo \"abc", "echo $(ls", "echo ${x", "echo `ls", "cat <<",
                                  "echo \\", "a |", "((", "$'x", "case x in", "x=(", "2>", "<(", "\"$(\"",
                                  "f(", "a && || ;; & ) ) (("}) {
        auto s = tokenize(text);
        for (const Command& c : s.commands) {
            CHECK(c.range.end <= text.size());
            for (const Word& w : c.words) CHECK(w.range.end <= text.size());
        }
    }
}

TEST_CASE("tokenizer keeps an Apptainer {{ build argument }} in one word") {
    std::string text = "git clone -b {{ VERSION }} https://x/a.git /opt/{{ NAME }}-src";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 1);
    CHECK(texts(s.commands[0].args()) ==
          std::vector<std::string>{"clone", "-b", "{{ VERSION }}", "https://x/a.git", "/opt/{{ NAME }}-src"});
    CHECK(s.commands[0].args()[2].expands);
}

TEST_CASE("tokenizer handles CRLF line ends and continuations") {
    std::string text = "pip install \\\r\n  numpy\r\necho ok\r\n";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 2);
    CHECK(texts(s.commands[0].args()) == std::vector<std::string>{"install", "numpy"});
    CHECK(texts(s.commands[1].args()) == std::vector<std::string>{"ok"});
}

TEST_CASE("tokenizer gives substitutions in a for list no enclosing command") {
    auto s = tokenize("for f in $(ls *.whl); do pip install $f; done");
    CHECK(names(s) == std::vector<std::string>{"ls", "pip"});
    CHECK_FALSE(s.commands[0].enclosing);
}

TEST_CASE("tokenizer skips each reserved word in command position, and only those") {
    for (std::string keyword : {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!"}) {
        std::string text = keyword + " echo x"; // the script's words view it
        auto s = tokenize(text);
        REQUIRE(s.commands.size() == 1);
        CHECK(s.commands[0].name() == "echo");
    }
    for (std::string word : {"iff", "f", "Do", "the", "elifs", "until2", "{}", "!!", "'if'"}) {
        std::string text = word + " echo x";
        auto s = tokenize(text);
        REQUIRE(s.commands.size() == 1);
        CHECK(s.commands[0].name() != "echo");
    }
}

TEST_CASE("tokenizer words view the text, or the script's storage when quotes were removed") {
    std::string text = "ls plain-word-longer-than-sixteen \"a b\" x'y'z pre\\ fix \\$HOME $(echo \"in\"ner)";
    auto s = tokenize(text);
    REQUIRE(s.commands.size() == 2);
    const Command& ls = *find(s, "ls");
    CHECK(texts(ls.args()) == std::vector<std::string>{"plain-word-longer-than-sixteen", "a b", "xyz",
                                                        "pre fix", "$HOME", "$(echo \"in\"ner)"});
    auto inside = [&](std::string_view view) {
        return view.data() >= text.data() && view.data() + view.size() <= text.data() + text.size();
    };
    CHECK(inside(ls.args()[0].text)); // no quotes: a slice of the text
    CHECK(inside(ls.args()[1].text)); // "a b": the quotes only surround it
    CHECK_FALSE(inside(ls.args()[2].text)); // x'y'z: the pieces are apart
    CHECK_FALSE(inside(ls.args()[3].text));
    CHECK(inside(ls.args()[4].text)); // \$HOME: the escape only precedes it
    CHECK(texts(find(s, "echo")->args()) == std::vector<std::string>{"inner"});

    // The stored texts stay where they are when the script moves.
    Script moved = std::move(s);
    CHECK(moved.commands[1].args()[2].text == "xyz");
    CHECK(moved.commands[1].args()[3].text == "pre fix");
}

TEST_CASE("tokenizer keeps many changed words, nested ones too") {
    std::string text;
    std::vector<std::string> expected;
    for (int k = 0; k < 2000; ++k) {
        std::string value = "value-" + std::to_string(k) + "-" + std::string(static_cast<std::size_t>(k % 40), 'v');
        text += "echo \"" + value + "\"'" + std::to_string(k) + "' $(printf '%s' \"a\"\"" + value + "\")\n";
        expected.push_back(value + std::to_string(k));
    }
    auto s = tokenize(text);
    std::vector<std::string> echoed;
    std::vector<std::string> printed;
    for (const Command& c : s.commands) {
        if (c.name() == "echo") echoed.emplace_back(c.args()[0].text);
        if (c.name() == "printf") printed.emplace_back(c.args()[1].text);
    }
    REQUIRE(echoed.size() == expected.size());
    REQUIRE(printed.size() == expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        CHECK(echoed[k] == expected[k]);
        CHECK(printed[k] == "a" + expected[k].substr(0, expected[k].size() - std::to_string(k).size()));
    }
}
