import Foundation
import PackagePlugin

/// Records the git commit the binary is built from, and when, in `BuildInfo.commit` and
/// `BuildInfo.date` (for `jibang --version` and the Debian package). Reruns when the checkout's
/// HEAD or its branch moves; outside a git checkout the commit is "unknown commit".
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let git = package.appending(path: ".git")
        var inputs: [URL] = []
        let head = git.appending(path: "HEAD")
        if FileManager.default.fileExists(atPath: head.path) {
            inputs.append(head)
            if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
                let ref = git.appending(path: text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
                if FileManager.default.fileExists(atPath: ref.path) { inputs.append(ref) }
            }
            let packed = git.appending(path: "packed-refs")
            if FileManager.default.fileExists(atPath: packed.path) { inputs.append(packed) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        return [
            .buildCommand(
                displayName: "Recording the build's commit", executable: try context.tool(named: "jibang-embed").url,
                arguments: ["--build-info", output.path, git.path], inputFiles: inputs, outputFiles: [output])
        ]
    }
}
