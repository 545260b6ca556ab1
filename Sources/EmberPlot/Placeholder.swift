// EmberPlot
