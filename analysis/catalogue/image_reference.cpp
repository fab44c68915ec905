// Parsing of image references ([scheme://][registry/]repository[:tag][@digest]) with byte ranges.
#include "analysis/catalogue/catalogue.hpp"

#include <algorithm>

namespace cdls::catalogue {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Position of the last `wanted` character in [begin, end) outside ${...} and {{ ... }}.
std::size_t last_outside_variables(std::string_view text, std::size_t begin, std::size_t end, char wanted) {
    std::size_t found = std::string_view::npos;
    int depth = 0;
    for (std::size_t i = begin; i < end; ++i) {
        char c = text[i];
        if (c == '{') ++depth;
        else if (c == '}' && depth > 0) --depth;
        else if (c == wanted && depth == 0) found = i;
    }
    return found;
}

std::size_t first_outside_variables(std::string_view text, std::size_t begin, std::size_t end, char wanted) {
    int depth = 0;
    for (std::size_t i = begin; i < end; ++i) {
        char c = text[i];
        if (c == '{') ++depth;
        else if (c == '}' && depth > 0) --depth;
        else if (c == wanted && depth == 0) return i;
    }
    return std::string_view::npos;
}

bool is_hex(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

TextRange range_of(std::size_t begin, std::size_t end) {
    return {static_cast<Offset>(begin), static_cast<Offset>(end)};
}

} // namespace

bool ImageReference::official() const {
    return valid && registry == "docker.io" && name.find('/') == std::string::npos;
}

std::string ImageReference::canonical() const {
    std::string out = name;
    if (has_tag) out += ":" + tag;
    if (has_digest) out += (digest.rfind("sha256.", 0) == 0 ? ":" : "@") + digest;
    return out;
}

ImageReference parse_image_reference(std::string_view text) {
    ImageReference ref;
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    ref.has_variables = text.substr(begin, end - begin).find('$') != std::string_view::npos ||
                        text.substr(begin, end - begin).find("{{") != std::string_view::npos;

    // Scheme: docker://, library://, oras://, shub://, docker-daemon:// or docker-daemon:.
    std::string_view body = text.substr(begin, end - begin);
    if (auto separator = body.find("://"); separator != std::string_view::npos && separator > 0 &&
                                           body.find_first_of("/:$") == separator) {
        ref.scheme = std::string(body.substr(0, separator));
        begin += separator + 3;
    } else if (body.rfind("docker-daemon:", 0) == 0) {
        ref.scheme = "docker-daemon";
        begin += 14;
    }

    // Digest after '@'.
    std::size_t name_end = end;
    if (auto at = first_outside_variables(text, begin, end, '@'); at != std::string_view::npos) {
        ref.has_digest = true;
        ref.digest = std::string(text.substr(at + 1, end - at - 1));
        ref.digest_range = range_of(at + 1, end);
        name_end = at;
    }
    // Tag: the last ':' after the last '/' (a ':' before a '/' is a registry port).
    std::size_t last_slash = last_outside_variables(text, begin, name_end, '/');
    std::size_t tag_search = last_slash == std::string_view::npos ? begin : last_slash + 1;
    if (auto colon = last_outside_variables(text, tag_search, name_end, ':'); colon != std::string_view::npos) {
        std::string_view tag = text.substr(colon + 1, name_end - colon - 1);
        // Sylabs library pins by "name:sha256.<hex>".
        if (!ref.has_digest && tag.rfind("sha256.", 0) == 0 && is_hex(tag.substr(7))) {
            ref.has_digest = true;
            ref.digest = std::string(tag);
            ref.digest_range = range_of(colon + 1, name_end);
        } else {
            ref.has_tag = true;
            ref.tag = std::string(tag);
            ref.tag_range = range_of(colon + 1, name_end);
        }
        name_end = colon;
    }
    ref.name_range = range_of(begin, name_end);
    if (!ref.has_tag) ref.tag_range = range_of(name_end, name_end);
    std::string_view path = text.substr(begin, name_end - begin);
    // Names use [a-z0-9._-/] (upper case and ':' tolerated for registries and Sylabs names);
    // variables keep their own characters.
    auto name_character = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-' || c == '/' || c == ':';
    };
    bool characters_ok = ref.has_variables || std::all_of(path.begin(), path.end(), name_character);
    ref.valid = characters_ok && !path.empty() && path.front() != '/' && path.back() != '/';
    if (!ref.valid) return ref;

    // Registry: a first component with a '.' or ':' (a host name or port), or localhost.
    std::size_t first_slash = first_outside_variables(path, 0, path.size(), '/');
    if (first_slash != std::string_view::npos && ref.scheme != "library" && ref.scheme != "shub") {
        std::string_view first = path.substr(0, first_slash);
        if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
            ref.registry_written = true;
            ref.registry = std::string(first);
            path.remove_prefix(first_slash + 1);
        }
    }
    ref.repository = std::string(path);
    if (ref.scheme == "library" || ref.scheme == "shub") {
        ref.name = ref.repository; // not Docker Hub: a catalogue extension may still know it
        return ref;
    }
    if (!ref.registry_written || ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io" ||
        ref.registry == "registry.hub.docker.com")
        ref.registry = "docker.io";
    if (ref.registry == "docker.io") {
        std::string_view name = path;
        if (name.rfind("library/", 0) == 0 && name.find('/', 8) == std::string_view::npos) name.remove_prefix(8);
        ref.name = std::string(name);
    } else {
        ref.name = ref.registry + "/" + ref.repository;
    }
    return ref;
}

} // namespace cdls::catalogue
