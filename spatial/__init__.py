"""Sasaran spatial core: database access, loaders, generator and analyses."""
