import Testing

/// Groups the suites for `Sources/MicroFlask/Crypto`, so `swift test --filter Crypto` selects them.
@Suite enum CryptoTests {}
