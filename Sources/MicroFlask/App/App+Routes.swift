import Foundation

extension App {
    /// Prints the route table like `flask routes`; returns the exit status.
    func printRoutes(sort: String, check: Bool) -> Int32 {
        let table: RouteTable
        do {
            table = try freeze().table
        } catch {
            print("\(error)")
            return 1
        }
        var rows = table.matchOrder + table.endpoints.buildOnly
        switch sort {
        case "endpoint": rows.sort { $0.route.endpoint < $1.route.endpoint }
        case "rule": rows.sort { $0.route.rule < $1.route.rule }
        case "methods": rows.sort { App.methodsColumn($0) < App.methodsColumn($1) }
        default: break
        }
        let header = ("Endpoint", "Methods", "Rule")
        let widths = (
            max(header.0.count, rows.map(\.route.endpoint.count).max() ?? 0),
            max(header.1.count, rows.map { App.methodsColumn($0).count }.max() ?? 0)
        )
        func line(_ a: String, _ b: String, _ c: String) -> String {
            a.padding(toLength: widths.0, withPad: " ", startingAt: 0) + "  "
                + b.padding(toLength: widths.1, withPad: " ", startingAt: 0) + "  " + c
        }
        print(line(header.0, header.1, header.2))
        print(
            line(
                String(repeating: "-", count: widths.0), String(repeating: "-", count: widths.1),
                "-----------------------"))
        for row in rows { print(line(row.route.endpoint, App.methodsColumn(row), row.route.rule)) }
        guard check else { return 0 }
        let shadowed = table.shadowedRoutes()
        for (route, winner) in shadowed {
            print(
                "shadowed: \(route.route.rule) [\(App.methodsColumn(route))] (\(route.route.location)) never matches: \(winner.route.rule) (\(winner.route.location)) is tried first and accepts every URL it would"
            )
        }
        if shadowed.isEmpty { print("routes --check: no duplicate or shadowed rules") }
        let unknown = unknownTemplateEndpoints(table)
        for use in unknown {
            print(
                "url_for: \(use.file):\(use.line): '\(use.endpoint)' names no endpoint; the known endpoints are: \(table.endpoints.names.joined(separator: ", "))"
            )
        }
        if unknown.isEmpty { print("routes --check: every url_for name in the templates has an endpoint") }
        return shadowed.isEmpty && unknown.isEmpty ? 0 : 1
    }

    /// The `url_for('name')` calls in the templates folder whose name no endpoint has, each with
    /// its path (the folder's path joined with the file's) and line.
    func unknownTemplateEndpoints(_ table: RouteTable) -> [TemplateEndpointScan.Use] {
        let directory = templates.directory
        let known = Set(table.endpoints.names)
        return TemplateEndpointScan.uses(inDirectory: directory).filter {
            !TemplateEndpointScan.isKnown($0.endpoint, among: known)
        }.map {
            TemplateEndpointScan.Use(
                file: (directory as NSString).appendingPathComponent($0.file), line: $0.line, endpoint: $0.endpoint)
        }
    }

    /// The registered methods, without the automatic HEAD and OPTIONS (as Flask shows them).
    static func methodsColumn(_ route: CompiledRoute) -> String {
        route.route.methods.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
