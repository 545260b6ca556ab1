extension NumericTable {
    /// Splits the table into a feature matrix and a target vector for supervised learning.
    ///
    /// ```swift
    /// let table = try NumericTable.parse(text: "a,b,y\n1,2,3\n4,5,6\n")
    /// let data = try table.select(target: "y", features: ["b", "a"])
    /// assert(data.features == [2, 1, 5, 4] && data.featureNames == ["b", "a"])
    /// ```
    ///
    /// - Parameters:
    ///   - target: The name of the column to predict.
    ///   - features: The input columns, in the order wanted; `nil` means every other column in file order.
    /// - Returns: The features row-major (`rowCount × featureCount`) and the target.
    /// - Throws: ``NumericTableError/unknownColumn(name:available:)``, ``NumericTableError/targetIsFeature(name:)``,
    ///   ``NumericTableError/duplicateFeature(name:)`` or ``NumericTableError/noFeatures(target:)``.
    public func select(target: String, features: [String]? = nil) throws -> SupervisedData {
        guard let targetIndex = columns.firstIndex(of: target) else {
            throw NumericTableError.unknownColumn(name: target, available: columns)
        }
        let featureNames = features ?? columns.filter { $0 != target }
        var featureIndices: [Int] = []
        for name in featureNames {
            guard let index = columns.firstIndex(of: name) else {
                throw NumericTableError.unknownColumn(name: name, available: columns)
            }
            guard index != targetIndex else { throw NumericTableError.targetIsFeature(name: name) }
            guard !featureIndices.contains(index) else { throw NumericTableError.duplicateFeature(name: name) }
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
