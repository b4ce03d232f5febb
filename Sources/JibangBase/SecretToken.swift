import Foundation

/// Unguessable secrets for tokens, session cookies and CSRF tokens: 32 bytes from the system's
/// cryptographic generator, as URL-safe base64 without padding (fits a cookie, a form field and
/// a header unescaped).
public enum SecretToken {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
