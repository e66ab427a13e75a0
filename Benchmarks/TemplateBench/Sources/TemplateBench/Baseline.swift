import MicroFlask

// Before the byte renderer: the response path copied the rendered String's UTF-8 into the body.
extension TemplateEnvironment {
    func renderBytes(_ name: String, _ context: [String: TemplateValue]) throws -> [UInt8] {
        Array(try render(name, context).utf8)
    }
}

extension App {
    func renderBytes(_ name: String, _ context: [String: TemplateValue]) throws -> [UInt8] {
        Array(try render(name, context).utf8)
    }
}
