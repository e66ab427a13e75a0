/// `{{ value|lower }}`, `{{ value|upper }}` and `{{ items|join(', ') }}` written straight into
/// the output (see ``TemplateFusedFilter``).
extension TemplateRenderer {
    /// Writes `{{ base|filter }}`: fused when the input allows it, else through the filter
    /// function as `{{ }}` would (the input is evaluated once either way).
    mutating func writeFused(
        _ filter: TemplateFusedFilter, _ base: TemplateExpression, _ call: TemplateFilterCall,
        into out: inout TemplateOutput
    ) throws {
        do {
            let input = try evaluate(base)
            if let input, try writeFused(filter, input, call, into: &out) { return }
            if input == nil, strictUndefined ? !call.acceptsUndefined : call.isNumeric { throw undefinedError(base) }
            let result = try call.function(input, evaluateArguments(call.arguments), evaluateKeywords(call.keywords))
            if result == nil, strictUndefined { throw undefinedError(.filter(base, call)) }
            write(result, into: &out)
        } catch let error as TemplateError {
            throw error.located(in: templateName, at: call.location)
        }
    }

    /// The fused form: false, with nothing written, when the input needs the ordinary path.
    private mutating func writeFused(
        _ filter: TemplateFusedFilter, _ input: TemplateValue, _ call: TemplateFilterCall,
        into out: inout TemplateOutput
    ) throws -> Bool {
        switch filter {
        case .lower, .upper:
            let escape: Bool
            var text: String
            switch input {
            case .string(let string):
                escape = autoescape
                text = string
            case .safe(let markup):
                escape = false
                text = markup
            default:
                return false
            }
            let written = text.withUTF8 { bytes -> Bool in
                let source = UnsafeRawBufferPointer(bytes)
                // Python's lower() and upper() differ from ASCII case mapping only beyond ASCII.
                guard source.allSatisfy({ $0 < 0x80 }) else { return false }
                switch (filter, escape) {
                case (.lower, true): out.writeEscapedLowercased(source)
                case (.lower, false): out.write(source, mapping: TemplateFusedFilter.lowered)
                case (_, true): out.writeEscapedUppercased(source)
                case (_, false): out.write(source, mapping: TemplateFusedFilter.uppered)
                }
                return true
            }
            guard written else { return false }
            return true
        case .join:
            guard case .array(let items) = input else { return false }
            let simple = items.allSatisfy {
                switch $0 {
                case .string, .int: return true
                default: return false
                }
            }
            guard simple else { return false }
            var separator = ""
            if let argument = call.arguments.first {
                guard case .string(let text)? = try evaluate(argument) else { return false }
                separator = text
            }
            for (index, item) in items.enumerated() {
                if index > 0 { autoescape ? out.writeEscaped(separator) : out.write(separator) }
                switch item {
                case .string(let text): autoescape ? out.writeEscaped(text) : out.write(text)
                case .int(let number): out.write(number)
                default: break
                }
            }
            return true
        }
    }
}
