import Testing

/// Groups the suites for `Sources/MicroFlask/HTTP/Forms`, so `swift test --filter Forms` selects them.
@Suite enum FormsTests {}
