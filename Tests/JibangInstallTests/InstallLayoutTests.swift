import JibangInstall
import Testing

@Suite struct InstallLayoutTests {
    @Test func debianDiffersOnlyWherePolicyDoes() {
        let local = InstallLayout(.local)
        let debian = InstallLayout(.debian)
        #expect(local.manPage == "share/man/man1/jibang.1")
        #expect(debian.manPage == "share/man/man1/jibang.1.gz")
        #expect(local.zshCompletion == "share/zsh/site-functions/_jibang")
        #expect(debian.zshCompletion == "share/zsh/vendor-completions/_jibang")
        #expect(local.binary == debian.binary)
        #expect(local.bashCompletion == "share/bash-completion/completions/jibang")
        #expect(local.completions.map(\.shell) == ["bash", "zsh", "fish"])
    }

    @Test func manifestRoundTripsAndNamesWhatAnUpgradeDrops() {
        let old = InstallManifest(files: ["share/doc/jibang/old.md", "bin/jibang"])
        #expect(old.files == ["bin/jibang", "share/doc/jibang/old.md"])
        #expect(InstallManifest(parsing: old.text) == old)
        #expect(old.text.hasPrefix("# "))
        let new = InstallManifest(files: ["bin/jibang", "share/man/man1/jibang.1"])
        #expect(old.leftOver(after: new) == ["share/doc/jibang/old.md"])
        #expect(new.leftOver(after: new).isEmpty)
    }
}
