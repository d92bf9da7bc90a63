//! File names made from a model's name, for the names Save As and Export suggest.

/// The longest stem suggested, in characters; file systems allow 255 bytes for the whole name.
const MAX_STEM_CHARS: usize = 80;

/// A file name stem from `name` that every desktop file system takes: no path separators, no
/// characters Windows refuses, no control characters, no leading dot (a hidden file) and not
/// empty ("model" then).
pub fn file_stem(name: &str) -> String {
    let cleaned: String =
        name.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let joined = words.join(" ");
    let trimmed = joined.trim_matches(|c: char| c == '.' || c == ' ');
    let stem: String = trimmed.chars().take(MAX_STEM_CHARS).collect();
    let stem = stem.trim_end_matches(['.', ' ']).to_owned();
    if stem.is_empty() { "model".to_owned() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn a_name_becomes_a_stem_any_file_system_takes() {
        assert_eq!(file_stem("Research crew"), "Research crew");
        assert_eq!(file_stem("../../etc/passwd"), "etc passwd");
        assert_eq!(file_stem("Crew <script>alert(1)</script>"), "Crew script alert(1) script");
        assert_eq!(file_stem("a:b*c?\"d|e\\f\n\tg"), "a b c d e f g");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(file_stem("  ...  "), "model");
        assert_eq!(file_stem(""), "model");
        assert_eq!(file_stem(&"x".repeat(300)).chars().count(), 80);
        assert_eq!(file_stem("Étude — agents"), "Étude — agents");
    }
}
