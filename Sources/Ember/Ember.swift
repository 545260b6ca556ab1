// The module users import: `import Ember` gives tensors, autograd, nn, optim, data, the backends and their
// registry, least squares (EmberLinalg), CSV and safetensors (EmberIO) and SVG plots (EmberPlot).
@_exported import EmberBackend
@_exported import EmberCore
@_exported import EmberIO
@_exported import EmberLinalg
@_exported import EmberPlot
