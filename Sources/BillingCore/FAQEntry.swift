/// One question and answer of the billing FAQ, in the order patients see them.
public struct FAQEntry: Sendable, Codable, Equatable {
    public var question: String
    public var answer: String
    /// A short heading the FAQ page groups entries under ("Insurance", "Paying").
    public var topic: String
    /// 1-based place on the FAQ page.
    public var position: Int

    public init(question: String, answer: String, topic: String, position: Int) {
        self.question = question
        self.answer = answer
        self.topic = topic
        self.position = position
    }
}
