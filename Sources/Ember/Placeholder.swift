@_exported import EmberCore
