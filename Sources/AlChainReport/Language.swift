/// The report's language: Chinese (the planners') by default, English on request.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The HTML `lang` attribute.
    var htmlTag: String { self == .zh ? "zh-CN" : "en" }
}
