/// Terminal column widths of text: East Asian wide and fullwidth characters (Chinese, fullwidth punctuation)
/// take two columns, combining marks none, everything else one; so tables with Chinese names line up.
public enum DisplayWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    /// `text` padded with spaces on the right (or left, for numbers) to `columns` display columns.
    public static func pad(_ text: String, to columns: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, columns - of(text)))
        return right ? fill + text : text + fill
    }

    /// Columns of one scalar (after Unicode's East Asian Width property, W and F classes).
    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
