"""Lossless embedded metadata: A1111 parameters, our JSON record and XMP/IPTC in PNG, JPEG and WEBP."""

from seedream_desktop.library.metadata.reader import ImageInfo, read_image_info, read_record
from seedream_desktop.library.metadata.writer import EmbeddingWriter, embed

__all__ = ["EmbeddingWriter", "ImageInfo", "embed", "read_image_info", "read_record"]
