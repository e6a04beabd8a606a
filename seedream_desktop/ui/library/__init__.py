"""The library browser: the whole library as a grid, with search, filters, boards, details and a viewer."""
