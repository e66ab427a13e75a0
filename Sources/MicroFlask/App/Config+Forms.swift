/// The form and body settings as the HTTP layer's values.
extension Config {
    /// The limits the form parsers apply (`maxFormMemorySize`, `maxFormParts`, `maxFormFieldsSize`,
    /// `temporaryFolder`).
    public var formLimits: FormLimits {
        var limits = FormLimits()
        limits.maxMemorySize = maxFormMemorySize
        limits.maxParts = maxFormParts
        limits.maxFieldsSize = maxFormFieldsSize
        limits.temporaryDirectory = temporaryFolder
        return limits
    }
}
