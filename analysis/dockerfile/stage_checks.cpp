// The Dockerfile checks of duplicate-stage-name and unknown-stage (ids shared with definition
// files, see analysis/rules/common_rules.hpp).
#include "analysis/core/suggest.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/rules/common_rules.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace cdls::dockerfile::rules {

namespace {

// A `--from` value that cannot be a stage name: an image reference, a stage index, a variable.
bool names_image_or_index(std::string_view value) {
    if (value.find_first_of("/:@$") != std::string_view::npos) return true;
    return !value.empty() && std::all_of(value.begin(), value.end(),
                                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// `from=` inside a --mount value, with its document range.
std::optional<std::pair<std::string, TextRange>> mount_from(const Flag& flag) {
    std::string_view v = flag.value;
    std::size_t pos = 0;
    while (pos <= v.size()) {
        std::size_t comma = v.find(',', pos);
        std::string_view field = v.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        if (field.starts_with("from=")) {
            TextRange range = flag.value_range;
            if (flag.value.size() == flag.value_range.length()) {
                Offset b = flag.value_range.begin + static_cast<Offset>(pos + 5);
                range = {b, b + static_cast<Offset>(field.size() - 5)};
            }
            return std::make_pair(std::string(field.substr(5)), range);
        }
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return std::nullopt;
}

} // namespace

void check_duplicate_stage_name(const CheckContext& context, std::vector<Diagnostic>& out) {
    const auto& stages = context.file.stages;
    // The first stage of each lower-case name: one pass, not every pair (20 000 stages took
    // 25 s, found by tests/stress/huge_input_test.cpp).
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        if (stages[i].name.empty()) continue;
        std::string key(stages[i].name);
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, inserted] = first.emplace(std::move(key), i);
        if (inserted) continue;
        std::size_t j = it->second;
        auto line = context.line_of(stages[j].name_range.begin) + 1;
        out.push_back(make_diagnostic(cdls::rules::duplicate_stage_name, stages[i].name_range,
                                      "stage name " + stages[i].name + " is already used on line " +
                                          std::to_string(line) + ": give this stage another name"));
    }
}

void check_unknown_stage(const CheckContext& context, std::vector<Diagnostic>& out) {
    const Dockerfile& file = context.file;
    auto check = [&](const std::string& value, TextRange range, std::size_t stage_index) {
        if (value.empty() || names_image_or_index(value)) return;
        if (file.find_stage(value, stage_index)) return;
        if (file.find_stage(value)) {
            out.push_back(make_diagnostic(cdls::rules::unknown_stage, range,
                                          "stage " + value + " is not defined before this stage: move it above, a stage reads only earlier ones"));
            return;
        }
        std::vector<std::string_view> earlier;
        for (std::size_t i = 0; i < stage_index && i < file.stages.size(); ++i)
            if (!file.stages[i].name.empty()) earlier.push_back(file.stages[i].name);
        auto suggestion = nearest(value, earlier);
        if (suggestion) {
            auto d = make_diagnostic(cdls::rules::unknown_stage, range,
                                     "no earlier stage is named " + value + ": did you mean " + *suggestion + "?");
            d.fixes.push_back({"Replace with " + *suggestion, {{range, *suggestion}}, true});
            out.push_back(std::move(d));
        } else {
            out.push_back(make_diagnostic(cdls::rules::unknown_stage, range,
                                          "no earlier stage is named " + value +
                                              ": name a stage (FROM <image> AS " + value +
                                              ") or give an image with its tag (" + value + ":<tag>)"));
        }
    };
    auto visit = [&](const Instruction& ins, std::size_t from_count) {
        // Stages before the current one (a stage cannot read from itself).
        std::size_t stage_index = from_count > 0 ? from_count - 1 : 0;
        for (const auto& flag : ins.flags) {
            bool copies = ins.keyword() == "COPY" || ins.keyword() == "ADD";
            if (flag.name == "from" && copies && flag.has_value)
                check(flag.value, flag.value_range, stage_index);
            else if (flag.name == "mount" && ins.keyword() == "RUN")
                if (auto from = mount_from(flag)) check(from->first, from->second, stage_index);
        }
    };
    // As for_each_instruction, with the FROMs before each instruction counted from the stages
    // (one per FROM) rather than by reading every keyword: this runs on every keystroke, and
    // only the few instructions with flags (or an ONBUILD) are looked at further.
    const auto& stages = file.stages;
    std::size_t from_count = 0;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        while (from_count < stages.size() && stages[from_count].instruction < i) ++from_count;
        const Instruction& ins = file.instructions[i];
        if (ins.flags.empty() && ins.onbuild().empty()) continue;
        visit(ins, from_count);
        for (const auto& child : ins.onbuild()) visit(child, from_count);
    }
}

} // namespace cdls::dockerfile::rules
