import Crypto
public import Foundation

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

extension SecretToken {
    /// The SHA-256 of `secret` in lower-case hex: all a store keeps of a token's or a session's
    /// secret, whatever the engine.
    public static func digest(_ secret: String) -> String {
        SHA256Hex.of(Data(secret.utf8))
    }
}

/// SHA-256 in lower-case hex: the fingerprint of an imported file, and all a store keeps of a secret.
public enum SHA256Hex {
    public static func of(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
