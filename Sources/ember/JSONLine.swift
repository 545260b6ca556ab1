import Foundation

/// `value` as one line of JSON: sorted keys, Swift's camelCase property names in snake_case
/// (`finalLoss` → `final_loss`, `trainMSE` → `train_mse`), as the `--json` outputs document.
func encodeJSONLine(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
