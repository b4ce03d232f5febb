import Mustache

/// The pages' Mustache templates, compiled once into a library. Each page template fills the
/// `layout` parent's `content` block; `field`, `select`, `filters` and `sources` are partials.
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout, "field": field, "select": select, "sources": sources, "filters": filters, "error": error,
        "overview": overview, "sites": sites, "site": site, "trend": trend, "compare": compare, "kwic": kwic, "releases": releases,
        "corpus": corpus, "changes": changes, "banner": banner, "signin": signin, "desk": desk, "confirm": confirm,
    ]

    /// Every template, parsed. A template that does not parse is a programming error that the
    /// tests catch (each page is rendered there), so it stops the server at once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in all {
            do { try library.register(text, named: name) } catch { preconditionFailure("the page template \(name) does not parse: \(error)") }
        }
        return library
    }()

    /// `view` rendered with the template `name`.
    static func render(_ view: Any, with name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}
