// The symbols of a Dockerfile: stage names (`FROM … AS name` ↔ `FROM name`, `COPY --from=name`,
// `RUN --mount=from=name`) and build arguments (`ARG X` ↔ `$X`/`${X}`) with BuildKit's scopes:
// ARGs before the first FROM are global and visible in FROM lines; a stage sees its own ARGs
// from their declaration on, and `ARG X` without a value in a stage brings in the global X.
#include "analysis/features/navigation_symbols.hpp"

#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <set>

namespace cdls::features::detail {

namespace {

// The name inside `$NAME` / `${NAME...}`.
TextRange name_range(std::string_view text, const dockerfile::VariableReference& reference) {
    Offset skip = slice(text, reference.range).substr(0, 2) == "${" ? 2 : 1;
    return {reference.range.begin + skip,
            reference.range.begin + skip + static_cast<Offset>(reference.name.size())};
}

// `--mount=...,from=<name>,...`: the value's range, when the flag is written without quotes.
std::optional<TextRange> mount_from(const dockerfile::Flag& flag) {
    if (flag.name != "mount" || flag.value.size() != flag.value_range.length()) return std::nullopt;
    std::string_view v = flag.value;
    for (std::size_t pos = 0; pos <= v.size();) {
        std::size_t comma = std::min(v.find(',', pos), v.size());
        std::string_view field = v.substr(pos, comma - pos);
        if (field.substr(0, 5) == "from=" && field.size() > 5) {
            Offset b = flag.value_range.begin + static_cast<Offset>(pos + 5);
            return TextRange{b, b + static_cast<Offset>(field.size() - 5)};
        }
        pos = comma + 1;
    }
    return std::nullopt;
}

struct ArgScope {
    // Declarations so far: name → symbol key.
    std::map<std::string, std::string> declared;
    std::set<std::string> env; // ENV names so far (they override an ARG of the same name)
};

} // namespace

void collect_dockerfile_symbols(const dockerfile::Dockerfile& file, std::string_view text,
                                SymbolTable& table) {
    // Stages.
    auto stage_key = [](std::string_view name) { return "stage:" + ascii_lower(name); };
    for (const auto& stage : file.stages)
        if (!stage.name.empty())
            table.add(stage_key(stage.name), SymbolKind::Stage, stage.name, stage.name_range, true);

    ArgScope global;
    ArgScope local;
    int stage_index = -1;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const dockerfile::Instruction& ins = file.instructions[i];
        bool is_from = ins.keyword() == "FROM";
        if (is_from) {
            ++stage_index;
            local = ArgScope{};
        }
        auto before = static_cast<std::size_t>(std::max(stage_index, 0));
        auto refer_stage = [&](std::string_view name, TextRange range) {
            if (const dockerfile::Stage* target = file.find_stage(name, before))
                table.add(stage_key(target->name), SymbolKind::Stage, name, range, false);
        };
        if (is_from && stage_index >= 0 &&
            static_cast<std::size_t>(stage_index) < file.stages.size()) {
            const auto& stage = file.stages[static_cast<std::size_t>(stage_index)];
            if (stage.image_range.length() == stage.image.size() &&
                slice(text, stage.image_range) == stage.image)
                refer_stage(stage.image, stage.image_range);
        }
        for (const auto& flag : ins.flags) {
            if (flag.name == "from" && flag.has_value &&
                flag.value.size() == flag.value_range.length())
                refer_stage(flag.value, flag.value_range);
            if (auto from = mount_from(flag)) refer_stage(slice(text, *from), *from);
        }

        // Variable references resolve before this instruction's own declarations.
        ArgScope& scope = (is_from || stage_index < 0) ? global : local;
        for (const auto& reference : dockerfile::variable_references(ins, file.escape)) {
            if (scope.env.count(reference.name)) continue;
            auto found = scope.declared.find(reference.name);
            TextRange range = name_range(text, reference);
            if (found == scope.declared.end() || slice(text, range) != reference.name) continue;
            table.add(found->second, SymbolKind::BuildArgument, reference.name, range, false);
        }
        if (ins.keyword() == "ENV" && stage_index >= 0)
            for (const auto& pair : ins.pairs)
                local.env.insert(pair.key);
        if (ins.keyword() != "ARG") continue;
        for (const auto& pair : ins.pairs) {
            if (pair.key.empty() || pair.key_range.length() != pair.key.size()) continue;
            std::string key;
            if (stage_index < 0) {
                auto existing = global.declared.find(pair.key);
                key =
                    existing != global.declared.end() ? existing->second : "arg:global:" + pair.key;
                global.declared[pair.key] = key;
            } else {
                auto imported = global.declared.find(pair.key);
                auto existing = local.declared.find(pair.key);
                if (existing != local.declared.end())
                    key = existing->second;
                else if (!pair.has_equals && imported != global.declared.end())
                    key = imported->second;
                else
                    key = "arg:" + std::to_string(stage_index) + ":" + pair.key;
                local.declared[pair.key] = key;
            }
            table.add(key, SymbolKind::BuildArgument, pair.key, pair.key_range, true);
        }
    }
}

} // namespace cdls::features::detail
