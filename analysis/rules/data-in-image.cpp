// data-in-image: data files copied into the image (%files, COPY, ADD) instead of mounted at run time.
#include "analysis/core/ascii.hpp"
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo data_in_image{"data-in-image", Severity::Warning, Habit::SeparateConcerns, RuleScope::Both,
                             "A data file or data directory is copied into the image; bind-mount it at run time."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

// has_file_extension for a path already in lower case (without lower-casing a copy of it again,
// for every copied path on every keystroke).
bool ends_with_any(std::string_view lower_path, std::initializer_list<std::string_view> extensions) {
    for (std::string_view ext : extensions)
        if (ends_with(lower_path, ext)) return true;
    return false;
}

bool is_data_file(std::string_view lower_path) {
    return ends_with_any(lower_path,
                              {".csv", ".csv.gz", ".tsv", ".tsv.gz", ".h5", ".hdf5", ".nc", ".npy", ".npz",
                               ".parquet", ".feather", ".fastq", ".fastq.gz", ".fq", ".fq.gz", ".bam",
                               ".sam", ".vcf", ".vcf.gz", ".tif", ".tiff", ".nii", ".nii.gz"});
}

// Code and configuration inside a directory named data/ or input/ is not data.
bool is_code_or_config(std::string_view lower_path) {
    return ends_with_any(lower_path,
                              {".py", ".r", ".sh", ".jl", ".c", ".cc", ".cpp", ".h", ".hpp", ".m", ".ipynb",
                               ".js", ".ts", ".go", ".rs", ".pl", ".rb", ".java", ".yml", ".yaml", ".json",
                               ".toml", ".cfg", ".ini", ".conf", ".txt", ".md", ".def", ".lock"});
}

bool has_data_directory(std::string_view lower_path) {
    std::size_t start = 0;
    while (start <= lower_path.size()) {
        std::size_t slash = lower_path.find('/', start);
        std::string_view part = lower_path.substr(start, slash == std::string_view::npos ? std::string_view::npos
                                                                                          : slash - start);
        if (part == "data" || part == "dataset" || part == "datasets" || part == "input" || part == "inputs")
            return true;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return false;
}

} // namespace

bool is_data_path(std::string_view path) {
    std::string lower = ascii_lower(path);
    while (lower.size() > 1 && lower.back() == '/') lower.pop_back();
    return is_data_file(lower) || (has_data_directory(lower) && !is_code_or_config(lower));
}

void report_data_in_image(DocumentKind kind, const CopiedSourceFact& copy, std::vector<Diagnostic>& out) {
    std::string how = kind == DocumentKind::Definition ? "apptainer run --bind /path/to/data:/data image.sif"
                                                       : "docker run -v /path/to/data:/data image";
    out.push_back(make_diagnostic(rules::data_in_image, copy.range,
                                  "`" + copy.path + "` puts data in the image: keep the image to software "
                                  "and bind-mount the data at run time (" + how + ")"));
}

void check_data_in_image(const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    for (const CopiedSourceFact& copy : facts.copies)
        if (!copy.from_stage && is_data_path(copy.path)) report_data_in_image(facts.kind, copy, out);
}

} // namespace cdls::shell
