"""The result grid: the model of results and placeholders, its view, delegate and drag-out."""
