"""The edit canvas: paint a mask and draw markup on an image, then send it as a region edit."""
