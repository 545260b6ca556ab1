import ArgumentParser
import Ember
import Foundation

/// `ember classify`: a classifier (multinomial logistic regression, an MLP or a CNN) trained with cross-entropy on a CSV
/// table, with the validation accuracy per epoch, the confusion matrix, per-class metrics, and for two classes an
/// exact IRLS check of the logistic model.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Train a classifier (logistic regression, an MLP or a CNN, cross-entropy loss) on a CSV table and report "
            + "accuracy, the confusion matrix and per-class precision, recall and F1.",
        discussion: """
            The --target column holds class labels: integers (classes in increasing numeric order) or names \
            (classes in sorted order, as Python's sorted()); mixing the two is an error. The rows are split into \
            training and validation sets (--val-fraction; 0 trains on every row), the features are standardised on \
            the training rows (--no-standardize turns it off), and the model is trained with --optimizer on \
            mini-batches (--batch-size) with optional early stopping (--patience) on the validation loss. The \
            validation accuracy is printed every --log-every epochs, then the confusion matrix (actual classes \
            down, predicted across) and precision, recall and F1 per class on the validation rows (the training \
            rows without a validation set), with scikit-learn's definitions (0 where a class is never predicted \
            or absent).

            With --model logistic on two classes, the exact maximum-likelihood solution of the same objective \
            (mean cross-entropy plus the L2 penalty that --weight-decay adds) is computed by Newton's method / \
            IRLS on LAPACK and printed next to the trained coefficients with their relative difference; when the \
            classes are separable and there is no weight decay, no maximum exists and the check says so.

            --save writes the network as safetensors with its first layer in the data's units (standardisation \
            folded in), so it takes raw features; --load starts from such a file and checks that it was made for \
            the same features and classes.

            --model cnn reads each row's feature columns as an image (--image-shape CxHxW, pixels row-major over \
            channel, row and column) and trains a LeNet-style network: per --channels entry a block Conv2d(3x3, \
            padding 1), ReLU, MaxPool2d(2), then Flatten, Linear(--hidden), ReLU and Linear to the classes. \
            Standardisation is per image channel and lives in the network's first layer, so its checkpoint takes \
            raw pixels and --load refuses one made for another image shape or other channels.
            """)

    @Option(help: "The CSV file: a header row of column names, then rows of numbers and a class label.")
    var csv: String
    @Option(help: "The column holding the class labels (integers or names).") var target: String
    @Option(help: "Comma-separated feature columns, in this order (default: every other column).")
    var features: String?
    @Option(help: ArgumentHelp("The model: logistic (one Linear layer), mlp (Linear, ReLU, … , Linear) or cnn "
            + "(convolution blocks, then an mlp)."))
    var model: ClassifierKind = .logistic
    @Option(help: ArgumentHelp("Hidden layer sizes of the mlp or of the cnn's linear layers, comma-separated "
            + "(default: 64; 128 for cnn)."))
    var hidden: String?
    @Option(parsing: .unconditional, help: "Dropout probability after each hidden ReLU of the mlp or cnn, in [0, 1).")
    var dropout: Double?
    @Option(name: .customLong("image-shape"),
            help: "With --model cnn: each row's pixels as CxHxW (channels x height x width), row-major.")
    var imageShape: String?
    @Option(help: "With --model cnn: the output channels of each convolution block, comma-separated (default: 16,32).")
    var channels: String?
    @Option(help: ArgumentHelp("Optimizer: \(OptimizerChoice.allCases.map(\.rawValue).joined(separator: ", ")) "
            + "(default: adam)."))
    var optimizer: OptimizerChoice = .adam
    @Option(parsing: .unconditional, help: ArgumentHelp(OptimizerChoice.learningRateHelp)) var lr: Double?
    @Option(parsing: .unconditional, help: "Training epochs; 0 is allowed with --load to only evaluate.")
    var epochs = 100
    @Option(name: .customLong("batch-size"), parsing: .unconditional,
            help: "Samples per optimizer step, shuffled every epoch (default: the full batch).")
    var batchSize: Int?
    @Option(name: .customLong("val-fraction"), parsing: .unconditional,
            help: "The share of rows held out for validation, in [0, 1); 0 trains on every row.")
    var valFraction: Double = 0.2
    @Option(parsing: .unconditional,
            help: "Stop when the validation loss has not improved for this many epochs and keep the best parameters.")
    var patience: Int?
    @Flag(inversion: .prefixedNo, help: "Standardise the features on the training rows (on by default).")
    var standardize = true
    @Option(name: .customLong("weight-decay"), parsing: .unconditional,
            help: ArgumentHelp("Weight decay λ of every parameter: sgd, adam and rmsprop add λ·p to the gradient "
                + "(an L2 penalty λ/2·‖p‖²); adamw decays p directly (default: 0, and 0.01 for adamw)."))
    var weightDecay: Double?
    @Option(parsing: .unconditional, help: "Random seed for the split, the shuffling, dropout and the initial parameters.")
    var seed: UInt64 = 42
    @Option(name: .customLong("log-every"), parsing: .unconditional,
            help: "Print the loss and the validation accuracy every this many epochs (0: never).")
    var logEvery = 1

    @Option(help: "Save the trained network to this safetensors file.") var save: String?
    @Option(help: "Start from the network in this safetensors file (as written by --save).") var load: String?
    @Option(help: "Draw the confusion matrix as a heatmap to this SVG file.") var plot: String?
    @Option(name: .customLong("loss-plot"), help: "Draw the training (and validation) loss per epoch to this SVG file.")
    var lossPlot: String?
    @Flag(name: .customLong("compile"),
          help: "Compile the training step: trace it once, then replay its kernels (EMBER_COMPILE_LOG=1 shows traces).")
    var compiled = false
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object with the results as the last line.") var json = false

    func run() throws {
        try require(epochs >= (load == nil ? 1 : 0),
                    load == nil ? "--epochs must be at least 1, got \(epochs)" : "--epochs must be 0 or more, got \(epochs)")
        try require(logEvery >= 0, "--log-every must be 0 or more, got \(logEvery)")
        if let batchSize { try require(batchSize >= 1, "--batch-size must be at least 1, got \(batchSize)") }
        try require(valFraction >= 0 && valFraction < 1, "--val-fraction must be in [0, 1), got \(valFraction)")
        if let patience {
            try require(patience >= 1, "--patience must be at least 1, got \(patience)")
            try require(valFraction > 0, "--patience needs a validation set (--val-fraction above 0)")
        }
        if let weightDecay {
            try require(weightDecay >= 0 && weightDecay.isFinite && Float(weightDecay).isFinite,
                        "--weight-decay must be a non-negative finite number, got \(weightDecay)")
        }
        let hiddenSizes = try parseHidden()
        let image = try parseImage()
        if let dropout {
            try require(model != .logistic, "--dropout needs --model mlp or cnn")
            try require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got \(dropout)")
        }
        let featureList = try features.map(LinregCommand.parseFeatureList)
        let learningRate = try optimizer.learningRate(lr)
        try OutputFiles.checkPaths(["--save": save, "--plot": plot, "--loss-plot": lossPlot], inputs: ["--csv": csv])
        let backend = try compute.apply()
        let data = try ClassificationData(path: csv, target: target, features: featureList, validationFraction: valFraction,
                                          seed: seed, standardize: standardize && model != .cnn)
        try image?.shape.check(features: data.featureCount, blocks: image?.channels.count ?? 0,
                               channelsText: channels ?? "16,32")
        try train(data: data, hidden: hiddenSizes, image: image, learningRate: learningRate, backend: backend)
    }

    /// `--image-shape` and `--channels`: required and allowed with `--model cnn` only.
    private func parseImage() throws -> (shape: ImageShape, channels: [Int])? {
        guard model == .cnn else {
            try require(imageShape == nil, "--image-shape needs --model cnn")
            try require(channels == nil, "--channels needs --model cnn")
            return nil
        }
        guard let imageShape else { throw CLIError("--model cnn needs --image-shape CxHxW, such as 1x28x28") }
        return (try ImageShape(parsing: imageShape), try channels.map(ImageShape.parseChannels) ?? [16, 32])
    }

    /// `--hidden 64,64` → `[64, 64]`; only with `--model mlp` or `cnn`.
    private func parseHidden() throws -> [Int] {
        guard let hidden else { return model == .cnn ? [128] : [64] }
        try require(model != .logistic, "--hidden needs --model mlp or cnn")
        let parts = hidden.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let size = Int(part) else {
                throw CLIError("--hidden must be comma-separated layer sizes such as 64,64, got \"\(hidden)\"")
            }
            try require(size >= 1, "--hidden layer sizes must be at least 1, got \(size)")
            return size
        }
    }

    private func train(data: ClassificationData, hidden: [Int], image: (shape: ImageShape, channels: [Int])?,
                       learningRate: Float, backend: any Backend) throws {
        manualSeed(seed)
        let classifier = ClassifierModel(kind: model, features: data.featureCount, classes: data.classes.count,
                                         hidden: hidden, dropout: dropout ?? 0, image: image?.shape,
                                         channels: image?.channels ?? [])
        if let load {
            try classifier.load(load, data: data)
        } else if standardize, let input = classifier.image {
            try input.fit(data.inputs(data.train), count: data.train.count, path: csv)
        }
        let train = data.tensors(data.train)
        let validation = data.validation.isEmpty ? nil : data.tensors(data.validation)
        let validationLabels = data.validation.map { data.labels[$0] }
        let decay = weightDecay ?? (optimizer == .adamw ? 0.01 : 0)

        let progress = ProgressLine(total: epochs, json: json)
        var training = ModelTraining(model: classifier.network,
                                     optimizer: optimizer.make(classifier.network.parameters(), lr: learningRate,
                                                               weightDecay: weightDecay.map(Float.init)),
                                     train: train, validation: validation, batchSize: batchSize, epochs: epochs,
                                     patience: patience, seed: seed, loss: ClassifierModel.loss)
        training.compiles = compiled
        training.labelLoss = { CrossEntropyLoss()($0, $1) }
        let run = try training
            .run(in: Launch.group) { epoch, loss, validationLoss in
                progress.epoch(epoch, loss: loss, validationLoss: validationLoss, logEvery: logEvery) {
                    validation.map { accuracy(actual: validationLabels, predicted: classifier.predict($0.x)) }
                }
            }
        progress.finish()

        let trainPredicted = classifier.predict(train.x)
        let trainLabels = data.train.map { data.labels[$0] }
        let trainAccuracy = accuracy(actual: trainLabels, predicted: trainPredicted)
        let split = validation == nil ? "train" : "validation"
        let matrix = validation.map {
            ConfusionMatrix(actual: validationLabels, predicted: classifier.predict($0.x), classCount: data.classes.count)
        } ?? ConfusionMatrix(actual: trainLabels, predicted: trainPredicted, classCount: data.classes.count)
        let check = model == .logistic && data.classes.count == 2
            ? try LogisticCheck(model: classifier, data: data, weightDecay: decay) : nil

        print("Final loss \(String(format: "%.6f", run.finalLoss)) after \(run.epochsRun) epochs"
              + (run.stoppedEarly ? " (stopped early; best validation loss at epoch \(run.bestEpoch ?? 0))" : "")
              + " in \(String(format: "%.2f", run.trainSeconds * 1000)) ms on \(backend.name) (\(Threads.count) threads), "
              + "\(model.rawValue), \(optimizer.displayName), \(data.train.count) training and \(data.validation.count) "
              + "validation rows" + (standardize ? ", standardised" : ""))
        print("Training accuracy \(String(format: "%.4f", trainAccuracy))"
              + (validation == nil ? "" : ", validation accuracy \(String(format: "%.4f", matrix.accuracy))"))
        print("\nConfusion matrix (\(split) rows):\n" + ClassificationTables.confusion(matrix, classes: data.classes))
        print("\n" + ClassificationTables.perClass(matrix, classes: data.classes))
        if let check {
            print("\n" + check.table(names: data.featureNames, label: optimizer.displayName, classes: data.classes,
                                     decoupled: optimizer == .adamw))
        }

        if json {
            var irls: ClassifyReport.IRLS?, noMaximum: String?
            switch check?.outcome {
            case let .solved(trained, exact, diff)?: irls = .init(trained: trained, exact: exact, maxRelativeDiff: diff)
            case let .noMaximum(reason)?: noMaximum = reason
            case nil: break
            }
            var report = ClassifyReport(
                backend: backend.name, threads: Threads.count, model: model.rawValue, hidden: classifier.hidden,
                optimizer: optimizer.rawValue, learningRate: lr ?? optimizer.defaultLearningRate, weightDecay: decay,
                batchSize: batchSize.map { min($0, data.train.count) } ?? data.train.count, standardized: standardize,
                classes: data.classes, features: data.featureNames, target: data.targetName, epochs: run.epochsRun,
                bestEpoch: run.bestEpoch, stoppedEarly: run.stoppedEarly, finalLoss: run.finalLoss,
                finalValidationLoss: run.finalValidationLoss, trainAccuracy: trainAccuracy,
                valAccuracy: validation == nil ? nil : matrix.accuracy, confusion: matrix.counts, confusionSplit: split,
                perClass: ClassificationTables.metrics(matrix, classes: data.classes), irls: irls,
                irlsNoMaximum: noMaximum, trainSeconds: run.trainSeconds, trainRows: data.train.count,
                validationRows: data.validation.count)
            report.imageShape = image?.shape.description
            report.channels = image?.channels
            print(try encodeJSONLine(report))
        }
        classifier.convertFirstLayer(data.scaler, toTraining: false)
        try OutputFiles(
            save: save.map { ($0, classifier.network, classifier.metadata(data: data)) },
            plot: plot.map { ($0, confusionMatrixPlot(counts: matrix.counts, classes: data.classes,
                                                      title: "Confusion matrix (\(split) rows)")) },
            lossPlot: lossPlot.map {
                ($0, EmberPlot.lossPlot(train: run.trainLosses, validation: validation.map { _ in run.validationLosses },
                                        title: "Loss (cross-entropy)"))
            }
        ).write()
    }
}
