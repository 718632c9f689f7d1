/// The language a patient reads their statements and pages in.
public enum Language: String, Sendable, Codable, CaseIterable {
    case english = "en"
    case spanish = "es"
}
