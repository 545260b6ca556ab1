"""Writes the safetensors fixtures of EmberIOTests with the reference implementation.

Run from this directory with `pip install safetensors numpy` done (torch is not needed):
    python3 make_fixtures.py
The Swift tests read these files and check that Ember writes the same bytes for the same tensors.
"""
import numpy as np
from safetensors.numpy import save_file, load_file

TENSORS = {
    "weight": np.array([[1.5, -2.0, 0.25], [3.0, 4.0, -0.5]], dtype=np.float32),
    "bias": np.array([0.125], dtype=np.float32),
    "layers.0.weight": np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float64) / 3.0,
}

save_file(TENSORS, "python_linear.safetensors")
save_file(TENSORS, "python_linear_metadata.safetensors", metadata={"format": "np"})

loaded = load_file("python_linear.safetensors")
assert all(np.array_equal(loaded[name], value) for name, value in TENSORS.items())
print("wrote python_linear.safetensors and python_linear_metadata.safetensors")
