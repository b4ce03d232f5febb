import Foundation
import Hummingbird
import JibangBase
import JibangCore

/// The site page's correction form: an editor fixes a milestone's date, retracts or restores it
/// or one of its sources, with a reason, through the same rules and audit trail as the CLI and the API.
extension PageController {
    /// The correction form: what to do, the reason and, for an edit, the new date. (Its CSRF
    /// token and the session were checked by `AccessMiddleware`.)
    struct CorrectionForm: Decodable {
        let action: String?
        let reason: String?
        let date: String?
        /// The event kind (unchanged when empty or the same).
        let event: String?
        /// Another place, in any spelling (unchanged when empty): the milestone moves to its site.
        let place: String?
        /// The source's address, for retracting or restoring one source.
        let source: String?
    }

    /// POST /sites/{id}/milestones/{milestone}: edit the date, retract or restore the milestone
    /// or a source; back to the site page with what happened.
    @Sendable func correct(_ request: Request, context: Context) async throws -> Response {
        let place = try context.pathText("id")
        guard let id = Int64(try context.parameters.require("milestone")) else {
            throw APIError.badRequest("the milestone id must be a number")
        }
        let form = try await context.form(request, as: CorrectionForm.self)
        let message = await correct(milestone: id, form: form)
        let division = try services.gazetteer.resolve(idOrName: place, at: InputLocation(file: "place"))
        return Response(
            status: .seeOther, headers: [.location: "/sites/\(division.id)?" + QueryString.make([("message", message)])])
    }

    /// Applies a checked form; the message says what happened or what was wrong.
    func correct(milestone id: Int64, form: CorrectionForm) async -> String {
        do {
            let reason = try MilestoneCorrection.reason(form.reason)
            switch form.action {
            case "retract-source", "restore-source":
                guard let url = form.source, !url.isEmpty else {
                    return "Milestone #\(id): choose the source to \(form.action == "retract-source" ? "retract" : "restore")."
                }
                let retract = form.action == "retract-source"
                try await services.store.setRetracted(sourceOf: id, url: url, retract, reason: reason)
                services.invalidate()
                return "Milestone #\(id): source \(url) \(retract ? "retracted" : "restored")."
            case "retract", "restore":
                try await services.store.setRetracted(milestone: id, form.action == "retract", reason: reason)
                services.invalidate()
                return "Milestone #\(id) \(form.action == "retract" ? "retracted" : "restored")."
            default:
                func given(_ text: String?) -> String? {
                    let text = text?.trimmingCharacters(in: .whitespaces)
                    return text?.isEmpty == false ? text : nil
                }
                let change = MilestoneChange(event: given(form.event), date: given(form.date), place: given(form.place), reason: reason)
                let (stored, warnings) = try await services.store.correct(
                    milestone: id, with: change, gazetteer: services.gazetteer, today: RecordChecks.today)
                services.invalidate()
                return (["Milestone #\(id) is now \(stored.eventLabel), dated \(stored.date.humanDescription)."] + warnings).joined(separator: " ")
            }
        } catch {
            return "Milestone #\(id): \(APIError(error).detail)"
        }
    }
}
