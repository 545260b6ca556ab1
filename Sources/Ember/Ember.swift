// The module users import: `import Ember` gives tensors, autograd, nn, optim, data, the backends and their
// registry, least squares (EmberLinalg), CSV and safetensors (EmberIO), SVG plots (EmberPlot), and
// two built-in backends by type: `ReferenceBackend` (the definition of every kernel, a base a third-party backend
// can forward to) and `SIMDBackend` with its `SIMDKernelPath`.
@_exported import EmberBackend
@_exported import EmberCore
@_exported import EmberIO
@_exported import EmberLinalg
@_exported import EmberPlot
@_exported import EmberReference
@_exported import EmberSIMD
