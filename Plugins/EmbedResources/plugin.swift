import Foundation
import PackagePlugin

/// Compiles a target's `Resources/` folder into the target as Swift string literals
/// (`EmbeddedResources.files`), so the binary needs no resource bundle beside it and runs from
/// any folder once installed.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL.appending(path: "Resources")
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
        }
        files.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding the resources of \(target.name)", executable: try context.tool(named: "jibang-embed").url,
                arguments: [output.path, folder.path] + files.map(\.path), inputFiles: files, outputFiles: [output])
        ]
    }
}
