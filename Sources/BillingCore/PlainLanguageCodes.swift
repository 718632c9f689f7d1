// TEMPORARY dev scaffold, replaced by the real table before commit.
public enum PlainLanguageCodes {
    public static func describe(code: String, language: Language = .english) -> String { "Service \(code)" }
}
