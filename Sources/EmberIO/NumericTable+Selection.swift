extension NumericTable {
    /// Splits the table into a feature matrix and a target vector for supervised learning.
    ///
    /// ```swift
    /// let table = try NumericTable.parse(text: "a,b,y\n1,2,3\n4,5,6\n")
    /// let data = try table.select(target: "y", features: ["b", "a"])
    /// assert(data.features == [2, 1, 5, 4] && data.featureNames == ["b", "a"])
    /// ```
    ///
    /// Time and memory are linear in the number of columns and cells.
    ///
    /// - Parameters:
    ///   - target: The name of the column to predict.
    ///   - features: The input columns, in the order wanted; `nil` means every other column in file order.
    /// - Returns: The features row-major (`rowCount × featureCount`) and the target.
    /// - Throws: ``NumericTableError/unknownColumn(name:available:)``, ``NumericTableError/targetIsFeature(name:)``,
    ///   ``NumericTableError/duplicateFeature(name:)`` or ``NumericTableError/noFeatures(target:)``.
    public func select(target: String, features: [String]? = nil) throws -> SupervisedData {
        // Column names are unique (checked when the table was made), so each maps to one index.
        let indexOf = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        guard let targetIndex = indexOf[target] else {
            throw NumericTableError.unknownColumn(name: target, available: columns)
        }
        let featureNames = features ?? columns.filter { $0 != target }
        var featureIndices: [Int] = []
        featureIndices.reserveCapacity(featureNames.count)
        var chosen = [Bool](repeating: false, count: columns.count)
        for name in featureNames {
            guard let index = indexOf[name] else {
                throw NumericTableError.unknownColumn(name: name, available: columns)
            }
            guard index != targetIndex else { throw NumericTableError.targetIsFeature(name: name) }
            guard !chosen[index] else { throw NumericTableError.duplicateFeature(name: name) }
            chosen[index] = true
            featureIndices.append(index)
        }
        guard !featureIndices.isEmpty else { throw NumericTableError.noFeatures(target: target) }
        var matrix: [Double] = []
        matrix.reserveCapacity(rows.count * featureIndices.count)
        for row in rows {
            for index in featureIndices { matrix.append(row[index]) }
        }
        return SupervisedData(features: matrix, featureNames: featureNames,
                              target: rows.map { $0[targetIndex] }, targetName: target)
    }
}
