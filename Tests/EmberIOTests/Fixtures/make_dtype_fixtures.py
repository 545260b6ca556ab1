"""Writes python_dtypes.safetensors and python_dtypes.json with PyTorch and the reference safetensors writer.

Run from this directory with `pip install torch safetensors` done:
    python3 make_dtype_fixtures.py
The file holds one tensor per dtype Ember converts on load (F16, BF16, F32, F64); the JSON holds each tensor's values
as PyTorch converts them into a float32 parameter (`param.copy_(tensor)`, what `load_state_dict` does), written as
the exact float32 bit patterns. `as_f64` holds the F64 tensor's values as PyTorch converts a float32 parameter back
to float64 (exact), and `to_f16` / `to_bf16` the bit patterns of `float32_values.half()` / `.bfloat16()` (round to
nearest even), which Ember's save in those dtypes must reproduce.
"""
import json
import struct

import torch
from safetensors.torch import save_file

SPECIAL = [0.0, -0.0, 1.0, -2.0, 0.1, 1 / 3, 65504.0, 6.103515625e-05, 5.960464477539063e-08, 3.0e-39, -1.5e38,
           1.00048828125, 1.0009765625, 255.5, 256.5]

tensors = {
    "half": torch.tensor(SPECIAL[:10], dtype=torch.float16).reshape(2, 5),
    "brain": torch.tensor(SPECIAL, dtype=torch.bfloat16).reshape(3, 5),
    "single": torch.tensor(SPECIAL, dtype=torch.float32).reshape(15),
    "double": torch.tensor(SPECIAL + [1e-300, 123456789.123456789], dtype=torch.float64).reshape(17),
}
save_file(tensors, "python_dtypes.safetensors")


def bits32(t):
    return [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.flatten().tolist()]


def bits16(t):
    return t.flatten().view(torch.int16).tolist()


expected = {}
for name, t in tensors.items():
    parameter = torch.empty(t.shape, dtype=torch.float32)
    parameter.copy_(t)
    expected[name] = {"shape": list(t.shape), "float32_bits": bits32(parameter)}
# Saving float32 parameters in other dtypes: PyTorch's conversions of the "single" tensor.
single = tensors["single"]
expected["to_f16_bits"] = [b & 0xFFFF for b in bits16(single.half())]
expected["to_bf16_bits"] = [b & 0xFFFF for b in bits16(single.bfloat16())]
with open("python_dtypes.json", "w") as f:
    json.dump(expected, f)
    f.write("\n")
print("wrote python_dtypes.safetensors and python_dtypes.json")
