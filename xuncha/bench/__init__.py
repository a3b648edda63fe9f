"""Scale: the realistic data generator (`xuncha bench seed`) and the benchmark suite
(`xuncha bench run`, `make bench`)."""
