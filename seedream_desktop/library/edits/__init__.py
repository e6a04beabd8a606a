"""Region edits: masks, visual markup, the marked copy sent as image 2, and paste-back into the original.

Runware's Seedream API has no mask field, so an edit shows the model the region (a marked copy) and the
app keeps the rest of the picture itself (paste-back through the feathered mask). Pure Pillow, no Qt.
"""
