import Foundation
import ServiceBlueprint

extension Catalog {
    /// Starts loading the message catalogs on another thread, so that the first message a command
    /// writes does not wait for them on the critical path (the first reader of ``Catalog/shared``
    /// waits for a load in progress instead of starting its own).
    static func loadInBackground() {
        Thread.detachNewThread {
            _ = Catalog.shared.template("noun.step", in: .english)
        }
    }
}
