print("kernel bench")
