import JibangCLI

/// The executable only hands over to the CLI library, so tests can drive the same commands.
@main
enum JibangMain {
    static func main() async {
        await Jibang.runMain()
    }
}
