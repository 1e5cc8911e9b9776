-- No JIT for the rest of this transaction (candidate queries): compiling their expressions costs
-- more than the index-driven query itself (~2 s of JIT at 1,000,000 households).
SET LOCAL jit = off
